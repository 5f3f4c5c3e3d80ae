"""Tests for lib.read.readers: every fixture is built here from the seed report with the real libraries."""

from __future__ import annotations

import io
import random
import re
import struct
import unicodedata
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.read import docx as docx_reader
from lib.read import errors, radicals
from lib.read import html as html_reader
from lib.read.readers import MAX_BYTES, ReadError, read_bytes, read_file, sniff
from tests import makers

SEED = makers.seed_text()
# What a format without whitespace semantics (HTML, PDF) can give back: the non-blank lines, stripped.
SEED_LINES = "\n".join(line.strip() for line in SEED.split("\n") if line.strip())
KEY_SENTENCES = ("完成688万元土地欠款的追缴入库", "截止目前，网上公开招拍挂土地4宗，面积204.01亩")
RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
TRAD = "根據省委統一部署，省委第十三巡視組對湘西高新區進行延伸巡視。按照巡視工作有關要求，現將巡視整改進展情況予以公佈。"


def assert_read_error(exc: ReadError, code: str) -> None:
    assert exc.code == code
    for msg in (exc.zh, exc.en):
        assert msg.strip() and "\n" not in msg
    assert str(exc) == f"{exc.zh} / {exc.en}" and "\n" not in str(exc)


def expect_error(data: bytes, filename: str, code: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_bytes(data, filename)
    assert_read_error(info.value, code)
    return info.value


# ---------------------------------------------------------------------------
# Plain text


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk"],
)
def test_txt_encodings_round_trip(encoding):
    assert read_bytes(SEED.encode(encoding), "report.txt") == SEED


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TRAD, "big5"),  # GB18030 also decodes these bytes (to nonsense): the plausibility check decides
        (TRAD, "utf-16-be"),  # BOM-less and without any ASCII, so no NUL pattern from ASCII
        (TRAD, "utf-16-le"),
        ("湘西高新区巡视整改进展情况。喆堃镕", "gbk"),  # characters beyond GB2312
        ("English only report, no Chinese at all.\n", "ascii"),
    ],
)
def test_txt_other_encodings(text, encoding):
    assert read_bytes(text.encode(encoding), "r.txt") == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (SEED.replace("\n", "\r\n").encode("utf-8"), SEED),
        (SEED.replace("\n", "\r\n").encode("gbk"), SEED),
        (SEED.replace("\n", "\r").encode("utf-8"), SEED),
        ("第一行\u2028第二行\x0c第三行\r\n".encode(), "第一行\n第二行\n第三行\n"),
        ("整改\x00结果：完成。".encode(), "整改结果：完成。"),
        ("\ufeff\ufeff整改结果".encode(), "整改结果"),  # a doubled BOM from concatenated files
    ],
)
def test_txt_normalisation(raw, expected):
    assert read_bytes(raw, "r.txt") == expected


def test_txt_damaged_utf8_keeps_the_rest():
    data = SEED.encode("utf-8")
    cut = len(SEED[:1000].encode("utf-8"))  # a character boundary
    broken = data[:cut] + b"\xff" + data[cut:]
    text = read_bytes(broken, "r.txt")
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == SEED


def _gb_with_bad_byte() -> bytes:
    data = SEED.encode("gb18030")
    cut = len(SEED[:1000].encode("gb18030"))
    return data[:cut] + b"\x80" + data[cut:]  # 0x80 cannot start a GB18030 character


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_gb_with_bad_byte, SEED[:1000] + "\ufffd" + SEED[1000:]),
        (lambda: SEED.encode("utf-16")[:-1], SEED[:-1] + "\ufffd"),  # cut at an odd length
        # a NUL block, as left by an editor that crashed while saving
        (lambda: SEED[:1000].encode() + b"\x00" * 512 + SEED[1000:].encode(), SEED),
    ],
    ids=["gb18030-bad-byte", "utf16-odd-length", "nul-block"],
)
def test_txt_damaged_files_still_read(make, expected):
    assert read_bytes(make(), "r.txt") == expected


def test_txt_undecodable_is_encoding_error():
    rng = random.Random(7)
    junk = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    expect_error(junk, "r.txt", "encoding")


# ---------------------------------------------------------------------------
# DOCX


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, SEED),
        ({"table_lines": (20, 27)}, SEED),  # 7 lines: three 2-cell rows and a merged last row
        ({"table_lines": (0, 2)}, SEED),
        ({"numbered": True}, makers.numbered_expected(SEED)),
    ],
    ids=["plain", "table-odd-merged", "table-first-lines", "auto-numbering"],
)
def test_docx_round_trip(kwargs, expected):
    assert read_bytes(makers.to_docx(SEED, **kwargs), "report.docx") == expected


def test_docx_auto_numbering_renders_labels():
    lines = read_bytes(makers.to_docx(SEED, numbered=True), "r.docx").split("\n")
    assert "1.学习习近平总书记关于化解地方政府债务问题和关于清廉文化建设重要论述不深不实。" in lines
    assert any(line.startswith("（九）反馈问题：") for line in lines)
    # The second （一） list restarts through a w:num with startOverride.
    assert sum(line.startswith("（一）") for line in lines) == 2
    # The run text itself carries no label: python-docx alone would lose it.
    import docx

    raw = [p.text for p in docx.Document(io.BytesIO(makers.to_docx(SEED, numbered=True))).paragraphs]
    assert "学习习近平总书记关于化解地方政府债务问题和关于清廉文化建设重要论述不深不实。" in raw


W = makers._W_NS


def _numbering_doc(abstracts, nums, paragraphs, styles=()):
    """paragraphs: (text, numId or None, ilvl or None, style or None)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    for aid, levels in abstracts:
        makers.add_abstract_num(document, aid, levels)
    for nid, aid, override in nums:
        makers.add_num(document, nid, aid, override)
    for name, nid in styles:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="{nid}"/></w:numPr>')
        )
    for text, nid, ilvl, style in paragraphs:
        p = document.add_paragraph(text, style=style)
        if nid is not None:
            ppr = p._p.get_or_add_pPr()
            ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
            ppr.append(parse_xml(f'<w:numPr xmlns:w="{W}">{ilvl_xml}<w:numId w:val="{nid}"/></w:numPr>'))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_multilevel_numbering():
    outline = [
        (0, "chineseCounting", "%1、", 1),
        (1, "chineseCounting", "（%2）", 1),
        (2, "decimal", "%3.", 1),
        (3, "decimalEnclosedCircle", "%4", 1),
    ]
    # isLgl: the parent's 乙 shows as 2 in "2.1"; a label ending in a digit gets a space.
    other = [(0, "ideographTraditional", "%1.", 1), (1, "decimal", "%1.%2", 1, "<w:isLgl/>")]
    letters = [(0, "lowerLetter", "%1)", 3, '<w:suff w:val="space"/>')]
    roman = [(0, "upperRoman", "%1.", 1)]
    bullets = [(0, "bullet", "\uf0b7", 1)]
    legal = [(0, "chineseCountingThousand", "第%1章", 1)]
    doc = _numbering_doc(
        abstracts=[(1, outline), (2, other), (3, letters), (4, roman), (5, bullets), (6, legal)],
        nums=[(1, 1, None), (2, 2, None), (3, 3, None), (4, 4, None), (5, 5, None), (6, 1, None),
              (7, 1, {0: 5}), (8, 6, {0: 11})],
        styles=[("ListRoman", 4)],
        paragraphs=[
            ("总体情况", 1, 0, None),
            ("组织整改", 1, 1, None),
            ("学习", 1, 2, None),
            ("研讨", 1, 3, None),
            ("落实", 1, 2, None),
            ("督办", 1, 1, None),
            ("追缴", 1, 2, None),  # deeper level starts again under a new parent
            ("continued by another num of the same list", 6, 0, None),  # shares the counter: 三、
            ("restarted at 5", 7, 0, None),  # startOverride gives its own sequence
            ("甲项", 2, 0, None),
            ("乙项", 2, 0, None),
            ("子项", 2, 1, None),
            ("third letter", 3, 0, None),
            ("styled", None, None, "ListRoman"),  # numbering from the paragraph style
            ("styled again", None, None, "ListRoman"),
            ("style numbering switched off", 0, 0, "ListRoman"),
            ("bullet item", 5, 0, None),
            ("总则", 8, 0, None),
            ("plain", None, None, None),
        ],
    )
    assert read_bytes(doc, "n.docx").split("\n") == [
        "一、总体情况",
        "（一）组织整改",
        "1.学习",
        "①研讨",
        "2.落实",
        "（二）督办",
        "1.追缴",
        "二、continued by another num of the same list",
        "五、restarted at 5",
        "甲.甲项",
        "乙.乙项",
        "2.1 子项",
        "c) third letter",
        "I.styled",
        "II.styled again",
        "style numbering switched off",
        "bullet item",
        "第十一章 总则",
        "plain",
    ]


def test_docx_content_that_is_and_is_not_read():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉：内部资料"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    document.add_paragraph("第一段")
    body = document.element.body
    sect = body[-1]
    extra = [
        # a tracked deletion and hidden text are not visible; a tracked insertion is
        f'<w:p xmlns:w="{W}"><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:delText>删除</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>',
        # a soft line break splits the paragraph into two lines; a tab stays a tab
        f'<w:p xmlns:w="{W}"><w:r><w:t>上半</w:t><w:br/><w:t>下半</w:t><w:tab/><w:t>尾</w:t></w:r></w:p>',
        # a content control (sdt) around a paragraph
        f'<w:sdt xmlns:w="{W}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内容</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        # a field: the code is hidden, the result shown
        f'<w:p xmlns:w="{W}"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    ]
    for xml in extra:
        sect.addprevious(parse_xml(xml))
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).paragraphs[0].text = "纵向合并"
    table.cell(0, 1).merge(table.cell(0, 2)).paragraphs[0].text = "横向合并"
    table.cell(1, 1).paragraphs[0].text = "B2"
    table.cell(1, 2).paragraphs[0].text = "C2"
    table.cell(2, 0).paragraphs[0].text = "A3"
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).paragraphs[0].text = "内表1"
    inner.cell(0, 1).paragraphs[0].text = "内表2"
    buf = io.BytesIO()
    document.save(buf)
    lines = [line for line in read_bytes(buf.getvalue(), "f.docx").split("\n") if line]
    assert lines == [
        "第一段", "保留插入", "上半", "下半\t尾", "控件内容", "7",
        "纵向合并", "横向合并", "B2", "C2", "A3", "内表1", "内表2",
    ]


# ---------------------------------------------------------------------------
# HTML


def test_html_with_site_chrome():
    text = read_bytes(makers.to_html(SEED).encode("utf-8"), "page.html")
    assert text == SEED_LINES
    for chrome in ("当前位置", "版权所有", "统计代码", "分享到", "首页", "政务公开"):
        assert chrome not in text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # inline elements do not break lines; block elements and <br> do; entities decoded
        ("<p>完成<b>688</b>万元<span>土地</span><a href='#'>欠款</a>的追缴入库。</p><div>下一段&nbsp;&ldquo;引号&rdquo;&amp;</div>"
         "<p>第一行<br>第二行<br/><br/>第三行</p>",
         ["完成688万元土地欠款的追缴入库。", "下一段 “引号”&", "第一行", "第二行", "第三行"]),
        # a source line break between Chinese characters is not a space
        ("<p>湘西高新区\n    党工委坚持把巡视整改\n作为 English\n words</p>",
         ["湘西高新区党工委坚持把巡视整改作为 English words"]),
        # breadcrumb without a telling class, hidden blocks, side bars and share widgets
        ("<div class='pos'>当前位置：首页 &gt; 通知公告</div><div style='display: none'>隐藏</div>"
         "<div id='left-sidebar'>侧栏</div><div class='bdsharebuttonbox share'>分享</div><p>正文</p>"
         "<div class='copyright-info'>版权所有</div><ul class='subnav'><li>栏目</li></ul>",
         ["正文"]),
        # a <body class="has-sidebar"> and a WebForms <form> around everything keep their content
        ("<html><body class='has-sidebar'><form id='form1'><input value='x'><p>正文一</p><p>正文二</p></form></body></html>",
         ["正文一", "正文二"]),
        # an article's own header keeps the title; the page header is dropped
        ("<header>网站标题</header><article><header><h1>关于巡视整改进展情况的通报</h1></header><p>正文</p>"
         "<footer>责任编辑：某某</footer></article>",
         ["关于巡视整改进展情况的通报", "正文"]),
        # tables: a line per cell; <pre> keeps its lines
        ("<table><tr><td>序号</td><td>问题</td></tr><tr><td>1</td><td>整改<b>完成</b></td></tr></table><pre>甲\n  乙</pre>",
         ["序号", "问题", "1", "整改完成", "甲", "乙"]),
        # comments, templates and noscript are not text
        ("<!-- 注释 --><template><p>模板</p></template><noscript>请启用脚本</noscript><p>内容</p>",
         ["内容"]),
        # a page whose every block looks like chrome still yields its text
        ("<div class='nav-content'><p>唯一的正文</p></div>", ["唯一的正文"]),
        # an ordered list's numbers, drawn by the browser, restart in each list; start= and value= move them;
        # a printed number, an unordered or a lettered list get none
        ("<ol><li><strong>问题甲。</strong></li><li>问题乙</li></ol><ol start='3'><li>丙</li><li value='7'>丁</li></ol>"
         "<ol><li>1.已编号</li></ol><ul><li>项</li></ul><ol type='a'><li>字母</li></ol>",
         ["1.问题甲。", "2.问题乙", "3.丙", "7.丁", "1.已编号", "项", "字母"]),
    ],
    ids=["inline-block-br", "cjk-newlines", "chrome-classes", "body-form", "article-header", "table-pre",
         "non-text", "all-chrome", "ordered-lists"],
)
def test_html_blocks(page, expected):
    assert read_bytes(page.encode("utf-8"), "p.html").split("\n") == expected


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("gb2312", "gb18030"), ("GBK", "gbk"), ("utf-8", "utf-8"), ("big5", "big5")],
)
def test_html_declared_charset(charset, encoding):
    body = TRAD if encoding == "big5" else "湘西高新区巡视整改：喆堃镕"  # beyond GB2312 though declared gb2312
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body><p>{body}</p></body></html>'
    assert read_bytes(page.encode(encoding), "p.htm") == body


def test_html_wrong_declared_charset_and_utf16():
    body = "整改结果：完成。"
    lying = f'<html><head><meta charset="utf-8"></head><body><p>{body}</p></body></html>'
    assert read_bytes(lying.encode("gbk"), "p.html") == body
    assert read_bytes(makers.to_html(SEED).encode("utf-16"), "p.html") == SEED_LINES


def test_html_deeply_nested_does_not_crash():
    page = "<html><body>" + "<div>" * 10000 + "深层内容" + "</div>" * 10000 + "<p>尾部</p></body></html>"
    assert read_bytes(page.encode(), "deep.html") == "深层内容\n尾部"


def test_html_recursion_falls_back_to_flat_text(monkeypatch):
    import bs4

    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(bs4, "BeautifulSoup", explode)
    page = "<html><head><script>var x;</script></head><body><p>第一段&amp;</p><div>第二<b>段</b></div></body></html>"
    assert read_bytes(page.encode(), "p.html") == "第一段&\n第二段"


# ---------------------------------------------------------------------------
# PDF (printed by Chromium)


def _raw_pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def test_pdf_from_chromium_rejoins_lines():
    pdf = makers.to_pdf(SEED)
    raw = _raw_pdf_text(pdf)
    # The fixture really exercises both problems: wrapped lines and Kangxi radicals.
    assert RADICAL_RE.search(raw)
    assert raw.count("\n") > SEED_LINES.count("\n") + 50
    text = read_bytes(pdf, "report.pdf")
    for sentence in KEY_SENTENCES:
        assert sentence in text
    assert not RADICAL_RE.search(text)
    assert text == SEED_LINES


@pytest.mark.parametrize(
    ("css", "footer", "exact"),
    [
        # official-document layout: no paragraph spacing, first-line indent, justified
        ("p { margin: 0; text-indent: 2em; text-align: justify }", None, True),
        # folios "- N -" in the page footer are dropped, paragraphs still join across pages
        ("", '- <span class="pageNumber"></span> -', True),
        # Here a line wraps at the space in "清廉促发展 担当建新功": Chromium does not draw the
        # space, so nothing in the PDF says it was there and the rejoined text lacks it.
        ("body { font-size: 21px }", '第 <span class="pageNumber"></span> 页', False),
    ],
    ids=["indent-layout", "dash-folio", "chinese-folio"],
)
def test_pdf_layouts(css, footer, exact):
    pdf = makers.to_pdf(SEED, css=css, footer=footer)
    if footer:
        assert re.search(r"^(- 2 -|第 2 [页⻚])$", _raw_pdf_text(pdf), re.M)
    text = read_bytes(pdf, "report.pdf")
    if exact:
        assert text == SEED_LINES
    else:
        assert text.replace(" ", "") == SEED_LINES.replace(" ", "")
        assert text.split("\n") == [line.replace("展 担", "展担") for line in SEED_LINES.split("\n")]


def test_pdf_maker_fails_without_chromium(monkeypatch):
    # Browser-based tests must fail, not skip, on a machine without Chromium.
    monkeypatch.setattr(makers, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(makers, "_BROWSER", None)
    with pytest.raises(FileNotFoundError, match="chromium"):
        makers.html_to_pdf("<p>a page no other test prints</p>")


def _boundaries(lines: list[str]) -> set[int]:
    """Offsets, in the text without newlines, where one line ends and the next begins."""
    out, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        out.add(pos)
    return out


def test_pdf_without_paragraph_cues_keeps_sentences():
    # With neither spacing nor indentation a full line ending in 。 is ambiguous: the reader
    # may break there, but never inside a sentence.
    text = read_bytes(makers.to_pdf(SEED, css="p { margin: 0 }"), "r.pdf")
    for sentence in KEY_SENTENCES:
        assert sentence in text
    flat = SEED_LINES.replace("\n", "")
    assert text.replace("\n", "") == flat
    extra = _boundaries(text.split("\n")) - _boundaries(SEED_LINES.split("\n"))
    assert all(flat[pos - 1] in "。！？" for pos in extra)


def test_pdf_radicals_from_tounicode_map():
    pdf = makers.radicals_pdf({0x41: "\u2f45", 0x42: "\u2ec4", 0x43: "\u2f2f", 0x44: "\u2ec5"})
    assert _raw_pdf_text(pdf) == "\u2f45\u2ec4\u2f2f\u2ec5"  # what pdfplumber alone gives
    assert read_bytes(pdf, "r.pdf") == "方西工见"


def test_pdf_encrypted():
    pdf = makers.encrypted_pdf(b"secret", b"owner")
    import pdfplumber

    # The fixture is a real encrypted PDF: it opens with its password.
    with pdfplumber.open(io.BytesIO(pdf), password="secret") as doc:
        assert doc.pages[0].extract_text() == "Hello secret report"
    expect_error(pdf, "locked.pdf", "pdf_encrypted")
    # Only an owner password (restrictions, empty user password): readable.
    assert read_bytes(makers.encrypted_pdf(b"", b"owner"), "r.pdf") == "Hello secret report"


def test_pdf_scanned_has_no_text():
    err = expect_error(makers.scanned_pdf(), "scan.pdf", "pdf_no_text")
    assert "OCR" in err.zh and "扫描" in err.zh


@pytest.mark.parametrize(
    "make",
    [
        lambda pdf: pdf[: len(pdf) // 2],
        lambda pdf: pdf[:2000],
        lambda pdf: b"%PDF-1.7\n" + random.Random(3).randbytes(5000) + b"\n%%EOF\n",
        lambda pdf: pdf.replace(b"/Root", b"/Rxxx"),
    ],
    ids=["half", "head-only", "junk-body", "no-root"],
)
def test_pdf_corrupt(make):
    expect_error(make(makers.to_pdf(SEED)), "r.pdf", "pdf_corrupt")


# ---------------------------------------------------------------------------
# Errors, sniffing and wrong extensions


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(raw)
    ) + chunk(b"IEND", b"")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _docx_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(makers.to_docx("整改结果：完成。"))) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip_bomb_ratio() -> bytes:
    members = _docx_members()
    # Whitespace after the root element is well-formed XML that deflates ~1000:1.
    members["word/document.xml"] += b" " * (5 * 1024 * 1024)
    return _zip(members)


def _zip_declared_huge() -> bytes:
    data = bytearray(_zip(_docx_members()))
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46: pos + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, pos + 24, 300 * 1024 * 1024)
            return bytes(data)
        pos += 4


def _docx_bad_xml() -> bytes:
    members = _docx_members()
    members["word/document.xml"] = members["word/document.xml"][:-40]
    return _zip(members)


def _xlsx_like() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


ERROR_CASES = [
    ("empty", lambda: b"", "r.txt", "empty"),
    ("whitespace-only", lambda: b" \r\n\t\n", "r.txt", "empty"),
    ("21MB", lambda: b"a" * (21 * 1024 * 1024), "big.txt", "too_large"),
    # pictures go to OCR: an 8×8 one holds no line of text, a JPEG of zeros is no picture
    ("png", _png, "scan.png", "image_no_text"),
    ("png-named-txt", _png, "report.txt", "image_no_text"),
    ("jpeg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "p.jpg", "image_corrupt"),
    ("gif", lambda: b"GIF89a" + bytes(200), "p.gif", "unsupported"),
    ("doc-ole", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), "old.doc", "unsupported"),
    ("rtf", lambda: b"{\\rtf1\\ansi hello}", "r.rtf", "unsupported"),
    ("xlsx-skeleton", _xlsx_like, "sheet.xlsx", "sheet_corrupt"),
    ("random-binary", lambda: random.Random(5).randbytes(4096), "blob.bin", "unsupported"),
    ("binary-named-docx", lambda: random.Random(5).randbytes(4096), "r.docx", "docx_corrupt"),
    ("binary-named-pdf", lambda: random.Random(5).randbytes(4096), "r.pdf", "pdf_corrupt"),
    ("workbook-named-docx", _xlsx_like, "r.docx", "sheet_corrupt"),   # the content decides
    ("truncated-docx", lambda: makers.to_docx(SEED)[:6000], "r.docx", "docx_corrupt"),
    ("truncated-docx-no-ext", lambda: makers.to_docx(SEED)[:6000], "upload", "docx_corrupt"),
    ("docx-bad-xml", _docx_bad_xml, "r.docx", "docx_corrupt"),
    ("zip-bomb-ratio", _zip_bomb_ratio, "bomb.docx", "too_large"),
    ("zip-declared-300MB", _zip_declared_huge, "bomb.docx", "too_large"),
    ("docx-with-no-text", lambda: makers.to_docx("\n\n"), "blank.docx", "empty"),
    ("html-only-chrome", lambda: b"<html><body><script>x()</script></body></html>", "p.html", "empty"),
]


@pytest.mark.parametrize(("make", "filename", "code"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_read_errors(make, filename, code):
    err = expect_error(make(), filename, code)
    if code == "too_large" and filename == "big.txt":
        assert "20 MB" in err.zh and "20 MB" in err.en
    if code == "unsupported" and filename not in ("old.doc", "r.rtf"):
        assert ".docx" in err.zh and ".pdf" in err.en and ".html" in err.en and ".txt" in err.zh
        assert ".png" in err.zh and ".jpg" in err.en and "扫描版" in err.zh and "scanned" in err.en
    if filename in ("old.doc", "r.rtf"):
        assert ".docx" in err.zh and ".docx" in err.en


def test_read_file(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(SEED.encode("gbk"))
    assert read_file(path) == SEED
    assert read_file(str(path)) == SEED
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: the size check must not read it
    with pytest.raises(ReadError) as info:
        read_file(big)
    assert_read_error(info.value, "too_large")


@pytest.mark.parametrize(
    ("make", "filename", "kind"),
    [
        (lambda: makers.to_html(SEED).encode(), "report.txt", "html"),
        (lambda: SEED.encode(), "report.pdf", "txt"),
        (lambda: SEED.encode(), "report.docx", "txt"),
        (lambda: SEED.encode("utf-16"), "report.html", "txt"),
        (lambda: makers.to_docx(SEED), "report.txt", "docx"),
        (lambda: makers.to_docx(SEED), "", "docx"),
        (lambda: makers.to_pdf(SEED), "report.html", "pdf"),
        (lambda: b"\xef\xbb\xbf  <!DOCTYPE html><p>x</p>", "x", "html"),
        (lambda: "<!-- c --><div>正文</div>".encode("utf-16"), "x.txt", "html"),
        (lambda: b"Some notes <b>not</b> html at the start", "x.txt", "txt"),
        (lambda: b"Some notes with a <b>tag</b>", "x.html", "html"),
    ],
)
def test_sniff_by_content(make, filename, kind):
    assert sniff(make(), filename) == kind


@pytest.mark.parametrize(
    ("make", "filename", "expected"),
    [
        (lambda: makers.to_html(SEED).encode(), "report.txt", SEED_LINES),
        (lambda: SEED.encode(), "report.pdf", SEED),
        (lambda: makers.to_docx(SEED), "report.pdf", SEED),
        (lambda: makers.to_pdf(SEED), "report.docx", SEED_LINES),
    ],
    ids=["html-as-txt", "txt-as-pdf", "docx-as-pdf", "pdf-as-docx"],
)
def test_wrong_extension_is_read_by_content(make, filename, expected):
    assert read_bytes(make(), filename) == expected


# ---------------------------------------------------------------------------
# Helpers


def test_kangxi_radicals_all_map_to_unified_ideographs():
    kangxi = "".join(chr(cp) for cp in range(0x2F00, 0x2FD6))
    fixed = radicals.fix_radicals(kangxi)
    assert len(fixed) == len(kangxi)
    for ch in fixed:
        assert unicodedata.name(ch).startswith("CJK UNIFIED IDEOGRAPH"), ch


def test_radical_supplement_table():
    for radical, ideograph in radicals._RADICAL_SUPPLEMENT.items():
        assert unicodedata.name(radical).startswith("CJK RADICAL")
        assert unicodedata.name(ideograph).startswith("CJK UNIFIED IDEOGRAPH"), (radical, ideograph)
    pairs = {
        "⻄": "西", "⻅": "见", "⻆": "角", "⻓": "长", "⻔": "门", "⻘": "青", "⻝": "食", "⻜": "飞",
        "⻢": "马", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿",
        "⻰": "龙", "⻳": "龟", "⺠": "民", "⺟": "母", "⻋": "车", "⻉": "贝", "⻈": "讠", "⺁": "厂",
        "⺇": "几", "⺌": "小", "⺍": "小", "⺮": "竹", "⺶": "羊", "⻊": "足", "⻏": "阝",
        "⾼": "高", "⼯": "工", "⽅": "方", "⻛": "风", "⺫": "罒", "\uf9b5": "例",
    }
    text = "".join(pairs)
    assert radicals.fix_radicals(text) == "".join(pairs.values())
    assert radicals.fix_radicals(SEED) == SEED


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "decimal", "1"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"), (23, "chineseCountingThousand", "二十三"),
        (101, "chineseCountingThousand", "一百零一"), (3, "ideographTraditional", "丙"),
        (12, "ideographZodiac", "亥"), (4, "decimalEnclosedCircle", "④"), (21, "decimalEnclosedCircle", "21"),
        (2, "decimalFullWidth", "２"), (3, "decimalEnclosedParen", "⑶"), (3, "decimalEnclosedFullstop", "⒊"),
        (14, "upperRoman", "XIV"), (9, "lowerRoman", "ix"), (28, "upperLetter", "BB"), (2, "lowerLetter", "b"),
        (5, "decimalZero", "05"), (12, "chineseLegalSimplified", "拾贰"), (5, "none", ""),
    ],
)
def test_format_number(n, fmt, expected):
    assert docx_reader.format_number(n, fmt) == expected


def _mutations(data: bytes, rng: random.Random, count: int):
    for _ in range(count):
        b = bytearray(data)
        mode = rng.choice(["flip", "cut", "splice", "zero"])
        i = rng.randrange(len(b))
        if mode == "flip":
            for _ in range(rng.randint(1, 20)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif mode == "cut":
            b = b[: max(i, 1)]
        elif mode == "splice":
            b[i:i] = rng.randbytes(rng.randint(1, 200))
        else:
            b[i: i + 300] = bytes(len(b[i: i + 300]))
        yield bytes(b)


@pytest.mark.parametrize(
    ("make", "filename"),
    [
        (lambda: makers.to_docx(SEED, table_lines=(5, 9), numbered=True), "m.docx"),
        (lambda: makers.to_html(SEED).encode("utf-8"), "m.html"),
        (lambda: SEED.encode("gb18030"), "m.txt"),
        (lambda: SEED.encode("utf-16"), "m.txt"),
        (makers.encrypted_pdf, "m.pdf"),
        (lambda: makers.encrypted_pdf(b""), "m.pdf"),
        (lambda: makers.radicals_pdf({0x41: "\u2f45"}), "m.pdf"),
    ],
    ids=["docx", "html", "gb18030", "utf16", "pdf-locked", "pdf-owner-only", "pdf-tounicode"],
)
def test_damaged_files_give_text_or_read_error(make, filename):
    rng = random.Random(filename + str(len(make())))
    for data in _mutations(make(), rng, 40):
        for name in (filename, ""):
            try:
                text = read_bytes(data, name)
            except ReadError as err:
                assert_read_error(err, err.code)
                assert err.code in errors._MESSAGES
                continue
            assert text.strip() and "\r" not in text and "\x00" not in text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF"),
        st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=500).map(lambda t: ("<html><body>" + t).encode("utf-8")),
    ),
    st.sampled_from(["a.txt", "a.docx", "a.pdf", "a.html", ""]),
)
def test_any_bytes_give_text_or_read_error(data, filename):
    try:
        text = read_bytes(data, filename)
    except ReadError as err:
        assert err.code in errors._MESSAGES
        return
    assert isinstance(text, str) and text.strip()
    assert "\r" not in text and "\x00" not in text and "\ufeff" not in text


# merged cells in HTML tables are repeated in every row and column they cover
@pytest.mark.parametrize(("rows_html", "grid"), [
    ("<tr><td>1</td><td rowspan=2>甲方面</td><td>问题一</td></tr><tr><td>2</td><td>问题二</td></tr>",
     [["1", "甲方面", "问题一"], ["2", "甲方面", "问题二"]]),
    ("<tr><th colspan=2>类别</th><th>问题</th></tr><tr><td>a</td><td>b</td><td>c</td></tr>",
     [["类别", "类别", "问题"], ["a", "b", "c"]]),
    # a span across the last column, a span running past the table's end, a damaged span value
    ("<tr><td>1</td><td rowspan=3>x</td></tr><tr><td>2</td></tr>", [["1", "x"], ["2", "x"]]),
    ("<tr><td rowspan='abc'>1</td><td>y</td></tr><tr><td>2</td><td>z</td></tr>", [["1", "y"], ["2", "z"]]),
    ("<tr><td rowspan=99999999>1</td></tr>" + "<tr></tr>" * 3, [["1"], ["1"], ["1"], ["1"]]),
])
def test_html_table_grid(rows_html, grid):
    from bs4 import BeautifulSoup

    assert html_reader._table_grid(BeautifulSoup(f"<table>{rows_html}</table>", "html.parser").table) == grid


def test_html_table_spans_stay_bounded():
    # every row spans 64 columns down 200 rows, and the next row starts to the right of them
    from bs4 import BeautifulSoup

    row = "<tr>" + "<td rowspan=200 colspan=200>x</td>" * 3 + "</tr>"
    grid = html_reader._table_grid(BeautifulSoup(f"<table>{row * 3000}</table>", "html.parser").table)
    assert max(map(len, grid)) <= html_reader.MAX_COLUMNS
    assert sum(map(len, grid)) <= html_reader.MAX_GRID_CELLS + html_reader.MAX_COLUMNS


def _ledger_page(n_rows: int, width: str = "100%", thead: bool = False) -> str:
    """A web page's ledger table: a theme row across the table (colspan), then items with long measures."""
    statuses = ["已完成", "正在推进", "长期坚持"]
    rows = ['<tr><td colspan="4">一、落实全面从严治党战略部署方面</td></tr>']
    for n in range(1, n_rows + 1):
        measures = "；".join(f"{cn}是整改第{n}项问题的第{k}条措施，追回资金{n}.{k}万元"
                            for k, cn in enumerate("一二三四五六", start=1))
        rows.append(f"<tr><td>{n}</td><td>第{n}项问题：专项资金管理不规范，存在违规拨付现象</td>"
                    f"<td>{measures}。</td><td>{statuses[n % 3]}</td></tr>")
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK SC";'
            f'font-size:15px}} .main{{width:{width}}} td,th{{border:1px solid #333;padding:4px}}</style></head><body>'
            '<div class="main"><p>中共某县委关于巡察整改进展情况的通报</p><p>具体整改情况见下表：</p>'
            '<table style="border-collapse:collapse">' + ("<thead>" if thead else "") +
            "<tr><th>序号</th><th>反馈问题</th><th>整改措施</th><th>完成情况</th></tr>" + ("</thead>" if thead else "")
            + "".join(rows) + "</table><p>中共某县委</p><p>2024年6月30日</p></div></body></html>")


@pytest.mark.parametrize(("width", "thead"), [("100%", False), ("1100px", False), ("100%", True)],
                         ids=["fluid", "fixed-width-site", "header-on-every-page"])
def test_a_ledger_table_printed_from_the_browser_reads_as_its_items(width, thead):
    """Read line by line, a printed table's cells interleave; from its rules, each row is an item again, across
    page breaks (the header printed once or on every page, a row the break split made whole), however wide the
    site's column."""
    import pdfplumber

    from lib.ledger.parse import parse_text

    pdf = makers.html_to_pdf(_ledger_page(24, width, thead))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) >= 2                      # the table runs over page breaks
    ledger = parse_text(read_bytes(pdf, "ledger.pdf"))
    assert [it.no for it in ledger.items] == list(range(1, 25))
    assert [it.title for it in ledger.items] == [f"第{n}项问题：专项资金管理不规范，存在违规拨付现象" for n in range(1, 25)]
    assert [it.status_raw for it in ledger.items] == [["已完成", "正在推进", "长期坚持"][n % 3] for n in range(1, 25)]
    assert [t.title for t in ledger.themes] == ["落实全面从严治党战略部署方面"]
    # every measure whole, its figures read once each
    money = sorted(q.value for q in ledger.quantities if q.kind == "money")
    assert money == sorted(float(f"{n}.{k}") for n in range(1, 25) for k in range(1, 7))


def _pdfminer_layout(monkeypatch, data: bytes) -> str:
    from lib.read import pdf as pdf_reader
    with monkeypatch.context() as m:
        m.setattr(pdf_reader, "_pdfium_pages", lambda data, count: None)
        return pdf_reader._read_pdf(data)


@pytest.mark.parametrize("css", ["", "p { margin: 0; text-indent: 2em }"])
def test_pdfium_lays_out_a_page_as_pdfminer_does(monkeypatch, css):
    # pdfium reads the characters (five times faster, bench/pdf_text.py); the lines it makes must be pdfminer's
    from lib.read import pdf as pdf_reader
    data = makers.to_pdf(SEED, css=css)
    assert pdf_reader._read_pdf(data) == _pdfminer_layout(monkeypatch, data)


def test_a_pdf_pdfium_cannot_open_is_read_by_pdfminer(monkeypatch):
    import pypdfium2
    from lib.read import pdf as pdf_reader
    data = makers.to_pdf(SEED)

    def refuse(*args, **kwargs):
        raise pypdfium2.PdfiumError("refused")
    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    assert pdf_reader._pdfium_pages(data, 9) is None
    assert KEY_SENTENCES[0] in pdf_reader._read_pdf(data).replace("\n", "")


def test_a_printed_hyphen_at_a_line_end_stays_a_hyphen():
    """Chromium wraps an e-mail address at its "-"; pdfium hands that hyphen back as U+0002: the text keeps "-"."""
    page = ('<html><body style="font-family: Noto Sans CJK SC"><p style="width: 12em">电子邮箱：'
            'xszg@hanchuan-cg.com.cn。</p></body></html>')
    text = read_bytes(makers.html_to_pdf(page), "wrapped.pdf")
    assert "\x02" not in text
    assert "hanchuan-" in text and "cg.com.cn" in text


def test_a_list_item_s_paragraphs_inset_from_the_text_edge_are_joined():
    """<ol><li><p>: Chromium prints the list's paragraphs inset from the page's text edge (the marker hangs
    left of them); a wrapped paragraph is still one line, and each list item keeps its number."""
    long = "对全街道村（社区）集体资产租赁合同开展全面清理，共清理合同147份，规范重签合同39份，追缴拖欠集体资产租金38.72万元。"
    intro = "".join(f"<p>第{n}段开头说明，巡察整改工作按照统一部署有序推进，各项任务逐项落实到位。</p>" for n in range(4))
    page = ('<html><body style="font-family: Noto Sans CJK SC; width: 30em">' + intro +
            '<h3>（一）关于资产管理方面</h3><ol>'
            f'<li><strong>集体资产租金长期拖欠。</strong><p>整改措施：{long * 2}</p><p>整改状态：已完成</p></li>'
            f'<li><strong>债务风险管控不力。</strong><p>整改措施：{long}</p></li></ol></body></html>')
    lines = read_bytes(makers.html_to_pdf(page), "list.pdf").split("\n")
    assert f"整改措施：{long * 2}" in lines and f"整改措施：{long}" in lines
    assert "整改状态：已完成" in lines
    assert any(line.startswith("2.") and "债务风险管控不力" in line for line in lines)


# Each character is two GBK bytes that also form valid UTF-8: the bytes alone read as "ѧϰʵʩϸĿ".
_GBK_LOOKALIKE = "学习实施细目"


@pytest.mark.parametrize("markup, encoding, expected", [
    # the server's charset decides where the markup says nothing
    ("<html><body><p>{}</p></body></html>", "GBK", _GBK_LOOKALIKE),
    ("<html><body><p>{}</p></body></html>", "gb2312", _GBK_LOOKALIKE),
    # and over the markup's own declaration, as in a browser
    ('<html><head><meta charset="utf-8"></head><body><p>{}</p></body></html>', "gbk", _GBK_LOOKALIKE),
    # a charset the bytes do not fit, or a name no codec has, is passed over for the usual detection
    ("<html><body><p>{}</p></body></html>", "shift_jis-nonsense", "ѧϰʵʩϸĿ"),
])
def test_an_html_encoding_hint(markup, encoding, expected):
    data = markup.format(_GBK_LOOKALIKE).encode("gbk")
    assert read_bytes(data, "page.html") == "ѧϰʵʩϸĿ"          # without the hint
    assert read_bytes(data, "page.html", encoding=encoding) == expected

