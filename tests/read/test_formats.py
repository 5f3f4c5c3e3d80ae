"""The seed through every reader: the same ledger from .txt in any encoding, .docx, .html and a real PDF."""
from __future__ import annotations

import unicodedata

import pytest

from lib.ledger.parse import parse_text
from lib.read.readers import read_bytes
from tests import makers
from tests.seed_facts import assert_seed

SEED = makers.seed_text()

FILES = {
    "utf-8": lambda: (SEED.encode("utf-8"), "seed.txt"),
    "utf-8 with BOM": lambda: (SEED.encode("utf-8-sig"), "seed.txt"),
    "GB18030": lambda: (SEED.encode("gb18030"), "seed.txt"),
    "UTF-16": lambda: (SEED.encode("utf-16"), "seed.txt"),
    "half-width GB18030": lambda: (unicodedata.normalize("NFKC", SEED).encode("gb18030"), "seed.txt"),
    "one line": lambda: (SEED.replace("\n", "").encode("utf-8"), "seed.txt"),
    "CRLF": lambda: (SEED.replace("\n", "\r\n").encode("utf-8"), "seed.txt"),
    "docx": lambda: (makers.to_docx(SEED), "seed.docx"),
    "docx with a table": lambda: (makers.to_docx(SEED, table_lines=(3, 9)), "seed.docx"),
    "html with page chrome": lambda: (makers.to_html(SEED).encode("utf-8"), "seed.html"),
    "pdf printed by Chromium": lambda: (makers.to_pdf(SEED), "seed.pdf"),
    "pdf with indented paragraphs": lambda: (makers.to_pdf(SEED, css="p { margin: 0; text-indent: 2em }"), "seed.pdf"),
    "html saved as .txt": lambda: (makers.to_html(SEED).encode("utf-8"), "seed.txt"),
}


@pytest.mark.parametrize("variant", FILES)
def test_seed_in_every_format(variant):
    data, name = FILES[variant]()
    text = read_bytes(data, name)
    ledger = parse_text(text)
    assert_seed(ledger)
    for q in ledger.quantities:
        assert text[q.start:q.end] == q.text


def test_pdf_printed_from_a_browser_with_its_margins():
    # A browser prints the date, time and page title on top and the address and page count below; with
    # Noto CJK, Chromium's text layer names the glyph of 户 as 戶.
    text = SEED.replace("（2）完成688万元土地欠款的追缴入库。", "（2）完成688万元土地欠款的追缴入库，清理低保对象27户。")
    pdf = makers.to_pdf(text, header="2024/7/9 10:32 关于巡视整改进展情况的通报_湘西高新区",
                        footer='https://www.example.gov.cn/a/1.html <span class="pageNumber"></span>/<span class="totalPages"></span>')
    read = read_bytes(pdf, "seed.pdf")
    assert "example.gov.cn" not in read and "10:32" not in read
    ledger = parse_text(read)
    assert_seed(ledger)
    assert any(q.unit == "户" and q.value == 27 for q in ledger.quantities)
