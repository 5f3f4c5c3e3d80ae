"""What a report says of its own progress, in the phrasings reports use (lib/ledger/stated.py)."""
from __future__ import annotations

import pytest

from lib.ledger.normalize import normalize
from lib.ledger.stated import find_stated

# (summary sentence, the totals it states; keys left out must come out None)
CASES = [
    ("反馈25个问题,已完成整改19个、正在整改6个,整改完成率76%", dict(total=25, done=19, in_progress=6, completion_rate=76.0)),
    # the total before 问题已完成整改 is not the done count
    ("截至目前,7个问题已完成整改4个,正在整改2个,未完成1个。", dict(total=7, done=4, in_progress=2, not_done=1)),
    ("巡察反馈的28个问题已完成整改26个,其余2个正在整改。", dict(total=28, done=26, in_progress=2)),
    # not done outweighs in progress, as in the items' statuses: 未完成、正在推进 is not done
    ("反馈的16个问题中，已完成整改14个，基本完成、需长期坚持的1个，未完成、正在推进的1个，整改完成率87.5%。",
     dict(total=16, done=14, in_progress=1, not_done=1, completion_rate=87.5)),
    # a 台账's 统计 row counts its own rows in 项; 未启动 is not done
    ("统计：共12项，已完成8项，推进中3项，未启动1项，完成率66.7%。",
     dict(total=12, done=8, in_progress=3, not_done=1, completion_rate=66.7, problems=12)),
    # 共…项 of anything else is no total
    ("共制定12项制度，已完成8项。", dict(done=8)),
    # a count before its verb
    ("3个问题已完成整改,2个问题正在整改。", dict(done=3, in_progress=2)),
    ("已完成整改5个,2个正在推进。", dict(done=5, in_progress=2)),
    ("已完成整改4个,序时推进1个,未完成1个。", dict(done=4, in_progress=1, not_done=1)),
    ("完成整改十二个,持续推进三个。", dict(done=12, in_progress=3)),
    ("省委巡视反馈问题7个，已整改到位5个，剩余2个正在按计划推进。", dict(total=7, done=5, in_progress=2)),
    ("反馈问题10个，已完成8个，其余2个已取得阶段性成效并持续推进。", dict(total=10, done=8, in_progress=2)),
    ("已完成整改5个，正在推进3个，尚有1个未完成。", dict(done=5, in_progress=3, not_done=1)),
    # 尚在整改, and breakdowns in brackets of both counts
    ("截至2024年11月30日，13个问题已完成整改10个（其中需长期坚持的3个），尚在整改3个（其中已基本完成2个、正在推进1个），"
     "整改完成率76.9%", dict(total=13, done=10, in_progress=3, completion_rate=76.9)),
    # two kinds of unfinished work in one sentence add up; a breakdown after 其中 does not
    ("已完成整改5个，按时序推进2个，长期推进1个。", dict(done=5, in_progress=3)),
    ("已完成整改6个，阶段性完成3个，其中正在推进2个。", dict(done=6, in_progress=3)),
    # every member of a breakdown after 其中, not only the first
    ("巡视反馈问题已完成整改10个，其余4个正在按计划推进，其中基本完成2个、持续推进1个、需长期坚持1个。",
     dict(done=10, in_progress=4)),
    ("县委巡察反馈的8个问题和审计指出的5个问题，共13个问题，已完成整改11个，正在整改2个。",
     dict(total=13, done=11, in_progress=2)),
    # full-width punctuation as published
    ("省委巡视组反馈的3个方面9个问题，已完成整改7个，基本完成2个，整改完成率77.8%。",
     dict(total=9, done=7, in_progress=2, completion_rate=77.8)),
    # the rest, with words between the count and its progress
    ("共反馈问题265个，截至8月底已整改243个，整改率91.7%，其余22个问题均已明确整改时限、正在持续推进。",
     dict(total=265, done=243, in_progress=22, completion_rate=91.7)),
    ("市委巡察组反馈问题18个。已完成问题15个、措施58条，其余3个问题、6条措施正在按计划持续推进。",
     dict(total=18, done=15, in_progress=3)),
    # ... but not when the rest are counted again, done and not ("其余8个问题，…已完成整改6个，正在整改2个")
    ("巡察反馈问题共11个，其中立行立改问题3个，已全部整改到位；其余8个问题，截至2024年9月30日，已完成整改6个，正在整改2个。",
     dict(total=11, done=9, in_progress=2)),
    # a stage reached is work in progress; 具体问题 are what is counted
    ("反馈的4个方面13个问题，已完成整改10个（含长期坚持2个），已完成阶段性目标2个，正在整改1个，整改完成率76.9%。",
     dict(total=13, done=10, in_progress=3, completion_rate=76.9)),
    ("细化为18个具体问题。截至2024年12月31日，已完成具体问题15个、整改措施88条。", dict(done=15)),
    # "四个方面问题" counts areas: the problems come after
    ("对照省委巡视组反馈的四个方面问题，学校党委逐条梳理反馈问题十四个，已完成整改十二个。", dict(total=14, done=12)),
    # a count with its thousands comma is one count; a comma between two counts is not one
    ("制定整改措施1,046条。截至2024年12月31日，共反馈问题318个，已完成整改296个，正在整改22个。",
     dict(measures=1046, total=318, done=296, in_progress=22)),
    # a platform's 合计 over measures: 进行中 and 长期坚持 are under way, 未开始 not done
    ("合计：问题11个，整改措施26条；措施已完成19条、进行中3条、长期坚持1条、未开始3条，措施完成率73.1%。",
     dict(total=26, done=19, in_progress=4, not_done=3, completion_rate=73.1)),
    # one area's progress is a part of the report's: the summing-up sentence is the report's
    ("第一方面的8个问题，已完成整改7个。综上，巡察反馈的4个方面27个问题，已完成整改23个，正在整改4个。",
     dict(total=27, done=23, in_progress=4)),
]


def test_problems_counted_by_kind():
    """13类问题 are the problems; the tasks they became are what the progress counts."""
    s = find_stated(normalize("对照中央巡视反馈的4个方面13类问题，细化形成整改任务112项，目前已完成103项。"))
    assert (s.problems, s.tasks, s.total, s.done, s.level) == (13, 112, 112, 103, "tasks")


@pytest.mark.parametrize(("sentence", "want"), CASES)
def test_stated_totals(sentence, want):
    stated = find_stated(normalize(sentence))
    for key in ("total", "done", "in_progress", "not_done", "completion_rate"):
        assert getattr(stated, key) == want.get(key), key


@pytest.mark.parametrize(("sentence", "done"), [
    ("反馈的25个问题已全部整改到位。", 25),
    # a part done at once, the rest counted after 其余
    ("巡察反馈问题共11个，其中立行立改问题3个，已全部整改到位；其余8个问题，已完成整改6个，正在整改2个。", 9),
])
def test_all_done(sentence, done):
    assert find_stated(normalize(sentence)).done == done
