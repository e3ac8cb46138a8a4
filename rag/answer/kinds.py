"""The kind of answer a question asks for, and whether a sentence states that kind of fact.

"哪年建成" asks for a time, "最多补多少" for an amount, "靠什么机制推进" for a mechanism, "报修电话是多少"
for a contact. The extractive backbone (``rag.answer.extract``) prefers the sentence that states
the kind asked — a year beside the asked verb, an amount in 元 — over one that merely shares the
question's words, and refuses when the clauses on the question's subject state no fact of that
kind (an amount the plan never gives, a rent, a procedure, a telephone number).

Question cues are words of the genre (how people ask about policy documents); sentence patterns
are the forms plans write such facts in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from rag.answer.sentences import folded


class Kind(StrEnum):
    """Kinds of fact a question can ask for."""

    WHEN = "when"  # a year, a date, a deadline
    DURATION = "duration"  # how long: 3年, 5个工作日, 有效期
    FREQUENCY = "frequency"  # how often: 每年至少一次, 每季度
    AMOUNT = "amount"  # money
    SHARE = "share"  # a percentage
    COUNT = "count"  # a number of things with a unit
    RATE = "rate"  # an amount per unit (每公斤, 每人每月)
    PLACE = "place"  # where
    MECHANISM = "mechanism"  # a mechanism, system, platform, model
    PROCEDURE = "procedure"  # how to apply: the steps
    FORM = "form"  # which materials or form to hand in
    CHANNEL = "channel"  # where to apply: a window, a body that handles it
    PLATFORM = "platform"  # which online platform, system, website or app
    PENALTY = "penalty"  # what a breach costs: 处…罚款, 责令改正, 吊销
    STACKING = "stacking"  # whether two supports add up: 就高不重复, 不得重复享受
    PAYMENT = "payment"  # how a support is paid out: 分三期发放, 一次性给予, 首次发放60%
    SUPPORT = "support"  # whether there is a subsidy at all: 有没有购车补贴 → a sentence granting one
    CONDITION = "condition"  # who is eligible, on what condition
    FOCUS = "focus"  # what a place or a task concentrates on (重点发展…)
    CONTACT = "contact"  # a telephone number, a contact person
    ADDRESS = "address"  # a street address or an office: 地址在哪 is not answered by a telephone number
    EMAIL = "email"  # an e-mail address: 邮箱是多少 is not answered by a telephone number
    PERSON = "person"  # who to contact by name: 联系人叫什么 is not answered by an office's telephone
    FEE = "fee"  # a rent, a price, a charge
    CHANGE = "change"  # how it compares with before or with another (比以前多了多少): 由原来的10万元提高到15万元
    EXTRA = "extra"  # a raise on a support for some (能不能再加一点, 有没有额外奖励): 上浮10%, 再增加2万元


NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"  # 24, 2.5 or 二十四
_ONLINE = r"网站|APP|小程序|公众号|平台(?:申请|申报|提交|登录|领取|办理)|通过[^，。；]{1,20}?(?:平台|系统|小程序|APP)(?:申请|申报|提交|办理|进行)|线上|在线(?:申请|申报|提交|办理)|登录"  # where one applies online
# percentage points as people ask them (按几个点补: a share, not a count of 个; 几个点位 is a count)
AFTER_POINTS = r"(?:百分)?点(?![位子])"
POINTS = rf"(?:几|多少)个{AFTER_POINTS}"
UNITS = r"个|家|座|辆|台|名|人|户|项|处|场|批|张|所|条|次|人次|列|层|公里|千米|米|毫米|厘米|平方米|立方米|亩|吨|兆瓦|千瓦|万千瓦|栋|套|艘|架|部|种|类|村|镇|园"
_WHEN_PAID = r"(?:什么时候|何时)(?:能)?(?:拨付|发放|兑现|到账)"  # a payment schedule asked, not a date
# what a support pays, asked whether it exists (有没有…补偿, 津贴吗)
_PAID = r"(?:补贴|补助|奖励|奖补|奖金|资助|贴息|优惠|扶持|补偿|津贴)"
# when the asker's own event was (前几天被野猪拱了, 那几天不开放, 几年前): no number asked; 提前几天 asks one
ASKERS_OWN_TIME = re.compile(r"(?:[这那這]|(?<!提)前)[几幾](?:天|年|个月|個月)|[几幾](?:天|年|个月|個月)前")
ASKS: dict[Kind, re.Pattern[str]] = {
    Kind.WHEN: re.compile(r"什么时候|何时|哪一?年|哪个月|几月|几号|哪天|哪一天|什么时间|截止|截至|到什么时候|年底前|之前要|多会儿|"
                          r"哪年底|开始施行|何时施行|什么日期"),
    Kind.FREQUENCY: re.compile(r"几回|几次|多少次|多久.{0,3}一次|多长时间.{0,3}一次|频次|频率|隔多久|多久一回"),
    # (前几天被野猪拱了, 前几年拿过奖, 这几年: when the asker's own event was, no time asked — ``ASKERS_OWN_TIME``
    # written as lookarounds; 提前几天 asks one)
    Kind.DURATION: re.compile(r"多长时间(?!.{0,3}一次)|多久(?!.{0,3}一[次回])|(?<![这那])(?<!(?<!提)前)几(?:年|天)(?!前)|多少年|期限|多少天|(?:多少|几)个(?:工作日|月|小时)|几分钟|多少分钟|有效期|时限|分几年|连续几年|补几年|能补多久"),
    # (补助多少天能拨下来 asks a time: 多少 before a unit of time counts no money)
    Kind.AMOUNT: re.compile(r"多少钱|几块钱|多少块钱|多少万|多少元|多少资金|(?:补|奖|给|拿|贴|返|领|报销|补助|补贴|奖励|资助|补偿|津贴|(?:拿|领)到)多少(?!天|个?工作日|个?月|年|日|周|小时|次)|最高|最多|"
                            r"(?:政府|财政|国家|省里|市里|县里|区里)(?:能|会|可以)?(?:帮着|帮忙|帮)?出多少|"
                            r"封顶|上限|金额|额度|规模[^，。？]{0,4}多大|多少亿|(?:补助|补贴|奖励|奖补|资助)[^，。？；]{0,6}标准|什么标准|多少补贴|多少奖励|多少补偿|"
                            r"(?:资金|经费|预算)[^，。？]{0,4}多少|多少(?:专项)?(?:资金|经费|预算)|"
                            r"(?:补贴|补助|奖励|奖补|资助|贴息)(?:资金|标准)?(?:是|要|该|应该)?(?:怎么|如何|咋)(?:算|计算|核定)"),
    # (专项资金安排多少, 安排多少专项资金: money, though no 钱 is said; 补贴怎么算: how much, by what rule)
    # (超比例安排, 超比例奖励: a share word in the name of what is asked about, not a share asked)
    Kind.SHARE: re.compile(rf"比例(?!安排|奖励|补贴|补助)|百分之|占比|占多少|多少成|几成|渗透率|覆盖率|比重|比率|百分比|{POINTS}"),
    # 哪几个部门 asks which ones, not how many
    # (几个工作日, 几个月: how long, not how many)
    Kind.COUNT: re.compile(rf"(?<!哪)(?:多少|几)(?:万|千|百|亿)?(?:{UNITS})(?!{AFTER_POINTS}|工作日|月|小时)|规模多大|数量|"
                            r"多大(?!比例|比重|年纪|岁数|关系|区别|影响|力度)"),  # (场地至少得多大, 多大面积: a size in its unit)
    # (每年筹多少套 asks a count a year, as targets state them, not a rate)
    Kind.RATE: re.compile(rf"每(?:公斤|千克|斤|节|课时|度|千瓦时|吨|辆|台|座|个|人|户|月|平方米|亩)[^，。？]{{0,8}}(?:多少|几)"
                          rf"|每年[^，。？]{{0,8}}(?:多少|几)(?!(?:万|千|百)?(?:{UNITS}))|/(?:kg|kwh)", re.I),
    Kind.PLACE: re.compile(r"哪(?:几|一)?(?:个|些)?(?:市|城市|地市|县|区|县区|地方|乡镇|镇|乡|村|园区|片区|里)|在哪|放在哪|布局在"),
    Kind.MECHANISM: re.compile(r"什么机制|哪些机制|什么制度|哪些制度|什么体系|什么模式|靠什么|通过什么|用什么|什么方式|"
                               r"什么办法|什么手段|怎么推进|如何推进|怎么管|如何管理|怎么保障|如何保障|怎么监管|如何监管|什么原则|哪些原则"),
    Kind.PROCEDURE: re.compile(r"怎么申请|如何申请|怎么申报|如何申报|申请流程|申报流程|办理流程|流程|(?:申请|申报|办理|审批|什么|哪些|哪个|啥)程序|程序(?:是什么|有哪些|怎么走|如何)|手续|怎么办理|如何办理|"
                               r"要不要办|需不需要办|怎么领"),
    # asking for the materials (要交哪些材料, 申报材料), not a product named 材料 (新材料产业, 正负极材料)
    Kind.FORM: re.compile(r"申请表|什么表|(?:什么|哪些|哪几样|哪几种|准备|提交|提供|交|带)[^，。？]{0,4}材料|(?:申请|申报)材料|"
                          r"材料(?:有哪些|要哪些|清单)|需要提交|提交什么|准备什么|(?:准备|提交|交|带)(?:哪些|什么)东西|什么资料|什么证明"),
    Kind.CHANNEL: re.compile(r"[到去在]哪(?:里|儿)?(?:办|申请|申报|报|领)|哪个窗口|什么渠道|哪个渠道"
                             r"|(?:交|报|送)(?:给|到)(?:谁|哪)"),  # 材料交给谁, 交到哪
    Kind.PLATFORM: re.compile(r"哪个APP|什么APP|哪个网站|哪个小程序|什么小程序|哪个公众号|什么公众号|(?:哪个|什么|哪些)(?:网上|线上|信息)?(?:申报|申请|管理|服务)?(?:平台|系统)|"
                              r"(?:平台|系统|网站)叫什么", re.I),
    Kind.CONDITION: re.compile(r"满足[^，。？]{0,3}条件|条件|资格|资质|门槛|符合什么|具备(?:什么|哪些)|够格|能不能享受|能否享受|可以享受吗|能不能申请|能否申请|可以申请吗|"
                               r"能不能拿|什么企业可以|什么样的|什么人可以|要求是什么|(?:什么|哪些)[^，。？]{0,4}要求|"
                               r"哪些(?:单位|企业|人|主体|机构)[^，。？]{0,6}(?:能|可以)|"  # (哪些企业可以, 哪些单位和个人能享受)
                               # (被罚了…今年还能申请这个扶持吗: whether the asker's own case still qualifies)
                               rf"还(?:能|可以)(?:申请|申报|享受|拿|领)[^，。？]{{0,6}}{_PAID}[^，。？]{{0,2}}吗|"
                               # (刚开了4个月，能不能参加今年的申报: whether the asker may take part at all)
                               r"(?:能不能|能否|可不可以|可以|能)参加[^，。？]{0,6}(?:申报|评选|评审|认定)"),
    Kind.STACKING: re.compile(r"叠加|同时享受|重复享受|重复拿|两边|兼得|一起享受|重复申报|同时申请|(?:一起|同时|一块|重复)(?:拿|领|报)|"
                              r"(?:两个|两项|两份|两种|两样|几项|几个)(?:能|可以)?都(?:能|可以)?(?:拿|领|享受|申请|申报|报)|"  # (两个都能拿吗, 能两个都拿吗, 两项能都报吗)
                              # a support had before a higher one (前面已经拿过1亿那档了还能拿吗)
                              r"(?:已经|之前|前面|以前|此前|刚)[^，。？]{0,4}(?:拿过|领过|享受过|获得过|拿了|领了|享受了)|"
                              # or a grade gone up since (拿过6万…今年升成金宿了，还能再拿多少: the 差额)
                              r"(?:拿过|领过|享受过|获得过|拿了|领了|(?:升|晋|评)(?:成|为|到|级|档|上))[^？?]{0,24}(?:还能|还可以|能不能再)"),
    Kind.PAYMENT: re.compile(rf"怎么发|如何发放|怎么给|怎么拨付|发放方式|分几次|分几期|分期|一次性?(?:给|发|拨)[^，。？]{{0,4}}(?:吗|么|到位)|"
                             rf"{_WHEN_PAID}"),
    # (or asked as a choice, 给不给补, 补不补, 这笔钱政府管不管: whether the government pays at all)
    Kind.SUPPORT: re.compile(rf"有没有[^，。？]{{0,12}}{_PAID}|{_PAID}吗|"
                             r"给不给[^，。？]{0,4}[补奖贴]|补不补|(?:钱|费用?)[^，。？]{0,4}管不管|"
                             # (建站资助给不给, 有没有钱补, 买空调能不能补, 房租还能补吗: whether one is paid, asked colloquially)
                             rf"给予?{_PAID}[^，。？]{{0,6}}吗|"  # (政府给补贴保费吗)
                             r"(?:补贴|补助|奖励|奖补|奖金|资助|贴息|钱)[^，。？]{0,3}给不给|有没有钱|能不能[补奖贴](?![^，。？]{0,3}多少)|(?:能|可以|会)[补奖贴]吗|"
                             # (产检的钱能报吗, 修车的钱可以找林业局报吗: whether someone pays it back)
                             r"(?:钱|费用?)[^，。？]{0,8}(?:能|可以)(?:给|帮)?(?:找[^，。？]{0,6})?报(?:销)?[^，。？]{0,4}吗|"
                             # (whether a policy reaches the asker's case, as people ask it: 这个政策我们能用吗, 能不能走这个政策,
                             # 拆迁队伍有份吗, 算不算在支持范围里, 也在政策里吗, 奖励覆盖做装备的企业吗, 有没有说法 (not 有啥说法:
                             # what a plan says of a fund, 产业基金, which grants nothing in words of paying), 有优惠没,
                             # 能沾上光吗, 政府兜不兜底, 享受得了吗, 认不认这个, 也算数吗, 是不是只有…才有)
                             r"政策[^，。？]{0,4}(?:能|可以)(?:用|走|享受)吗|能不能(?:用|走)(?:这个|这项|这些)?政策|走这个政策|"
                             r"有(?:没有)?份(?:吗|没有|儿)?(?=[，。？,.?!！]|$)|(?:算不算|在不在|算|在)[^，。？]{0,6}(?:支持|扶持|补贴|补助|奖励|奖补)范围|"
                             r"(?:也|都)?在(?:这个|这项)?政策(?:里|内|范围)|覆盖[^，。？]{0,10}吗|有没有说法|"
                             rf"有{_PAID}没|沾(?:上|得上)?光|兜不兜底|享受得(?:了|到|上)吗|认不认|算数吗|算不算数|是不是只有[^，。？]{{0,12}}才|"
                             # (像我们这种也行吗, 能顺带补点吗, 可以一并享受吗, 有没有照顾)
                             r"像我们这(?:种|样|类)[^，。？]{0,8}(?:行|能|可以)(?:吗|不)|补(?:点|一点|些|一些)(?:吗|不)|一并享受|有没有照顾|照顾吗"),
    Kind.FOCUS: re.compile(r"发展什么|发展哪些|什么方向|哪个方向|哪些方向|主攻|定位|重点发展|侧重"),
    Kind.CONTACT: re.compile(r"电话|号码|联系人|联系方式|找谁|哪位|姓名|邮箱|网址|咨询"),
    # where an office is (办公地址在哪, 在哪个办公室, 服务大厅在哪儿), not an e-mail address or which body
    # an office is set up in (办公室设在哪个部门)
    # (the office within a department, 工信局哪个科室, is where one goes, as 哪个办公室 is)
    Kind.ADDRESS: re.compile(r"(?<!邮箱)(?<!邮件)(?<!信箱)地址|办公地点|哪个办公室|哪个(?:科室|处室|[处科](?=[？?，,。]|负责|在管|管))|"
                             r"几楼|几号楼|哪栋楼|门牌|"
                             r"(?:大厅|办公室|办公地点)(?:具体)?(?:在哪|在什么地方|在什么位置)|在哪(?:里|儿)?办公"),
    Kind.EMAIL: re.compile(r"邮箱|电子邮件|电子信箱|e-?mail", re.I),
    Kind.PERSON: re.compile(r"联系人(?:是谁|叫什么|姓什么|是哪位)|(?:叫|姓)什么名字|姓名|哪位"),
    Kind.PENALTY: re.compile(r"罚多少|罚款多少|罚款标准|罚几|怎么罚|如何处罚|会被罚|处罚|罚款|罚钱"),
    # a comparison with what was before or with another way (比以前多了多少, 比2024年的老政策提高了吧, 比自己投保低吗)
    # (not the 比 of 评比: 名优茶评比拿了金奖，能奖多少 asks an amount)
    Kind.CHANGE: re.compile(r"(?<![占评])比(?![率例重值赛])[^，。？]{1,14}?(?:提高|增加|降低|下降|多|少|高|低)了?(?:多少|几|吧|吗|么|[？?])|"
                            r"(?:提高|增加|降低|下降|多|少|高|低)了多少|"
                            # the former figure asked (老政策是多少, 原来补几个点, 之前24米以下的补多少)
                            r"(?:原来|以前|之前|过去|老政策|老办法|旧政策|旧办法)[^，。？]{0,10}?(?:多少|几个点|几成)[？?]?$"),
    # more than a support pays everyone, for some (能多拿一些吗, 有没有额外加码; not 最多拿多少)
    Kind.EXTRA: re.compile(r"额外|加奖|再加|再多|(?<!最)多(?:拿|给|补|奖)|另外[^，。？]{0,4}(?:奖|补)|(?<!参)加多少"),
    # (场地租金加搭台子花了60万，能补多少: what the asker paid, not a rent asked)
    Kind.FEE: re.compile(r"(?:租金|房租)(?![^，。？]{0,8}(?:花了|花费|交了|付了|用了|\d))|收费标准|收多少|价格|多少钱一|电价是|服务费|费用是多少|多少费用|[\u4e00-\u9fff]费(?:标准|是多少|多少)"),
}
STATES: dict[Kind, re.Pattern[str]] = {
    Kind.WHEN: re.compile(r"\d{4}年|\d{1,2}月(?:\d{1,2}日|底|份|前|起)?|年底|年前|月底|季度|上半年|下半年|起施行|之日起|采暖季|"
                          r"满\d+个?(?:月|年|日|天)(?:后|以后|之后)"),  # 入职满6个月后开始申领: a time after an event
    # a number of days, months or years — not a year (2025年) or a date (6月5日)
    Kind.DURATION: re.compile(r"(?<![\d年月])(?:\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十百]+)\s*(?:个)?(?:工作日|日|天|个月|年|小时|周|分钟)"
                              r"(?![底前内]?\d)|有效期|长期|连续[一二两三四五六七八九十\d]"),
    # (每15日至少对电梯进行1次检查: every so many days, months or years)
    Kind.FREQUENCY: re.compile(r"每(?:年|半年|季度|季|月|周|旬|两年|三年|(?:\d{1,3}|[两三四五六七八九十]+)\s*(?:个)?(?:日|天|周|月|季度|年))[^，。；]{0,12}(?:次|回)|每(?:季度|月|周|旬)(?:末|初)?|定期"
                               # how many times one may claim it: 只能享受一次, 限申报1次, 最多申请两次
                               r"|(?:只能|仅能|仅限|限|最多|不超过)(?:享受|申报|申请|领取|获得|给予)?\s*(?:一|两|二|三|\d)\s*次"),
    # money in 元, or a subsidy given as a share of a cost (契税金额的50%给予补贴)
    # (or a raise of one: 额度上浮30%)
    Kind.AMOUNT: re.compile(rf"{NUMBER}\s*(?:万|亿|千)?元|\d+(?:\.\d+)?\s*%[^，。；]{{0,4}}(?:补贴|补助|奖励|资助|奖补|返还)"
                            rf"|(?:上浮|上调|提高|补贴|补助|资助|奖补)(?:比例|标准)?(?:为|是)?\d+(?:\.\d+)?\s*%"),  # (补助比例为10%)
    Kind.SHARE: re.compile(r"\d+(?:\.\d+)?\s*%|百分之|[一二三四五六七八九]成"),
    Kind.COUNT: re.compile(rf"(?<![第\d一二两三四五六七八九十百千]){NUMBER}\s*(?:万|亿|千|百)?(?:{UNITS})"),  # (第十四条 numbers an article, counts nothing)
    Kind.RATE: re.compile(r"每[^，。；\d]{1,12}\d+(?:\.\d+)?\s*(?:万|千|亿)?元|\d+(?:\.\d+)?\s*元\s*/"),  # (每个联合体给予不超过500万元)
    Kind.PLACE: re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|市|县|区|镇|乡|村|园区|开发区|新区|港|基地)"),
    Kind.MECHANISM: re.compile(r"机制|制度|平台|体系|模式|专班|联席会议|领导小组|清单|台账|系统|网络|考核|督导|通报|一站式|一网|"
                               r"长制|责任制|备案|监测|原则|坚持"),
    Kind.PROCEDURE: re.compile(r"申请|申报|提交|受理|审核|审批|备案|办理|提出|报送|登录|窗口|兑现"),
    # materials one hands in (申请材料, 提交以下材料：…), not a product (正负极材料)
    # (提交申报材料 alone says that materials are handed in, not which: no list of them)
    Kind.FORM: re.compile(r"(?:证明|下列|以下|如下|书面)[^，。；]{0,6}材料|材料(?:[：:]|包括|清单|如下)|申请表|申报表|"
                          r"复印件|营业执照|身份证|提交[^，。；]{0,12}(?:证明|复印件|资料)|附件"),
    Kind.PLATFORM: re.compile(rf"{_ONLINE}|https?://|www\.|(?:通过|依托|登录|经由|利用|使用|接入|纳入)[^，。；]{{0,15}}(?:平台|系统)",
                              re.I),
    # a window, an online service, or the body that handles it: 由所在地县级发展改革部门办理备案, 向所在乡镇（街道）提交
    Kind.CHANNEL: re.compile(rf"窗口|政务服务中心|服务大厅|{_ONLINE}|"
                              r"(?:由|向|到)[^，。；]{2,30}?(?:部门|局|委|中心|政府|管委会|乡镇|街道[）)]?)[^，。；]{0,4}(?:办理|申请|申报|提交|备案|受理)"
                              # 将材料报送所在街道办事处, 材料提交至区文化和旅游局
                              r"|(?:报送|提交|交)(?:至|到|给)?(?:所在(?:地)?)?[^，。；]{0,30}?(?:部门|局|委|中心|政府|管委会|乡镇|街道办事处|街道)(?=[，。；]|$)",
                             re.I),
    # who qualifies (须具有…, 应当符合…, 对…的), not any obligation (须全额退回)
    Kind.CONDITION: re.compile(r"符合|具备|具有|适用于|认定|对[^，。；]{2,30}的|以上的|不低于|不少于|不超过|年龄|满\d|"
                               r"(?<!必)须(?:在|具有|具备|符合|为|是|同时|配套|建立|配备|取得)|必须|应当(?:具备|具有|符合|同时|为)|不享受|不予|除外|不得"),
    Kind.FOCUS: re.compile(r"重点发展|主要发展|着力发展|主攻|定位|发展方向|重点打造|聚焦"),
    # the word 电话 or 租金 alone states none: a number does
    # (or a service line: 拨打12329住房公积金服务热线, 12345热线)
    Kind.CONTACT: re.compile(r"\d{3,4}-\d{7,8}|(?<!\d)1\d{10}(?!\d)|(?:电话|联系人|邮箱)[:：]\s*\S|电话\s*\d|@"
                             r"|(?<!\d)1\d{4}(?!\d)[^，。；]{0,12}热线|(?:拨打|热线)[^，。；\d]{0,8}(?<!\d)1\d{4}(?!\d)"),
    # a street and number, a building's floor or room (凤栖路128号商务大厦3楼305室, 翠屏路218号)
    Kind.ADDRESS: re.compile(r"[\u4e00-\u9fff]{1,10}(?:路|街|大道|巷|弄)\d+号|\d+号(?:楼|院)|\d+\s*(?:楼|层)\d*室?|\d{3,4}室|"
                             r"(?:大厦|大楼|广场)[A-Za-z\d]*(?:座|楼|层)"),
    Kind.EMAIL: re.compile(r"@|(?:邮箱|电子邮件|电子信箱|e-?mail)\s*[:：]\s*\S", re.I),
    Kind.PERSON: re.compile(r"联系人\s*[:：]\s*\S|[\u4e00-\u9fff](?:同志|先生|女士)"),
    Kind.PENALTY: re.compile(r"罚款|罚金|处罚|没收|吊销|警告|责令[^，。；]{0,8}改正"),
    Kind.STACKING: re.compile(r"重复(?!注册|提交|填报|录入|上传)|叠加|兼得|就高|从高|择优|累计享受|同时享受|同时申报|同时申请|不再享受|"
                              # (晋级的，按差额补足; 在取得注册证书时从奖励中扣除: what a support had before counts)
                              r"差额|级差|补足|(?:从|在)[^，。；]{0,8}中扣除|按(?:其中)?最高(?:的)?一项|"
                              # (只能选择其中一项, 只能选择一种改造方式: one of them, not both; 只奖励一次 is how
                              # often one support is paid)
                              r"只(?:能|可)?(?:选择|选)(?:其中)?(?:一种|一项|一个)|只(?:能|可)?(?:享受|申请|申报|领取)其中(?:一种|一项|一个)"),
    Kind.PAYMENT: re.compile(r"分[一二两三四五六七八九十\d]+(?:期|次|年)(?:发放|拨付|兑现|支付|给予)|一次性(?:给予|发放|拨付)|"
                             r"(?:发放|拨付|兑现)(?:剩余)?\d+%|\d+%[^，。；]{0,6}(?:发放|拨付|兑现)|按年度?(?:发放|拨付)|"
                             # when it reaches the account (于每年9月底前拨付到企业对公账户)
                             r"(?:工作日内|月底前|年底前|日前)[^，。；]{0,12}(?:拨付|发放|兑现|支付|划入|划拨)|"
                             r"(?:拨付|发放|划入|划拨)(?:至|到)[^，。；]{0,10}(?:账户|账上)"),
    Kind.SUPPORT: re.compile(r"补贴|补助|奖励|奖补|资助|优惠|扶持|给予|减免|贴息|支持|补偿|津贴"),
    # a change stated as such (由原来的10万元提高到15万元, 比2020年下降13.5%, 较上年增长10%)
    Kind.CHANGE: re.compile(r"由[^，。；]{0,14}(?:提高|增加|调整|上调|下调|降低)(?:到|至|为)|(?<![占评])比(?![率例重值])[^，。；]{1,14}(?:提高|增加|降低|下降|增长|减少)|"
                            r"较[^，。；]{0,10}(?:提高|增加|降低|下降|增长|减少)|(?:提高|增加|下降|降低)了|原来|原标准|上浮|下浮"),
    # a raise for some, stated as such (标准上浮10%, 每套再增加补贴2万元, 再给予, 提高至每人每月2400元)
    Kind.EXTRA: re.compile(r"上浮|上调|再增加|增加[^，。；]{0,6}(?:补贴|补助|奖励|资助)|再给予|另(?:行)?给予|额外|追加|"
                           r"提高(?:至|到|\d)|加发|再(?:奖励|补贴|补助)|翻倍|加倍|增发"),
    # (or waived: 前2年免收场地租金，第3年租金减半)
    Kind.FEE: re.compile(r"(?:租金|收费|价格|水价|电价|服务费|费用|费|价)[^，。；]{0,20}\d+(?:\.\d+)?\s*(?:万)?元"
                         r"|免收[^，。；]{0,6}(?:租金|费)|(?:租金|费用?)(?:减半|全免|免收|减免)|减半收取"),
}
# a rule leaving some out of a support (不予扶持, 不享受本条规定的补贴, 不得申报)
EXCLUDED = re.compile(r"不(?:享受|予(?:支持|扶持|补助|补贴|奖励|奖补|资助|补偿))|不得(?:享受|申请|申报)")
# Kinds a plan may simply not state: when none of the clauses on the question's subject states
# the kind asked, the question is refused rather than answered with a neighbouring fact.
SPECIFIC = frozenset({Kind.AMOUNT, Kind.SHARE, Kind.COUNT, Kind.RATE, Kind.CONTACT, Kind.ADDRESS, Kind.EMAIL, Kind.PERSON, Kind.FEE, Kind.PROCEDURE,
                      Kind.FORM, Kind.CHANNEL, Kind.PLATFORM, Kind.WHEN, Kind.DURATION, Kind.FREQUENCY,
                      Kind.PENALTY, Kind.STACKING, Kind.SUPPORT, Kind.PAYMENT, Kind.EXTRA, Kind.CHANGE})


_IN_UNITS = re.compile(rf"(?:{UNITS})")  # what 多少万 is a count of (多少万吨)
_BARE_CAP = frozenset({"最高", "最多", "封顶", "上限"})  # a most asked, of whatever the question counts
_FEE_PAID = re.compile(r"[^，。；？?]{0,3}?[补减免奖返]")  # (租金|能补多少: a support on the rent)
_NUMBER_OF = re.compile(rf"(?:多少|几)(?:个)?(?:工作日|天|日|年|个月|月|周|小时|{UNITS})")


def described(question: str, count: re.Match[str], kinds: Sequence[Kind] = tuple(Kind)) -> bool:
    """Whether a count cue (几个, 几家) describes the asker in a clause before the ask (几个人合伙
    创业，最多能贷多少): a later clause of the question asks another kind of fact (one of ``kinds``)."""
    cut = re.search(r"[，,；;]", question[count.end():])
    tail = question[count.end() + cut.end():] if cut else ""
    return bool(tail) and any(k is not Kind.COUNT and k in ASKS and ASKS[k].search(tail) for k in kinds)


def asked_kinds(question: str) -> tuple[Kind, ...]:
    """The kinds of fact ``question`` asks for, in the order the question asks them."""
    found = [(m.start(), kind) for kind, cue in ASKS.items() if (m := cue.search(question))]
    kinds = [kind for _, kind in sorted(found, key=lambda f: f[0])]
    if (Kind.CHANNEL in kinds or Kind.PLATFORM in kinds or Kind.ADDRESS in kinds) and Kind.PLACE in kinds:
        # 到哪里办 asks where to apply, 办公地址在哪 where an office sits: not a city or a county
        kinds.remove(Kind.PLACE)
    if Kind.AMOUNT in kinds and all(_IN_UNITS.match(question, m.end()) for m in ASKS[Kind.AMOUNT].finditer(question)):
        kinds.remove(Kind.AMOUNT)  # 多少万吨, 多少亿人次: a count in ten thousands of a unit, not money
    if Kind.EMAIL in kinds or Kind.PERSON in kinds:
        # 邮箱是多少, 联系人叫什么: that one way of reaching someone, whatever else the question
        # names (申报材料能不能发邮箱 asks for an address, not for the list of materials)
        kinds = [k for k in kinds if k in (Kind.EMAIL, Kind.PERSON)] + [k for k in kinds if k not in (Kind.EMAIL, Kind.PERSON, Kind.CONTACT)]
    if Kind.AMOUNT in kinds and all(m.group() in _BARE_CAP for m in ASKS[Kind.AMOUNT].finditer(question)) \
            and any(not described(question, m) for m in _NUMBER_OF.finditer(question)):
        kinds.remove(Kind.AMOUNT)  # 最多能隔多少天, 最多能报几个仓: the most of days or of things, not money
    if Kind.FEE in kinds and Kind.AMOUNT in kinds and all(_FEE_PAID.match(question, m.end()) for m in ASKS[Kind.FEE].finditer(question)):
        kinds.remove(Kind.FEE)  # 租金能补多少: how much of the rent is paid (按实际租金的30%给予补贴), not the rent
    if Kind.COUNT in kinds and all(described(question, m, kinds) for m in ASKS[Kind.COUNT].finditer(question)):
        kinds.remove(Kind.COUNT)  # 几个战友合伙创业，总额上限是多少: who asks, not a number asked
    if Kind.CHANGE in kinds:
        # 补助封顶2000万，这比老政策提高了吧: the comparison is asked, the amount is the asker's own
        kinds = [Kind.CHANGE, *(k for k in kinds if k is not Kind.CHANGE)]
    if Kind.RATE in kinds and Kind.AMOUNT in kinds and all(m.group().startswith("每年") for m in ASKS[Kind.RATE].finditer(question)):
        kinds.remove(Kind.RATE)  # 每年一共封顶多少, 每年拿多少钱: an amount a year (每年最高200万元), not a rate
    if Kind.PAYMENT in kinds and Kind.WHEN in kinds and re.search(_WHEN_PAID, question):
        kinds.remove(Kind.WHEN)  # 什么时候拨付 asks the payment schedule (分两年拨付：第一年…), not a date
    return tuple(kinds)


def states(kind: Kind, text: str) -> bool:
    """Whether ``text`` states a fact of ``kind`` (in either script: 50萬元 is an amount)."""
    return STATES[kind].search(folded(text)) is not None
