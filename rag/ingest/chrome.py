"""Site chrome: what a government web page puts around a document that is not its text.

Navigation bars, breadcrumbs, font-size and print / close links, view counters, the site's
metadata list (索引号 / 发文字号 / 成文日期 …, which ``rag.ingest.metadata`` reads from the raw text
before it goes) and the page footer. ``is_chrome`` tells such a line anywhere; ``PAGE_TAIL`` marks
where a page's own matter begins after the document (分享到, 相关链接, 返回顶部, 主办单位 …) — the
paragraph splitter ends the document there once its numbered body has begun.
"""

from __future__ import annotations

import re

CHROME = re.compile(
    r"^(?:今天是|当前位置|您的位置|您现在的位置|首页\s*[>›»]|无障碍|长者模式|字号[：:]|【?字体[：:]|浏览次数|浏览量|"
    r"阅读次数|点击数|扫一扫|搜索$|登录$|"
    r"索\s*引\s*号[：:]|主题分类[：:]|发文机关[：:]|发文字号[：:]|成文日期[：:]|发布日期[：:]|有\s*效\s*性[：:]|"
    r"信息来源[：:]|公开方式[：:]|体裁分类[：:]|组配分类[：:]|主\s*题\s*词[：:]|"
    r"(?:首页|政务公开|政务服务|互动交流|政民互动|办事服务|新闻中心|信息公开|网上办事|数据开放|走进[\u4e00-\u9fff]{2,4})$)"
)
_LINE = 160
# A navigation bar: short items between two or more | separators.
NAV = re.compile(r"^[^。，；]{0,40}(?:\|[^。，；|]{1,12}){2,}$")
PAGE_TAIL = re.compile(
    r"^(?:分享到|相关链接|相关文件|相关阅读|相关新闻|上一篇|下一篇|返回顶部|【?打印本页|【?关闭窗口|【打印】|【关闭】|"
    r"网站地图|主办单位[：:]|主办[：:][^；]*承办|版权所有|网站标识码)"
)


def is_chrome(line: str) -> bool:
    """True for a line of site chrome (navigation, print links, counters, the metadata list);
    page-tail markers are not, as they mark where the document ends. A long line that opens
    with chrome is a flattened page holding the document too, not chrome."""
    return len(line) <= _LINE and bool(CHROME.match(line) or NAV.match(line))
