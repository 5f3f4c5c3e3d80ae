"""The header (lib/ledger/header.py): title, publisher, kind, inspecting group and dates, read from the opening."""
from __future__ import annotations

import pytest

from lib.ledger.header import parse_header
from lib.ledger.normalize import normalize

FIELDS = ("title", "publisher", "kind", "inspector", "inspection_start", "inspection_end", "feedback_date", "report_date")


def header(text: str) -> tuple:
    h = parse_header(text, normalize(text), None)
    return tuple(getattr(h, f) for f in FIELDS)


CASES = [
    # a title set on two lines at its 关于 part, the second line longer than a wrapped 通报
    ("中共松岚县教育体育局党组关于巡察反馈意见\n整改进展情况的通报\n\n根据县委统一部署，2024年3月18日至5月10日，县委第二巡察组"
     "对中共松岚县教育体育局党组开展了常规巡察。2024年6月14日，县委第二巡察组向县教育体育局党组反馈了巡察意见。\n",
     ("中共松岚县教育体育局党组关于巡察反馈意见整改进展情况的通报", "中共松岚县教育体育局党组", "巡察", "县委第二巡察组",
      "2024-03-18", "2024-05-10", "2024-06-14", None)),
    # the publisher on a line of its own, then 关于…的通报
    ("中共澜川市委员会\n关于巡视整改进展情况的通报\n根据省委统一部署，2023年4月10日至6月20日，省委第六巡视组对澜川市进行了巡视，"
     "2023年8月28日反馈了巡视意见。\n",
     ("中共澜川市委员会关于巡视整改进展情况的通报", "中共澜川市委员会", "巡视", "省委第六巡视组",
      "2023-04-10", "2023-06-20", "2023-08-28", None)),
    # a title the page width wrapped before 通报; a date with no day is no date
    ("中共某县委关于县委巡察整改进展情况的\n通报\n根据县委部署，县委第三巡察组于2023年5月对某镇开展巡察。\n",
     ("中共某县委关于县委巡察整改进展情况的通报", "中共某县委", "巡察", "县委第三巡察组", None, None, None, None)),
    # the inspecting group inside a sentence; the publisher and the date from the signature, not the cut-off
    ("关于巡视整改进展情况的通报\n根据中央统一部署，2023年4月至6月，中央第八巡视组对某大学党委开展了常规巡视。\n"
     "截至2024年2月29日，已完成整改。\n中共某大学委员会\n2024年3月15日\n",
     ("关于巡视整改进展情况的通报", "中共某大学委员会", "巡视", "中央第八巡视组", None, None, None, "2024-03-15")),
    # an enterprise's inspecting group under its full, long name
    ("中共岚江路桥建设有限公司委员会关于集团党委巡察整改进展情况的通报\n根据集团党委统一部署，2024年3月12日至5月10日，"
     "岚江省交通投资集团有限公司党委第二巡察组对岚江路桥建设有限公司党委开展了常规巡察。\n",
     ("中共岚江路桥建设有限公司委员会关于集团党委巡察整改进展情况的通报", "中共岚江路桥建设有限公司委员会", "巡察",
      "岚江省交通投资集团有限公司党委第二巡察组", "2024-03-12", "2024-05-10", None, None)),
    # a WeChat copy: the list of earlier posts after the signature holds titles and dates that are not the report's
    ("关于十五届县委第三轮巡察集中整改进展情况的通报\n根据县委统一部署，2023年9月11日至11月10日，县委4个巡察组对12个单位"
     "开展了常规巡察。\n中共梧峪县委巡察工作领导小组办公室\n2024年3月25日\n来源：县委巡察办\n往期推荐\n"
     "十五届县委第三轮巡察工作动员部署会召开\n2023-09-08\n微信扫一扫\n",
     ("关于十五届县委第三轮巡察集中整改进展情况的通报", "中共梧峪县委巡察工作领导小组办公室", "巡察", "县委4个巡察组",
      "2023-09-11", "2023-11-10", None, "2024-03-25")),
    # a 台账's title without 关于: the body before 落实, the group after it; the form line's 填报时间 is its date
    ("中共青石县桂溪镇委员会落实县委第三巡察组反馈意见整改台账\n填报单位：中共桂溪镇委员会（盖章）  填报时间：2024年11月20日\n"
     "1.耕地整治不彻底\n整改结果：已完成\n",
     ("中共青石县桂溪镇委员会落实县委第三巡察组反馈意见整改台账", "中共青石县桂溪镇委员会", "巡察", "县委第三巡察组",
      None, None, None, "2024-11-20")),
    # a platform's export: the body before 巡察整改台账, the group in brackets after it
    ("中共祁川县市场监督管理局党组巡察整改台账（县委第二巡察组反馈问题）\n导出时间：2025-04-02 16:08:35\n"
     "1.营商环境部署不够有力\n整改结果：已完成\n",
     ("中共祁川县市场监督管理局党组巡察整改台账（县委第二巡察组反馈问题）", "中共祁川县市场监督管理局党组", "巡察",
      "县委第二巡察组", None, None, None, "2025-04-02")),   # the export's date is the only one it has
    # a copied article's own date line above the title, when nothing is signed
    ("清风青岚\n2024年05月16日 18:30\n\n中共青岚县委关于十五届县委第三轮巡察整改进展情况的通报\n\n根据县委统一部署，"
     "2023年9月11日至11月10日，县委4个巡察组对10个单位党组织开展了常规巡察。\n",
     ("中共青岚县委关于十五届县委第三轮巡察整改进展情况的通报", "中共青岚县委", "巡察", "县委4个巡察组",
      "2023-09-11", "2023-11-10", None, "2024-05-16")),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_header(text, want):
    assert header(text) == want
