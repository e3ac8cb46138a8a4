#!/usr/bin/env python3
"""Checks eval/dev8/qa.jsonl against eval/dev8/docs/ (not part of the frozen files) with the
checks every set gets (``eval/check_set.py``); run from anywhere: ``python3 eval/dev8/check_dev8.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    "m056": ("lanze-smart-appliance-action-plan-2025", ["以旧换新", "换新"]),
    "m057": ("lanze-smart-appliance-action-plan-2025", ["回收", "拆解"]),
    "m058": ("lanze-smart-appliance-action-plan-2025", ["2028"]),
    "m059": ("lanze-smart-appliance-action-plan-2025", ["创新中心给予", "创新中心奖励", "创新中心，给予"]),
    "m060": ("lanze-smart-appliance-action-plan-2025", ["公寓", "安家", "住房", "购房"]),
    "m061": ("jiazhou-biomedicine-measures-2025", ["中药", "中医", "饮片"]),
    "m062": ("jiazhou-biomedicine-measures-2025", ["仿制药", "一致性评价"]),
    "m063": ("jiazhou-biomedicine-measures-2025", ["租金", "房租", "租赁"]),
    "m064": ("jiazhou-biomedicine-measures-2025", ["个税", "个人所得税", "外籍"]),
    "m065": ("jiazhou-biomedicine-measures-2025", ["电话", "联系人", "咨询"]),
    "m066": ("lanxi-beef-cattle-implementation-2025", ["羊"]),
    "m067": ("lanxi-beef-cattle-implementation-2025", ["保险", "保费"]),
    "m068": ("lanxi-beef-cattle-implementation-2025", ["直播", "电商", "网络销售"]),
    "m069": ("lanxi-beef-cattle-implementation-2025", ["2026年底", "到2026年"]),
    "m070": ("lanxi-beef-cattle-implementation-2025", ["防疫员", "劳务"]),
    "m071": ("yuanheng-foreign-trade-measures-qa-2025", ["汇率", "避险", "套期"]),
    "m072": ("yuanheng-foreign-trade-measures-qa-2025", ["加工贸易"]),
    "m073": ("yuanheng-foreign-trade-measures-qa-2025", ["招工", "用工", "社保"]),
    "m074": ("yuanheng-foreign-trade-measures-qa-2025", ["联系人"]),
    "m075": ("yuanheng-foreign-trade-measures-qa-2025", ["进口贴息", "先进设备", "先进技术"]),
    "m076": ("tangxi-elderly-care-subsidy-notice-2025", ["家庭养老床位", "家庭床位"]),
    "m077": ("tangxi-elderly-care-subsidy-notice-2025", ["适老化", "改造"]),
    "m078": ("tangxi-elderly-care-subsidy-notice-2025", ["入职", "岗位补贴", "岗位津贴"]),
    "m079": ("tangxi-elderly-care-subsidy-notice-2025", ["邮箱", "电子邮件", "@"]),
    "m080": ("tangxi-elderly-care-subsidy-notice-2025", ["二级"]),
}

if __name__ == "__main__":
    sys.exit(check(Path(__file__).resolve().parent, ABSENT))
