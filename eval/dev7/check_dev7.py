#!/usr/bin/env python3
"""Checks eval/dev7/qa.jsonl against eval/dev7/docs/ (not part of the frozen files) with the
checks every set gets (``eval/check_set.py``); run from anywhere: ``python3 eval/dev7/check_dev7.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    'k056': ('jingchuan-prepared-food-plan-2025', ['国家级']),
    'k057': ('jingchuan-prepared-food-plan-2025', ['省级标准化原料基地', '省级原料基地']),
    'k058': ('jingchuan-prepared-food-plan-2025', ['2027']),
    'k059': ('jingchuan-prepared-food-plan-2025', ['人力资源', '人社']),
    'k060': ('jingchuan-prepared-food-plan-2025', ['电话', '联系人']),
    'k061': ('jizhou-youth-talent-measures-2025', ['博士后']),
    'k062': ('jizhou-youth-talent-measures-2025', ['大专', '专科']),
    'k063': ('jizhou-youth-talent-measures-2025', ['国家级']),
    'k064': ('jizhou-youth-talent-measures-2025', ['中级工', '中级']),
    'k065': ('jizhou-youth-talent-measures-2025', ['副高']),
    'k066': ('chenggao-night-culture-tourism-measures-2025', ['县级']),
    'k067': ('chenggao-night-culture-tourism-measures-2025', ['租金', '房租']),
    'k068': ('chenggao-night-culture-tourism-measures-2025', ['贴息', '贷款']),
    'k069': ('chenggao-night-culture-tourism-measures-2025', ['驻场', '每场']),
    'k070': ('chenggao-night-culture-tourism-measures-2025', ['电话', '联系人']),
    'k071': ('tangxi-tea-workplan-2025-trad', ['市級', '市级']),
    'k072': ('tangxi-tea-workplan-2025-trad', ['2026']),
    'k073': ('tangxi-tea-workplan-2025-trad', ['教育']),
    'k074': ('tangxi-tea-workplan-2025-trad', ['省內', '省内']),
    'k075': ('tangxi-tea-workplan-2025-trad', ['流轉', '流转', '租金']),
    'k076': ('wenlan-one-thing-task-division-2025', ['结婚', '婚姻']),
    'k077': ('wenlan-one-thing-task-division-2025', ['财政']),
    'k078': ('wenlan-one-thing-task-division-2025', ['退役', '军人']),
    'k079': ('wenlan-one-thing-task-division-2025', ['2026']),
    'k080': ('wenlan-one-thing-task-division-2025', ['周末', '周六', '办公时间', '上午']),
}

if __name__ == "__main__":
    sys.exit(check(Path(__file__).resolve().parent, ABSENT))
