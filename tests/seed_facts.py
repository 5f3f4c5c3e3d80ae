"""What the reference report says, read by hand: the pins every parse of the seed must meet."""
from __future__ import annotations

import unicodedata
from collections import Counter

# (no, theme_no, status, number of measures, title as published)
ITEMS = [
    (1, 1, "done", 2, "学习习近平总书记关于化解地方政府债务问题和关于清廉文化建设重要论述不深不实"),
    (2, 2, "in_progress", 3, "产业结构不优"),
    (3, 2, "in_progress", 2, "定位不够清晰"),
    (4, 2, "in_progress", 4, "高新技术企业占比偏低"),
    (5, 2, "in_progress", 3, "房地产业占比过高"),
    (6, 3, "done", 2, "“三重一大”制度执行不规范"),
    (7, 3, "done", 2, "议事协调会超越权限决策"),
    (8, 3, "done", 3, "国有公司党的领导缺失，党的建设弱化，法人治理结构不完善"),
    (9, 3, "in_progress", 3, "招商引资优惠政策兑现把关不严"),
    (10, 3, "in_progress", 2, "招商项目把关不严"),
    (11, 3, "in_progress", 3, "项目招投标管理不规范"),
    (12, 3, "in_progress", 4, "项目发包、概算管理不规范"),
    (13, 4, "in_progress", 3, "政府债务风险管控不到位"),
    (14, 4, "done", 3, "内控管理存在风险"),
    (15, 4, "in_progress", 3, "财务管理有漏洞，项目监管不力"),
    (16, 4, "in_progress", 2, "国资经营收益流失风险大，入园企业拖欠租金情况较多"),
    (17, 4, "done", 2, "安全生产管理不到位"),
    (18, 5, "in_progress", 3, "土地出让不规范"),
    (19, 5, "done", 2, "低于评估价出让工业用地"),
    (20, 5, "in_progress", 3, "土地欠款催缴不力"),
    (21, 5, "done", 1, "对破产企业闲置土地处置不力"),
    (22, 5, "done", 2, "厂房征拆引发上访"),
    (23, 6, "done", 2, "主体责任履行不力"),
    (24, 6, "done", 3, "干部监督管理不力"),
    (25, 6, "done", 2, "违规发放津补贴和奖金"),
    (26, 6, "done", 1, "监督责任履行不力"),
    (27, 6, "done", 1, "执纪问责乏力"),
    (28, 7, "in_progress", 2, "拆迁安置不到位"),
    (29, 7, "in_progress", 3, "保交楼压力大"),
    (30, 8, "in_progress", 4, "机构编制管理不严格"),
    (31, 9, "in_progress", 2, "近年巡视巡察、审计和环保督察反馈问题整改不到位"),
]

THEMES = [
    (1, "政治理论学习不深不实"),
    (2, "实现“三高四新”美好蓝图高质量发展不到位"),
    (3, "招商引资、返税优惠、项目建设等重点领域问题较多"),
    (4, "重大风险管控不力"),
    (5, "土地出让、征地拆迁问题较多"),
    (6, "全面从严治党压力传导不到位"),
    (7, "群众急难愁盼问题解决不及时"),
    (8, "干部队伍建设有短板"),
    (9, "巡视巡察、审计和环保督察反馈问题整改不力"),
]

HEADER = {
    "title": "中共湘西高新区工作委员会关于巡视整改进展情况的通报",
    "publisher": "中共湘西高新区工作委员会",
    "kind": "巡视",
    "inspector": "省委第十三巡视组",
    "inspection_start": "2023-03-09",
    "inspection_end": "2023-06-10",
    "feedback_date": "2023-07-18",
    "report_date": "2023-12-19",
}

# (item_no, value, unit, a word the label must hold, a tag it must carry)
FIGURES = [
    (20, 688.0, "万元", "土地欠款", "recovery"),
    (20, 688.0, "万元", "追缴", "land"),
    (18, 4.0, "宗", "土地", "land"),
    (18, 204.01, "亩", "土地", "land"),
    (27, 8.0, "件", "立案", "case"),
    (27, 8.0, "人", "立案", "case"),
    (27, 2.0, "人", "党内警告", "sanction"),
    (27, 4.0, "人", "党内严重警告", "sanction"),
    (27, 1.0, "人", "政务撤职", "sanction"),
    (27, 10.0, "件", "积案", "case"),
    (27, 9.0, "件", "办结", "case"),
    (5, 61.12, "%", "工业用地", "percent"),
    (28, 5.0, "个", "专班", "count"),
]


def nf(s: str | None) -> str | None:
    """Compare titles across variants whose punctuation was made half-width."""
    return unicodedata.normalize("NFKC", s).replace(" ", "") if s is not None else None


def assert_seed(ledger) -> None:
    """Every pin of the seed, for any variant of it (encoding, layout, file format)."""
    got_items = [(i.no, i.theme_no, i.status, len(i.measures), nf(i.title)) for i in ledger.items]
    want_items = [(n, t, s, m, nf(title)) for n, t, s, m, title in ITEMS]
    assert got_items == want_items
    assert [(t.no, nf(t.title)) for t in ledger.themes] == [(n, nf(t)) for n, t in THEMES]
    assert Counter(i.status for i in ledger.items) == Counter(done=14, in_progress=17)
    for key, want in HEADER.items():
        assert nf(getattr(ledger, key)) == nf(want), key
    for item_no, value, unit, word, tag in FIGURES:
        hits = [q for q in ledger.quantities
                if q.item_no == item_no and q.unit == unit and abs(q.value - value) < 1e-9
                and word in q.label and tag in q.tags]
        assert hits, (item_no, value, unit, word, tag)
    assert not ledger.warnings


SEED = __import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "reports" / "000_5f7a45d77596a08c.txt"
# The ten corpus openings live beside the repository (../shared/corpus), not in it.
CORPUS = SEED.parents[3] / "shared" / "corpus"


def corpus_text(name: str) -> str:
    import pytest
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus opening {path} is not on this machine (it is kept outside the repository)")
    return path.read_text(encoding="utf-8")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
