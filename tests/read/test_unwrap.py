"""Hard-wrapped text (saved out of a PDF) becomes one line per paragraph; other text is left exactly as it is."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lib.ledger.parse import parse_text
from lib.read.readers import read_bytes
from lib.read.unwrap import display_width, unwrap
from tests.makers import seed_text

GENRE = Path(__file__).parents[1] / "fixtures" / "genre"


def wrap_cjk(text: str, width: int, indent: str = "\u3000\u3000") -> str:
    """Break each paragraph at `width` full-width characters of page width (a digit takes half), as a PDF
    page does: no line starts with ，。 and a run of digits is never split."""
    out = []
    for para in text.split("\n"):
        line = indent + para.strip() if para.strip() else ""
        while display_width(line) > 2 * width:
            cut = 0
            while display_width(line[:cut + 1]) <= 2 * width:
                cut += 1
            while line[cut] in "，。；：、”）" or line[cut].isdigit() and line[cut - 1].isdigit():
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("name", ["seed", "r02", "r05", "r08"])
def test_text_written_one_paragraph_a_line_is_unchanged(name):
    text = seed_text() if name == "seed" else (GENRE / f"{name}.txt").read_text(encoding="utf-8")
    assert unwrap(text) == text


def test_seed_wrapped_like_a_pdf_reads_the_same():
    seed = seed_text()
    wrapped = wrap_cjk(seed, 30)
    assert len(wrapped.split()) > 2 * len(seed.split())
    a, b = parse_text(seed), parse_text(read_bytes(wrapped.encode("utf-8"), "seed.txt"))
    assert (b.inspection_start, b.inspection_end, b.feedback_date, b.report_date) == \
           (a.inspection_start, a.inspection_end, a.feedback_date, a.report_date)
    assert [(i.no, i.status) for i in b.items] == [(i.no, i.status) for i in a.items]
    assert sorted((q.value, q.unit) for q in b.quantities) == sorted((q.value, q.unit) for q in a.quantities)


def test_break_inside_a_date_and_a_page_number_between_halves():
    text = textwrap.dedent("""\
        　　根据省委统一部署，2023年4月10日至6月9日，省委第十一
        巡视组对某某集团有限公司党委进行了常规巡视。2023年7
        月25日，省委巡视组向集团公司党委反馈了巡视意见。按照巡视
        工作有关要求，现将巡视整改进展情况予以公布现将巡视整改。
        　　集团公司党委坚决扛起巡视整改政治责任，成立巡视整改工
        作领导小组，党委书记、董事长任组长，召开党委会、领导小组

        - 1 -

        会议9次专题研究整改工作，对巡视反馈的3个方面7个问题制定
        整改措施41条，截至目前已完成整改5个，2个正在推进整改中。
        　　一、关于落实国有企业党的领导、加强党的建设方面的问题
        　　（一）党委作用发挥不够充分，前置研究重大事项不规范。
        　　整改落实情况：
        　　1.修订《集团公司党委前置研究讨论重大经营管理事项清单》，
        明确前置研究事项32项。
        """)
    lines = unwrap(text).split("\n")
    assert lines[0].endswith("省委第十一巡视组对某某集团有限公司党委进行了常规巡视。2023年7月25日，省委巡视组向集团公司党委反馈了巡视意见。按照巡视工作有关要求，现将巡视整改进展情况予以公布现将巡视整改。")
    assert "领导小组会议9次" in lines[1] and "- 1 -" not in "".join(lines)
    # headings and labels start their own lines even when the line before is full
    assert lines[2].startswith("\u3000\u3000一、") and lines[4] == "\u3000\u3000整改落实情况："
    assert lines[5].endswith("清单》，明确前置研究事项32项。")
