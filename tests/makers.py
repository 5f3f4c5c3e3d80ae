"""Build test inputs (docx, html, pdf, encrypted pdf) from the seed report with the real libraries."""

from __future__ import annotations

import functools
import hashlib
import html
import io
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent

SEED = ROOT / "data" / "reports" / "000_5f7a45d77596a08c.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# DOCX

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CN = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _cn_value(s: str) -> int:
    """一..九十九 -> int (enough for list labels)."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    return _CN[s]


def add_abstract_num(document, abstract_id: int, levels) -> None:
    """levels: [(ilvl, numFmt, lvlText, start[, extra_xml]), ...] -> a w:abstractNum in numbering.xml.

    extra_xml is put inside the w:lvl, e.g. '<w:isLgl/>' or '<w:suff w:val="space"/>'.
    """
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{rest[0] if rest else ""}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for ilvl, fmt, text, start, *rest in levels
    )
    el = parse_xml(
        f'<w:abstractNum xmlns:w="{_W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    # The schema wants every abstractNum before the first num.
    first_num = numbering.find(f"{{{_W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(el)
    else:
        numbering.append(el)


def add_num(document, num_id: int, abstract_id: int, start_override: dict | None = None) -> None:
    from docx.oxml import parse_xml

    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_override or {}).items()
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num xmlns:w="{_W_NS}" w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )


def set_numbering(paragraph, num_id: int, ilvl: int = 0) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{_W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def to_docx(text: str, table_lines: tuple[int, int] | None = None, numbered: bool = False) -> bytes:
    """One paragraph per line.

    table_lines=(i, j): lines i..j-1 go into a two-column table, row by row; an odd last line
    gets a row whose two cells are merged, so it must be read once.
    numbered=True: "N." and "（一）" labels at the start of a line become Word auto-numbering
    (decimal "%1." and chineseCounting "（%1）"), so the reader must render them back; a
    （一） or 1. sequence that starts again, or starts at N, uses a new w:num with startOverride.
    """
    import docx

    document = docx.Document()
    lines = text.split("\n")
    i0, j0 = table_lines if table_lines else (len(lines), len(lines))
    if numbered:
        add_abstract_num(document, 10, [(0, "decimal", "%1.", 1)])
        add_abstract_num(document, 11, [(0, "chineseCounting", "（%1）", 1)])
        add_num(document, 20, 10)
        next_num_id = 21
        cn_num_id = None
        dec_num_id = 20
        expected = {"dec": 1, "cn": 1}

    def add_line(container, line: str) -> None:
        nonlocal next_num_id, cn_num_id, dec_num_id
        if numbered:
            m = re.match(r"^\s*(\d+)\.(?=\S)", line)
            c = re.match(r"^\s*（([一二三四五六七八九十]+)）", line)
            if m:
                value = int(m.group(1))
                if value != expected["dec"]:
                    # 1. 2. … that starts again under the next heading, or a list set to start at N: its own
                    # w:num with a startOverride, as Word makes it
                    add_num(document, next_num_id, 10, {0: value})
                    dec_num_id, next_num_id = next_num_id, next_num_id + 1
                    expected["dec"] = value
                expected["dec"] += 1
                p = container.add_paragraph(line[m.end():])
                set_numbering(p, dec_num_id)
                return
            if c:
                value = _cn_value(c.group(1))
                if value == 1 or cn_num_id is None or value != expected["cn"]:
                    # A list that starts again (or is set to start at N) gets its own w:num with a startOverride.
                    add_num(document, next_num_id, 11, {0: value} if cn_num_id is not None or value != 1 else None)
                    cn_num_id, next_num_id = next_num_id, next_num_id + 1
                    expected["cn"] = value
                expected["cn"] += 1
                p = container.add_paragraph(line[c.end():])
                set_numbering(p, cn_num_id)
                return
        container.add_paragraph(line)

    for line in lines[:i0]:
        add_line(document, line)
    if table_lines:
        cells = lines[i0:j0]
        rows = (len(cells) + 1) // 2
        table = document.add_table(rows=rows, cols=2)
        for k, line in enumerate(cells):
            cell = table.cell(k // 2, k % 2)
            if k == len(cells) - 1 and k % 2 == 0:
                cell = cell.merge(table.cell(k // 2, 1))
            cell.paragraphs[0].text = line
        for line in lines[j0:]:
            add_line(document, line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def numbered_expected(text: str) -> str:
    """What to_docx(text, numbered=True) reads back as: numbered labels lose leading spaces."""
    return "\n".join(
        re.sub(r"^\s+(?=\d+\.\S|（[一二三四五六七八九十]+）)", "", line) for line in text.split("\n")
    )


# ---------------------------------------------------------------------------
# HTML / PDF


def to_html(text: str, chrome: bool = True) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    if not chrome:
        return f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于巡视整改进展情况的通报</title>
<style>body {{ font-family: "Noto Sans CJK SC"; }} .breadcrumb {{ color: #666; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/tzgg/">通知公告</a></li><li>政务公开</li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="article">
{body}
</div>
<footer><p>版权所有 © 湘西高新区管委会 湘ICP备00000000号</p></footer>
<script>console.log("分享到微信");</script>
</body>
</html>"""


_BROWSER = None


def chromium():
    """One Chromium for the whole test session (Playwright's sync API allows one instance per thread)."""
    global _BROWSER
    if _BROWSER is None:
        if not Path(CHROMIUM).exists():
            raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install chromium")
        import atexit

        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        _BROWSER = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def _stop():
            try:
                _BROWSER.close()
            finally:
                pw.stop()
        atexit.register(_stop)
    return _BROWSER


@functools.lru_cache(maxsize=16)
def html_to_pdf(html_text: str, footer: str | None = None, header: str | None = None) -> bytes:
    """Print an HTML page to A4 PDF with the system Chromium (fails loudly when it is missing).

    footer, header: Chromium templates, e.g. '<span class="pageNumber"></span>', to print folios.
    """
    page = chromium().new_page()
    try:
        page.set_content(html_text)
        options = {}
        if footer is not None or header is not None:
            options = {
                "display_header_footer": True,
                "header_template": f'<div style="width:100%;font-size:10px">{header or "<span></span>"}</div>',
                "footer_template": f'<div style="width:100%;text-align:center;font-size:12px">{footer or "<span></span>"}</div>',
            }
        # The print dialog shrinks a page wider than the paper to fit it (Blink shrinks by up to 2×; a
        # government site's 1,100-pixel column would otherwise be cut at the right edge): so does this.
        printable = (210 - 28 - 26) / 25.4 * 96
        page.set_viewport_size({"width": int(printable), "height": 1000})   # laid out as on the paper
        wide = page.evaluate("document.documentElement.scrollWidth")
        scale = max(0.5, min(1.0, printable / wide)) if wide > printable else 1.0
        return page.pdf(
            format="A4",
            margin={"top": "25mm", "bottom": "25mm", "left": "28mm", "right": "26mm"},
            scale=scale,
            **options,
        )
    finally:
        page.close()


def to_pdf(text: str, css: str = "", footer: str | None = None, header: str | None = None) -> bytes:
    """The text as an A4 PDF, so long paragraphs wrap at the page width.

    css: extra rules, e.g. "p { margin: 0; text-indent: 2em }" for the layout of official
    documents (no paragraph spacing, first-line indent).
    """
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        'body { font-family: "Noto Serif CJK SC"; font-size: 16px; line-height: 1.6; }'
        + css + "</style></head><body>" + body + "</body></html>"
    )
    return html_to_pdf(page, footer, header)


def scanned_pdf() -> bytes:
    """A PDF with only a picture on it, like a scan: no text layer at all."""
    return html_to_pdf(
        '<!DOCTYPE html><html><body style="margin:0">'
        '<svg width="600" height="800" xmlns="http://www.w3.org/2000/svg">'
        '<rect x="40" y="40" width="520" height="720" fill="#eee" stroke="#333"/>'
        + "".join(f'<rect x="70" y="{80 + 30 * k}" width="{300 + (k * 37) % 160}" height="12" fill="#555"/>'
                  for k in range(20))
        + "</svg></body></html>"
    )


# ---------------------------------------------------------------------------
# Hand-written PDFs for what Chromium cannot make: encryption and odd ToUnicode maps


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _assemble_pdf(objects: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for num in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[num])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer_extra, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def simple_pdf(content: bytes, font_extra: bytes = b"", extra_objects: dict[int, bytes] | None = None,
               encrypt: tuple[bytes, bytes] | None = None) -> bytes:
    """One Letter page showing `content` (a content stream) in Helvetica.

    encrypt=(user_password, owner_password): RC4 40-bit (Standard security handler, R2).
    """
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
           b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica " + font_extra + b">>",
    }
    objects.update(extra_objects or {})
    streams = {5: content}
    trailer = b""
    if encrypt:
        user, owner = encrypt
        file_id = hashlib.md5(b"readers-test").digest()
        permissions = -4  # all permissions
        o_key = hashlib.md5((owner + _PAD)[:32]).digest()[:5]
        o_value = _rc4(o_key, (user + _PAD)[:32])
        key = hashlib.md5(
            (user + _PAD)[:32] + o_value + permissions.to_bytes(4, "little", signed=True) + file_id
        ).digest()[:5]
        u_value = _rc4(key, _PAD)
        for num, data in list(streams.items()):
            obj_key = hashlib.md5(key + num.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
            streams[num] = _rc4(obj_key, data)
        enc_num = max(set(objects) | set(streams)) + 1
        objects[enc_num] = (
            b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
            + u_value.hex().encode() + b"> /P %d >>" % permissions
        )
        trailer = b"/Encrypt %d 0 R /ID" % enc_num + b" [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
    for num, data in streams.items():
        objects[num] = _stream(data)
    return _assemble_pdf(objects, trailer)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    return simple_pdf(b"BT /F1 24 Tf 72 700 Td (Hello secret report) Tj ET", encrypt=(user_password, owner_password))


def radicals_pdf(code_to_unicode: dict[int, str]) -> bytes:
    """A PDF whose ToUnicode map sends single-byte codes to the given characters.

    Some producers map ideograph glyphs to Kangxi radicals this way; extraction then yields
    U+2F00.. code points that look right but do not match the unified ideographs.
    """
    entries = "\n".join(f"<{code:02X}> <{ord(ch):04X}>" for code, ch in sorted(code_to_unicode.items()))
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(code_to_unicode)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    shown = "".join(chr(c) for c in sorted(code_to_unicode))
    content = b"BT /F1 24 Tf 72 700 Td (" + shown.encode("latin-1") + b") Tj ET"
    return simple_pdf(content, font_extra=b"/ToUnicode 6 0 R ", extra_objects={6: _stream(cmap)})


# ---------------------------------------------------------------------------
# Spreadsheets: an office's 整改台账, written with openpyxl (.xlsx) and xlwt (.xls), as Excel and WPS save them

FORESTRY_TITLE = "中共青山县林业局党组关于县委第三巡察组反馈意见整改落实情况台账"
FORESTRY_HEADER = ["序号", "问题类别", "反馈问题", "整改措施", "责任领导", "责任单位", "整改时限", "完成情况", "备注"]
# One row per problem; the 问题类别 cell is merged down over its problems (written only on the first).
FORESTRY_ROWS = [
    [1, "一、贯彻落实党的路线方针政策方面", "学习贯彻习近平生态文明思想不够深入，以学促干成效不明显。",
     "制定理论学习中心组学习计划，开展专题学习6次。", "王林", "办公室", "2024年3月底前", "已完成", None],
    [2, None, "林长制工作推进不平衡，部分村级林长巡林不到位。", "建立巡林通报制度，通报问题12个，约谈村级林长5人。",
     "李强", "林长办", "长期坚持", "长期坚持", None],
    [3, None, "森林防火基础设施建设滞后。", "新建防火通道8.5公里，购置扑火机具120台（套）。", "李强", "防火股",
     "2024年12月底前", "正在推进", "资金已到位"],
    [4, "二、全面从严治党方面", "执行中央八项规定精神不严格，公务接待审批不规范。",
     "清退违规接待费用1.2万元，对2名责任人进行提醒谈话。", "张敏", "办公室", "2024年5月31日", "已完成", None],
    [5, None, "林地占用审核把关不严，违法占用林地问题查处不及时。", "立案查处违法占用林地案件7起，收回林地36.5亩。",
     "赵刚", "资源股", "2024年6月底前", "已完成", None],
    [6, "三、组织建设方面", "基层党组织组织生活不规范，“三会一课”记录不全。", "修订支部工作手册，开展专项检查2轮。",
     "王林", "机关党委", "2024年9月", "正在推进", None],
]
FORESTRY_MERGES = ["A1:I1", "A2:E2", "F2:I2", "B4:B6", "B7:B8"]


def forestry_ledger(rows=None, extra=None) -> bytes:
    """The 台账 as Excel saves it: a merged title row, a 填报单位/截至时间 row, the header, merged 问题类别 cells,
    a 合计 row. `extra(ws)` may change the sheet before it is saved."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "整改台账"
    ws.append([FORESTRY_TITLE])
    ws.append(["填报单位：青山县林业局党组", None, None, None, None, "截至时间：2024年6月30日"])
    ws.append(FORESTRY_HEADER)
    for row in rows or FORESTRY_ROWS:
        ws.append(row)
    ws.append(["合计", None, "6个问题", None, None, None, None, "已完成3个", None])
    for ref in FORESTRY_MERGES:
        ws.merge_cells(ref)
    if extra:
        extra(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def forestry_ledger_xls() -> bytes:
    """The same 台账 in Excel 97–2003 format (xlwt writes real BIFF8), with its merged cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("整改台账")
    ws.write_merge(0, 0, 0, 8, FORESTRY_TITLE)
    ws.write_merge(1, 1, 0, 4, "填报单位：青山县林业局党组")
    ws.write_merge(1, 1, 5, 8, "截至时间：2024年6月30日")
    for c, v in enumerate(FORESTRY_HEADER):
        ws.write(2, c, v)
    merged = {(3, 1): 5, (6, 1): 7}   # 问题类别 cells merged down: first row → last row (0-based)
    for r, row in enumerate(FORESTRY_ROWS, start=3):
        for c, v in enumerate(row):
            if (r, c) in merged:
                ws.write_merge(r, merged[(r, c)], c, c, v)
            elif v is not None and not (c == 1 and any(a <= r <= b for (a, _), b in merged.items())):
                ws.write(r, c, v)
    for c, v in ((0, "合计"), (2, "6个问题"), (7, "已完成3个")):
        ws.write(9, c, v)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# Scans: the text printed on A4 with a real CJK font, as a scanner or a phone gives it back

SCAN_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
_SCAN_FONT_SC = 2   # the face index of Noto Sans CJK SC in the collection (0 is JP: other glyph forms)
_NO_LINE_START = set("。，、；：！？）》」』”’…%")


def _scan_font(px: int):
    from PIL import ImageFont

    if not Path(SCAN_FONT).exists():
        raise FileNotFoundError(f"{SCAN_FONT} is missing: apt-get install fonts-noto-cjk")
    return ImageFont.truetype(SCAN_FONT, px, index=_SCAN_FONT_SC)


def _wrap(paragraph: str, font, width: float, indent: float) -> list[str]:
    """A paragraph broken into lines that fit the width, as a word processor breaks Chinese: anywhere, except
    that closing punctuation never starts a line (it stays on the line before, a little past the edge)."""
    lines, line, room = [], "", width - indent
    for ch in paragraph:
        if line and font.getlength(line + ch) > room and ch not in _NO_LINE_START:
            lines.append(line)
            line, room = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


def scan_pages(text: str, dpi: int = 200, font_pt: float = 12, folios: bool = True) -> list:
    """The text as A4 pages (greyscale PIL images): one paragraph per non-blank line, its first line indented two
    characters as official documents are set, a line indented by spaces in the source (a signature, a date) set
    to the right, a folio "- n -" at the foot of each page."""
    from PIL import Image, ImageDraw

    page_w, page_h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    margin_x, margin_y = round(25 / 25.4 * dpi), round(25 / 25.4 * dpi)
    px = round(font_pt / 72 * dpi)
    font = _scan_font(px)
    step = round(px * 1.6)
    width = page_w - 2 * margin_x
    rows: list[tuple[str, float]] = []    # (line, x offset from the left margin)
    for raw in text.split("\n"):
        para = raw.strip()
        if not para:
            continue
        if raw.startswith("    "):
            rows.append((para, width - font.getlength(para)))
            continue
        for k, line in enumerate(_wrap(para, font, width, 2 * px)):
            rows.append((line, 2 * px if k == 0 else 0))
    per_page = (page_h - 2 * margin_y) // step
    pages = []
    for n in range(0, len(rows), per_page):
        img = Image.new("L", (page_w, page_h), 255)
        draw = ImageDraw.Draw(img)
        for k, (line, dx) in enumerate(rows[n:n + per_page]):
            draw.text((margin_x + dx, margin_y + k * step), line, font=font, fill=0)
        if folios:
            folio = f"- {len(pages) + 1} -"
            draw.text(((page_w - font.getlength(folio)) / 2, page_h - margin_y + step), folio, font=font, fill=0)
        pages.append(img)
    return pages


def photocopy(img, angle: float = 1.0, seed: int = 0, wear: float = 1.0):
    """A page as a worn photocopier gives it back: turned a little, blurred, grey paper with specks, toner noise
    (wear scales the blur, the noise and the specks: 1 is a tired office copier, 2 a copy of a copy)."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.8 * wear))
    a = np.asarray(img, dtype=np.float32)
    a = 40 * wear + a * ((255 - 55 * wear) / 255)      # grey paper, toner that is not quite black
    a += rng.normal(0, 12 * wear, a.shape)
    specks = rng.random(a.shape) < 0.0015 * wear
    a[specks] = rng.uniform(0, 120, specks.sum())
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def _dpi_of(img) -> tuple[int, int]:
    return img.info.get("dpi", (200, 200))


def scan_image(img, fmt: str = "PNG", dpi: int = 200, quality: int = 80) -> bytes:
    """One page image as the bytes of an image file (PNG, JPEG, WEBP, BMP, TIFF)."""
    buf = io.BytesIO()
    options = {"quality": quality} if fmt in ("JPEG", "WEBP") else {}
    img.save(buf, fmt, dpi=(dpi, dpi), **options)
    return buf.getvalue()


def make_scan_pdf(text: str, path=None, noise: bool = False, dpi: int = 200, font_pt: float = 12,
                  angle: float = 1.0, wear: float = 1.0, max_pages: int | None = None) -> bytes:
    """An image-only PDF of the text printed and scanned (Pillow's PDF writer: JPEG pages, no text layer);
    noise=True: a photocopy turned by `angle` degrees. Written to path as well when one is given."""
    pages = scan_pages(text, dpi, font_pt)[:max_pages]
    if noise:
        pages = [photocopy(p, angle=angle, seed=k, wear=wear) for k, p in enumerate(pages)]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=85)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def scan_tiff(text: str, dpi: int = 200) -> bytes:
    """A multi-frame TIFF, one frame a page, as office scanners save a document."""
    pages = scan_pages(text, dpi)
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression="tiff_deflate")
    return buf.getvalue()


def char_error_rate(reference: str, hypothesis: str) -> float:
    """Character errors (substituted, dropped, inserted) per reference character, counted from difflib's
    alignment of the two texts without their whitespace: an upper bound of the edit distance, close to it on
    near-equal texts, and no dependency."""
    import difflib

    ref = re.sub(r"\s+", "", reference)
    hyp = re.sub(r"\s+", "", hypothesis)
    matcher = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    errors = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return errors / max(len(ref), 1)


def scan_table_page(title: str, rows: list[list[str]], widths: list[float], dpi: int = 200, font_pt: float = 10.5,
                    landscape: bool = False, before: str = "", after: str = ""):
    """A page holding a ruled table as Word prints one (an 附件 ledger: 序号 | 问题 | 整改措施 | 完成情况): the
    title centred above, each cell's text wrapped inside its column and set at the cell's top, lines between
    every row and column; `widths` are the columns' shares of the text width; `before`/`after`, paragraphs set
    above and below it. landscape=True lays the page on its side, as a landscape page stands in a portrait
    scan (the image is turned 90° back into portrait)."""
    from PIL import Image, ImageDraw

    page_w, page_h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    if landscape:
        page_w, page_h = page_h, page_w
    margin = round(20 / 25.4 * dpi)
    px = round(font_pt / 72 * dpi)
    font = _scan_font(px)
    step = round(px * 1.45)
    pad = round(px * 0.35)
    img = Image.new("L", (page_w, page_h), 255)
    draw = ImageDraw.Draw(img)
    width = page_w - 2 * margin
    y = margin
    for para in (before.split("\n") if before else []):
        for k, line in enumerate(_wrap(para, font, width, 2 * px)):
            draw.text((margin + (2 * px if k == 0 else 0), y), line, font=font, fill=0)
            y += step
    if title:
        draw.text(((page_w - font.getlength(title)) / 2, y + step // 2), title, font=font, fill=0)
        y += 2 * step
    total = sum(widths)
    xs = [margin]
    for w in widths:
        xs.append(xs[-1] + width * w / total)
    draw.line([(margin, y), (xs[-1], y)], fill=0, width=2)
    for row in rows:
        cells = [_wrap(str(c), font, xs[k + 1] - xs[k] - 2 * pad, 0) if c else [] for k, c in enumerate(row)]
        height = max(len(c) for c in cells) * step + 2 * pad
        for k, lines in enumerate(cells):
            for n, line in enumerate(lines):
                draw.text((xs[k] + pad, y + pad + n * step), line, font=font, fill=0)
        for x in xs:
            draw.line([(x, y), (x, y + height)], fill=0, width=2)
        y += height
        draw.line([(margin, y), (xs[-1], y)], fill=0, width=2)
    y += step
    for para in (after.split("\n") if after else []):
        for k, line in enumerate(_wrap(para, font, width, 2 * px)):
            draw.text((margin + (2 * px if k == 0 else 0), y), line, font=font, fill=0)
            y += step
    return img.rotate(90, expand=True) if landscape else img


def stamp_seal(img, centre: tuple[int, int], name: str = "中国共产党某某县委员会", radius: int = 150,
               alpha: int = 190):
    """The page (greyscale) in colour with a red round seal stamped at `centre`, as over a signature and its date:
    a thick ring, the name round its upper edge and a star in the middle, in translucent red ink."""
    import math as _m

    from PIL import Image, ImageDraw

    page = img.convert("RGB")
    ink = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(ink)
    x, y = centre
    red = (214, 40, 40, alpha)
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=red, width=max(6, radius // 18))
    font = _scan_font(radius // 4)
    for k, ch in enumerate(name):
        angle = _m.pi * (1.1 + 0.8 * k / max(1, len(name) - 1))
        cx, cy = x + 0.72 * radius * _m.cos(angle), y + 0.72 * radius * _m.sin(angle)
        draw.text((cx, cy), ch, font=font, fill=red, anchor="mm")
    star = [(x + 0.3 * radius * _m.cos(_m.pi / 2 * 3 + k * 4 * _m.pi / 5), y + 0.3 * radius * _m.sin(_m.pi / 2 * 3 + k * 4 * _m.pi / 5))
            for k in range(5)]
    draw.polygon(star, fill=red)
    return Image.alpha_composite(page.convert("RGBA"), ink).convert("RGB")


def mixed_pdf(*parts: bytes) -> bytes:
    """One PDF of the pages of several, in order (pdfium's page import): a typed notice with a scanned page
    inside it, as offices assemble one."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for data in parts:
        src = pdfium.PdfDocument(data)
        out.import_pages(src)
        src.close()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()
