#!/usr/bin/env python3
"""Checks eval/dev9/qa.jsonl against eval/dev9/docs/ (not part of the frozen files) with the
checks every set gets (``eval/check_set.py``); run from anywhere: ``python3 eval/dev9/check_dev9.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    "p056": ("jichuan-low-altitude-economy-opinions-2025", ["上市", "挂牌"]),
    "p057": ("jichuan-low-altitude-economy-opinions-2025", ["租金", "厂房", "用地"]),
    "p058": ("jichuan-low-altitude-economy-opinions-2025", ["噪声", "噪音", "扰民"]),
    "p059": ("jichuan-low-altitude-economy-opinions-2025", ["2028", "2030"]),
    "p060": ("jichuan-low-altitude-economy-opinions-2025", ["产业园给予", "产业园奖励", "产业园，给予", "产业园认定后"]),
    "p061": ("luyang-cold-chain-logistics-measures-2025", ["电价", "电费", "用电"]),
    "p062": ("luyang-cold-chain-logistics-measures-2025", ["司机", "驾驶员", "人才"]),
    "p063": ("luyang-cold-chain-logistics-measures-2025", ["电话", "联系人", "咨询"]),
    "p064": ("luyang-cold-chain-logistics-measures-2025", ["县级"]),
    "p065": ("luyang-cold-chain-logistics-measures-2025", ["租金", "租赁", "租用"]),
    "p066": ("liaocheng-first-set-equipment-rules-2025", ["软件", "首版次"]),
    "p067": ("liaocheng-first-set-equipment-rules-2025", ["新材料", "首批次"]),
    "p068": ("liaocheng-first-set-equipment-rules-2025", ["邮箱", "电子邮件", "@"]),
    "p069": ("liaocheng-first-set-equipment-rules-2025", ["市内首台", "市级首台", "市级认定"]),
    "p070": ("liaocheng-first-set-equipment-rules-2025", ["出口", "境外", "海外"]),
    "p071": ("ouling-old-residential-renovation-plan-2025", ["节能", "保温"]),
    "p072": ("ouling-old-residential-renovation-plan-2025", ["海绵"]),
    "p073": ("ouling-old-residential-renovation-plan-2025", ["2027"]),
    "p074": ("ouling-old-residential-renovation-plan-2025", ["公积金"]),
    "p075": ("ouling-old-residential-renovation-plan-2025", ["电话", "联系人"]),
    "p076": ("meichuan-skills-training-subsidy-guide-2025", ["技师"]),
    "p077": ("meichuan-skills-training-subsidy-guide-2025", ["创业"]),
    "p078": ("meichuan-skills-training-subsidy-guide-2025", ["交通"]),
    "p079": ("meichuan-skills-training-subsidy-guide-2025", ["邮箱", "电子邮件", "@"]),
    "p080": ("meichuan-skills-training-subsidy-guide-2025", ["线上", "网络培训", "网课"]),
}

if __name__ == "__main__":
    sys.exit(check(Path(__file__).resolve().parent, ABSENT))
