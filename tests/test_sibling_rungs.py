"""A question on a rung of a ladder the measure leaves out (博士后 beside 博士、硕士; 中级工 beside
高级工; 省内 beside 省外; 铜奖 beside 金奖、银奖; 医保 beside 养老保险; 团体标准 beside 国家标准、
地方标准; 合格 beside 考核优秀、良好; 七人制 beside 五人制、十一人制; 第二年 beside
首年) is refused, and so is an answer quoting only other rungs than the one asked (翻新改造 answered with the rule for 新建 ones, though the
article speaks of 改造 too); a rung the measure names, or reaches with 及以上, is answered.

One city measure, written for this test, supports its groups rung by rung.
"""

from __future__ import annotations

import pytest
from corpus_util import FILLER, corpus_fixture

MEASURES = "\n".join([
    "岚溪市支持青年人才就业创业若干措施",
    "一、发放生活补贴。对毕业5年内来岚溪就业的全日制博士研究生、硕士研究生、本科毕业生，分别按每人每年3.6万元、"
    "1.8万元、0.6万元给予生活补贴，分3年发放。",
    "二、给予安家补贴。对新引进的具有正高级专业技术职称的人才，在本市工作满3年后一次性发放安家补贴10万元。",
    "三、奖励技能提升。对取得高级工、技师、高级技师职业资格证书的，分别给予1500元、3000元、5000元技能提升奖励。",
    "四、支持拓展市场。对企业参加省外重点展会的，按展位费的50%给予补助，单个企业每年最高3万元。",
    "五、提供租房补贴。对新引进的本科及以上学历人才，按每人每月1000元给予租房补贴，最长3年。",
    "六、奖励品牌创建。茶叶产品在省级及以上名优茶评比中获得金奖、银奖的，每个产品分别奖励3万元、1万元。",
    "七、建设村级公共厕所。对新建村级公共厕所，每座奖补3万元；公共厕所改造提升由各县统筹推进。",
    "八、支持灵活就业参保。对灵活就业人员缴纳基本养老保险的，按缴费额的50%给予补贴，每人每年最高2400元。",
    "九、支持知识产权质押融资。对以专利权办理质押融资获得银行贷款的企业，按实际支付利息的50%给予贴息，单个企业每年最高20万元。",
    "十、支持标准制定。对主导制定茶叶国家标准的单位，每项奖励30万元；主导制定茶叶地方标准的，每项奖励10万元。",
    "十一、奖励茶园托管服务。市级财政根据年度考核等次给予托管服务组织补助：考核优秀的，每家每年补助6万元；考核良好的，"
    "每家每年补助4万元。",
    "十二、开放学校球场。学校球场向社会开放的，五人制足球场每小时收费不超过80元，十一人制足球场每场次不超过300元。",
    "十三、支持商标国际注册。对企业在境外申请注册商标并获得注册的，按每件1万元给予补助。",
    "十三、支持茶饮品牌入驻。茶饮品牌首店入驻重点商圈的，按照首年实际缴纳房租的30%给予补贴，单店最高50万元。",
])

city = corpus_fixture("city", {"measures.txt": MEASURES}, "city", "岚溪市")


@pytest.mark.parametrize("question", [
    "博士后来岚溪工作有生活补贴吗？",
    "大专毕业生来就业能拿生活补贴吗？一年多少？",
    "考了中级工证有没有技能提升奖励？",
    "副高职称的人才引进来，安家补贴能拿多少？",
    "参加省内展会的展位费补不补？",
    "茶叶产品获得铜奖的，能奖励多少？",  # a contest's prizes are a ladder
    # (the article names 改造 too, but the sentence granting an amount is on 新建 ones)
    "村里已经建好的公共厕所要翻新改造，每座补多少？",
    "灵活就业人员自己交医保，能补多少？",  # which social insurance is paid
    "拿专利做融资租赁，也按利息的50%贴吗？",  # which financing
    "我们主导制定了茶叶团体标准，能奖多少？",  # whose standard is set
    "我们主导起草了一项茶叶团体标准和一项企业标准，标准奖励能拿到吗？",  # two rungs asked, neither named
    "茶园托管服务组织年度考核只评上合格，市里还补多少钱？",  # an assessment's grades
    "学校的七人制足球场租一场要多少钱？",  # a pitch's size
    "茶饮首店开在重点商圈，第二年的房租还能补吗？补多少？",  # which year of a run
    "我们在国内注册商标，也能按每件1万元补吗？",  # 国内 is 境内
])
def test_a_rung_the_measure_leaves_out_is_refused(city, question):
    answer = city.ask(question)
    assert not answer.answerable, answer.answer


@pytest.mark.parametrize(("question", "stated"), [
    ("硕士研究生来就业，生活补贴一年多少？", "1.8万元"),
    ("考了技师证能奖多少？", "3000元"),
    ("引进的博士每月租房补贴多少？", "1000元"),  # 本科及以上 reaches it
    ("我们的茶在名优茶评比拿了金奖，能奖多少？", "3万元"),  # (the 比 of 评比 compares nothing)
    ("村里新建公共厕所，每座补多少？", "3万元"),
    ("灵活就业人员交养老保险，每年最多补多少？", "2400元"),
    ("专利质押融资贷款的利息能贴多少？", "50%"),
    ("主导制定茶叶地方标准能奖多少？", "10万元"),
    ("我们主导制定了茶叶团体标准和地方标准，各能奖多少？", "10万元"),  # one of two rungs asked is named
    ("茶园托管服务组织考核评为良好，一年补多少？", "4万元"),
    ("学校的五人制足球场租一小时多少钱？", "80元"),
    ("茶饮首店开在重点商圈，第一年房租能补多少？", "30%"),
    ("在国外注册商标每件补多少？", "1万元"),  # 国外 is 境外
])
def test_a_rung_the_measure_names_or_reaches_is_answered(city, question, stated):
    answer = city.ask(question)
    assert answer.answerable and stated in answer.answer, answer.answer


LEVELS = "\n".join([
    "岚溪市促进数据产业发展若干措施",
    "一、对入选国家级、省级“数据要素×”典型案例的项目，分别奖励100万元、50万元。",
    "二、对新评为省级数据服务领跑企业的，一次性奖励30万元。",
    "三、对新建数据标注基地的，按投资额的10%给予补助，最高200万元。",
    "四、对在本市举办经认可的数据创新赛事，国家级赛事每场补助50万元，省级赛事每场补助20万元。",
    "五、对新认定的市级数据应用示范基地给予一次性奖补20万元；获评省级数据应用示范基地的，按照省有关规定执行。",
])

levels = corpus_fixture("levels", {"levels.txt": LEVELS}, "city", "岚溪市")


@pytest.mark.parametrize("question", [
    "项目入选市级“数据要素×”典型案例能奖多少？",  # a level before a quoted name
    "评上国家级数据领跑企业奖多少？",  # a name the corpus writes longer (数据服务领跑企业)
    "在本市办一场市级数据创新赛事，每场能补多少？",  # its sentence names the head, 赛事, at 国家级 and 省级
    "我们评上了省级数据应用示范基地，能奖多少钱？",  # named at that level only to defer to the province's rules
])
def test_a_level_the_measure_does_not_reward_is_refused(levels, question):
    answer = levels.ask(question)
    assert not answer.answerable, answer.answer


def test_a_level_the_measure_rewards_is_answered(levels):
    assert "50万元" in levels.ask("项目入选省级“数据要素×”典型案例能奖多少？").answer
    assert "20万元" in levels.ask("办一场省级数据创新赛事每场能补多少？").answer
    assert "20万元" in levels.ask("评上市级数据应用示范基地能奖多少？").answer


HAD = "\n".join([
    "岚溪市推动绿色低碳发展若干措施",
    "一、支持设备更新。对企业购置本市企业生产的节能环保装备的，按购置金额的15%给予补助，单个企业每年最高100万元。",
    "二、支持屋顶绿化。对社会投资项目建设屋顶绿化的，按绿化面积每平方米80元给予补助，单个项目最高40万元。",
    "三、降低用地成本。对企业租赁标准厂房从事生产的，按实际租金的30%给予补贴，最长3年。",
])

had = corpus_fixture("had", {"green.txt": HAD, "filler.txt": FILLER}, "city", "岚溪市")  # (FILLER: words as rare as in a library)


@pytest.mark.parametrize("question", [
    "我们不买，租用本地企业生产的节能环保装备，租金能补多少？",  # bought (购置), not rented
    "政府投资的项目做屋顶绿化，每平方米补多少？",  # paid by society (社会投资), not by government
])
def test_a_project_had_or_paid_for_otherwise_than_the_measure_says_is_refused(had, question):
    answer = had.ask(question)
    assert not answer.answerable, answer.answer


@pytest.mark.parametrize(("question", "stated"), [
    ("购买本地企业生产的节能环保装备能补多少？", "15%"),  # 购买 is 购置
    ("民间投资的项目做屋顶绿化，每平方米补多少？", "80元"),  # 民间投资 is 社会投资
    ("租用标准厂房搞生产，租金能补多少？", "30%"),  # 租用 is 租赁
])
def test_a_project_had_or_paid_for_as_the_measure_says_is_answered(had, question, stated):
    answer = had.ask(question)
    assert answer.answerable and stated in answer.answer, answer.answer


def test_a_grade_named_in_a_list_of_grades_is_a_rung_the_measure_names():
    from rag.answer.answerer import _LADDERS

    grades = _LADDERS[-1]
    # (一级 before a 、 is a grade as much as 二级 before the noun: 五级、四级、三级养老机构)
    assert grades.findall("安排1名一级、二级重度残疾人就业的，按安排2名残疾人计算") == ["一级", "二级"]
    assert grades.findall("对评定为五级、四级、三级的养老机构分别给予奖励") == ["五级", "四级", "三级"]


ROADS = "\n".join([
    "岚溪市农村公路提质增效实施方案",
    "一、加大资金投入。提质改造按县道每公里40万元、乡道每公里25万元、村道每公里15万元给予补助；"
    "日常养护方面，市级按县道每年每公里1万元、乡道每年每公里5000元给予养护补助。",
    "二、健全管护机制。原则上县道每10公里、乡道每15公里、村道每20公里配备1名专（兼）职养护人员。",
    "三、鼓励文明养犬。对已登记犬只实施绝育手术的，按公犬每只150元、母犬每只300元给予补贴。",
    "四、加强古树保护。县级财政每年安排古树保护专项资金200万元；县级财政按株给予管护补助，一级古树每株每年1000元。",
])

roads = corpus_fixture("roads", {"roads.txt": ROADS, "filler.txt": FILLER}, "city", "岚溪市")


def test_a_rung_of_a_ladder_the_corpus_lists_itself_is_checked_like_the_known_ones(roads):
    # (县道、乡道、村道 are listed together: the upkeep sentence pays 县道 and 乡道, not 村道, though the
    # staffing sentence, which pays nothing, names 村道)
    assert not roads.ask("村道的日常养护，市里每年每公里补多少钱？").answerable
    answer = roads.ask("村道提质改造每公里补多少？")
    assert answer.answerable and "15万元" in answer.answer, answer.answer
    answer = roads.ask("给公犬做绝育能补多少？")
    assert answer.answerable and "150元" in answer.answer, answer.answer
    # (保护 beside 管护 is an everyday word: no ladder, and the upkeep of a tree is answered)
    answer = roads.ask("一级古树的管护补助每年多少？")
    assert answer.answerable and "1000元" in answer.answer, answer.answer


def test_a_name_the_asker_quotes_that_no_document_writes_is_refused(roads):
    assert not roads.ask("村里自己凑钱修路，市里的“一事一议”奖补一公里能给多少？").answerable
    answer = roads.ask("“提质改造”的村道每公里补多少？")
    assert answer.answerable and "15万元" in answer.answer, answer.answer


SIGNS = "\n".join([
    "岚溪市户外招牌设置管理办法",
    "第二条 本办法适用于在建筑物外立面及顶部设置门头招牌、悬挑招牌和楼顶招牌的活动。",
    "第五条 楼顶招牌只能载明单位名称，每栋建筑楼顶只能设置1处。",
    "第九条 区人民政府组织街区招牌统一改造的，对按统一设计方案更换门头招牌的经营者，按改造费用的50%给予补助，每块最高3000元。",
])

signs = corpus_fixture("signs", {"signs.txt": SIGNS, "filler.txt": FILLER}, "city", "岚溪市")


def test_four_character_names_a_list_gives_one_head_are_rungs_too(signs):
    # (门头招牌、悬挑招牌和楼顶招牌: the subsidy pays 门头招牌, not the 楼顶招牌 another article speaks of)
    assert not signs.ask("楼顶招牌也参加街区统一改造的话，政府能补多少？").answerable
    answer = signs.ask("门头招牌参加街区统一改造，政府能补多少？")
    assert answer.answerable and "3000元" in answer.answer, answer.answer


FUND = "\n".join([
    "澧川市住房公积金政策调整解读",
    "（三）调整首付款比例。缴存职工家庭购买首套自住住房申请住房公积金贷款的，最低首付款比例为20%；"
    "购买第二套自住住房的，最低首付款比例为25%。",
    "（一）提高贷款最高额度。贷款额度按借款人及其配偶住房公积金账户余额之和的15倍计算，同时不得超过最高额度。",
    "（七）明确贷款期限。住房公积金贷款期限最长为30年，且贷款到期日不得超过借款人法定退休年龄后5年。",
    "（五）支持直系亲属提取。购买自住住房的，双方父母和子女也可以申请提取住房公积金账户余额用于支付购房款。",
])

fund = corpus_fixture("fund", {"fund.txt": FUND, "filler.txt": FILLER}, "city", "澧川市")


def test_an_ordinal_asked_picks_its_own_rung_and_a_share_asked_in_tenths_is_a_share(fund):
    # (第二套 asked: not the 首套 part before it; 几成 asks a share, not the 15倍 of the loan's amount)
    answer = fund.ask("买第二套房用公积金贷款，首付最少要付几成？")
    assert answer.answerable and "25%" in answer.answer and "20%" not in answer.answer, answer.answer


def test_a_home_the_rules_do_not_count_to_is_refused(fund):
    # (第三套: the rules set a down payment for a family's first and second homes only)
    assert not fund.ask("买第三套房还能用公积金贷款吗？首付要几成？").answerable
    assert not fund.ask("第三套房首付要几成？").answerable
