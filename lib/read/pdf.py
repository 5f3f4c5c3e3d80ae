"""PDFs with a text layer: read in a guarded child process, lines joined into paragraphs, tables kept."""
from __future__ import annotations

import ctypes
import io
import math
import re
import statistics
import unicodedata
from pathlib import Path

from . import pdftables
from .errors import ReadError
from .pdfcost import (
    MAX_PDF_CONTENT,
    MAX_PDF_PAGE_CONTENT,
    MAX_PDF_PAGES,
    _pdf_page_content,
    _pdf_page_count,
    _pdf_too_large,
)
from .radicals import fix_radicals
from .tables import column_roles
from .tables import render as render_rows
from .unwrap import glue

# ---------------------------------------------------------------------------
# Radicals: PDF fonts often map ideograph glyphs back to radical code points


# ---------------------------------------------------------------------------
# PDF

# A line ending in these (optionally followed by closing quotes/brackets) ends a sentence.
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)》〉】\"']*$")
_OPENERS = "“‘「『（(《〈【[\"'"
_ASCII_WORD = re.compile(r"[!-~]")
# Characters a line may not start with, so they travel down with the word before them.
_NO_LINE_START = set("。，、；：！？）》」』”’〕】…—%")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－―~\s]*\d{1,4}[-–—－―~\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.I,
)


# the place of a scanned page among typed ones, as the text layer's reader leaves it for the OCR
SCANNED_PAGE = "\ue000scanned page {}\ue000"
_SCANNED_LINE = re.compile("\ue000scanned page (\\d+)\ue000\n?")


class _Line:
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "lead_w", "fixed")

    @classmethod
    def fixed_line(cls, text: str, x0: float, top: float, size: float) -> "_Line":
        """A line made from a table's cells: a paragraph of its own, never joined to its neighbours."""
        line = cls.__new__(cls)
        line.text, line.x0, line.x1, line.top, line.bottom = text, x0, x0 + size, top, top + size
        line.size, line.lead_w, line.fixed = size, size, True
        return line

    def __init__(self, raw: dict):
        self.fixed = False
        # Radicals first, so that folios such as "第 3 ⻚" are recognised.
        self.text = fix_radicals(raw["text"])
        self.x0 = float(raw["x0"])
        self.x1 = float(raw["x1"])
        self.top = float(raw["top"])
        self.bottom = float(raw["bottom"])
        chars = [c for c in raw.get("chars", []) if c.get("text", "").strip()]
        sizes = [float(c.get("size") or 0) for c in chars if c.get("size")]
        self.size = statistics.median(sizes) if sizes else max(self.bottom - self.top, 1.0)
        self.lead_w = _lead_width(chars, self.size)


def _lead_width(chars: list[dict], size: float) -> float:
    """Width of what the layout could not break off the start of this line."""
    if not chars:
        return size
    n = 1
    if _ASCII_WORD.match(chars[0]["text"]):
        while n < len(chars) and _ASCII_WORD.match(chars[n]["text"]):
            n += 1
    elif chars[0]["text"] in _OPENERS and len(chars) > 1:
        n = 2  # an opening quote cannot end the line above, so it came down with its word
    # Closing punctuation cannot start a line, so it travelled down with the word before it.
    while n < len(chars) and chars[n]["text"] in _NO_LINE_START:
        n += 1
    return float(chars[n - 1]["x1"]) - float(chars[0]["x0"])


PDF_SECONDS = 30                  # a damaged PDF can keep pdfminer's object parser busy for minutes
PDF_MEMORY_BYTES = 1536 * 2**20   # and a hostile one can take gigabytes


def read_pdf(data: bytes, progress=None, cancel=None) -> tuple[str, "OcrText | None"]:
    """A PDF's text layer; a scan without one is read by OCR instead (then its lines come too, else None), and
    a scanned page among typed ones by OCR in its place (the lines then cover those pages)."""
    try:
        text = _read_pdf_isolated(data)
    except ReadError as e:
        if e.code != "pdf_no_text":
            raise
        from .ocr import ocr_bytes
        ocr = ocr_bytes(data, "pdf", progress, cancel)
        return ocr.text, ocr
    scanned = [int(n) for n in _SCANNED_LINE.findall(text)]
    if not scanned:
        return text, None
    from .ocr import ocr_bytes
    try:
        ocr = ocr_bytes(data, "pdf", progress, cancel, only=scanned)
    except ReadError as e:
        if e.code != "pdf_no_text":
            raise
        return _SCANNED_LINE.sub("", text), None     # the pictures hold no text: a photo, a logo
    return _spliced(text, ocr)


def _spliced(text: str, ocr: "OcrText") -> tuple[str, "OcrText"]:
    """The typed pages' text with each scanned page's place filled by what the OCR read on it; the OCR lines'
    offsets moved to where their page now stands."""
    from .ocr_layout import OcrLine, OcrText
    out, lines, at = "", [], 0
    for m in _SCANNED_LINE.finditer(text):
        out += text[at:m.start()]
        page = int(m.group(1))
        own = [ln for ln in ocr.lines if ln.page == page]
        if own:
            a, b = min(ln.start for ln in own), max(ln.end for ln in own)
            shift = len(out) - a
            out += ocr.text[a:b].strip("\n") + ("\n" if m.group().endswith("\n") else "")
            lines += [OcrLine(ln.page, ln.box, ln.score, ln.start + shift, ln.end + shift) for ln in own]
        at = m.end()
    out += text[at:]
    return out, OcrText(out, lines, ocr.pages, ocr.dpi, ocr.sizes, ocr.images)


def _read_pdf_isolated(data: bytes) -> str:
    """The PDF reader in a child process with a time and a memory limit: when a file would hang or swamp
    pdfminer, the child is killed and the user gets a message, while the app and its other users go on."""
    import json
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    cmd = [sys.executable, "-c", f"from lib.read.pdf import _pdf_child; _pdf_child({int(PDF_MEMORY_BYTES)})"]
    try:
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=PDF_SECONDS, cwd=root)
    except subprocess.TimeoutExpired:
        raise ReadError("pdf_corrupt", f"无法读取该文件：PDF 已损坏或过于复杂，{PDF_SECONDS} 秒内未能读出文字",
                        f"Cannot read the file: the PDF is damaged or too complex; no text after {PDF_SECONDS} s") from None
    head, _, body = done.stdout.partition(b"\n")
    try:
        status = json.loads(head or b"{}")
    except ValueError:
        status = {}
    if done.returncode != 0 or not status:
        # killed by the memory limit (MemoryError, or the kernel) or crashed: the file's fault
        raise ReadError("too_large", "无法读取该文件：PDF 解析所需内存超出限制（疑似压缩炸弹或已损坏）",
                        "Cannot read the file: reading the PDF needs more memory than allowed (a compression "
                        "bomb, or damaged)")
    if "code" in status:
        raise ReadError(status["code"], status.get("zh"), status.get("en"))
    return body.decode("utf-8")


def _pdf_child(memory_bytes: int = PDF_MEMORY_BYTES) -> None:
    """Entry of the child process: PDF bytes on stdin → a JSON status line, then the text, on stdout."""
    import json
    import resource
    import sys

    import pdfplumber  # noqa: F401  (loaded before the limit, so the limit governs reading the file)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer
    try:
        text = _read_pdf(data)
    except ReadError as e:
        out.write(json.dumps({"code": e.code, "zh": e.zh, "en": e.en}).encode() + b"\n")
        return
    except MemoryError:
        out.write(json.dumps({"code": "too_large"}).encode() + b"\n")
        return
    except Exception:  # noqa: BLE001 - a library failure on a bad file
        out.write(json.dumps({"code": "pdf_corrupt"}).encode() + b"\n")
        return
    out.write(b'{"ok": true}\n' + text.encode("utf-8", "replace"))


def _read_pdf(data: bytes) -> str:
    # Without an end-of-file marker the file was cut short; pdfminer would quietly return a part.
    if b"%%EOF" not in data:
        raise ReadError(
            "pdf_corrupt",
            "无法读取该文件：PDF 不完整（文件被截断）",
            "Cannot read the file: the PDF is incomplete (the file was cut short)",
        )
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError

    def encrypted(exc: BaseException | None) -> bool:
        seen = 0
        while exc is not None and seen < 10:
            if isinstance(exc, PDFEncryptionError):
                return True
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
            exc = inner or exc.__cause__ or exc.__context__
            seen += 1
        return False

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            too_many = _pdf_too_large(f"PDF 页数过多（超过 {MAX_PDF_PAGES} 页）",
                                      f"the PDF has too many pages (over {MAX_PDF_PAGES})")
            count = _pdf_page_count(pdf)
            if count is not None and count > MAX_PDF_PAGES:
                raise too_many
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise too_many
            pages = []
            ruled: list[pdftables.PageTable] = []
            budget = MAX_PDF_CONTENT
            # pdfium reads the text layer some twenty times faster than pdfminer (bench/pdf_text.py: 225 pages
            # in 1 s against 33 s); pdfminer still checks what each page costs, and finds ruled tables on the
            # pages pdfium says draw lines
            fast = _pdfium_pages(data, len(pdf.pages))
            for number, page in enumerate(pdf.pages):
                size = _pdf_page_content(page.page_obj, min(MAX_PDF_PAGE_CONTENT, budget))
                if size > min(MAX_PDF_PAGE_CONTENT, budget):
                    raise _pdf_too_large("PDF 页面内容解压后过大（疑似压缩炸弹）",
                                         "the PDF's page content expands to too much data (a decompression bomb?)")
                budget -= size
                if fast is not None:
                    width, lines, drawn, imaged = fast[number]
                else:
                    raw = page.extract_text_lines(return_chars=True, strip=True)
                    width, lines, drawn, imaged = float(page.width), [_Line(r) for r in raw if r["text"].strip()], \
                        True, bool(page.images)
                if not lines and imaged:
                    # a scanned page among typed ones (a signed and sealed last page, an annexed ledger): its
                    # place, for the OCR to fill (read_pdf)
                    lines = [_Line.fixed_line(SCANNED_PAGE.format(number + 1), 0.0, 0.0, 12.0)]
                pages.append((width, lines))
                if drawn:
                    ruled += pdftables.find(page, number, clean=fix_radicals)
                page.close()   # pdfplumber keeps every page's objects otherwise
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        if encrypted(exc):
            raise ReadError("pdf_encrypted") from exc
        raise ReadError("pdf_corrupt") from exc
    if not pages:
        raise ReadError("pdf_corrupt")
    if not any(line for _, lines in pages for line in lines if not (line.fixed and _SCANNED_LINE.fullmatch(line.text))):
        raise ReadError("pdf_no_text")
    if ruled:
        pages = _with_tables(pages, ruled)
    return _shared_glyphs("\n".join(_join_pdf_lines(pages)))


def _pdfium_pages(data: bytes, count: int) -> list[tuple[float, list[_Line], bool, bool]] | None:
    """(width, lines, whether the page draws lines or boxes, whether it holds a picture) of every page, read by
    pdfium; None when pdfium cannot read the file as pdfminer does (then pdfminer reads the text too)."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
        doc = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - pdfminer is the judge of a damaged file
        return None
    try:
        if len(doc) != count:
            return None
        out = []
        for page in doc:
            width, height = page.get_size()
            drawn = any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3))
            imaged = any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3))
            textpage = page.get_textpage()
            chars = []
            ox, oy = ctypes.c_double(), ctypes.c_double()
            matrix = pdfium_c.FS_MATRIX()
            spaced = False
            for i in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(textpage, i)
                ch = chr(code) if 0 < code < 0x110000 else ""
                if not ch or ch in "\r\n":
                    continue
                if pdfium_c.FPDFText_IsGenerated(textpage, i):
                    # pdfium puts its own space where a font's space glyph stood, and also where two runs of
                    # text merely meet: kept below only where the two characters stand apart
                    spaced = spaced or ch == " "
                    continue
                pdfium_c.FPDFText_GetCharOrigin(textpage, i, ox, oy)
                pdfium_c.FPDFText_GetMatrix(textpage, i, matrix)
                size = pdfium_c.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.a, matrix.b) or 1.0
                base = height - oy.value
                if unicodedata.east_asian_width(ch) in "WF":
                    # a full-width character fills its em, as pdfminer boxes it (pdfium's box is the glyph's)
                    x0, x1, top, bottom = ox.value, ox.value + size, base - size, base
                else:
                    left, low, right, high = textpage.get_charbox(i, loose=True)
                    x0, x1, top, bottom = left, right, height - high, height - low
                # pdfium gives a hyphen that ends a line as U+0002; in these reports it is a real one
                # (an e-mail address wrapped at its "-": xszg@hanchuan-⏎cg.com.cn)
                ch = {"\xa0": " ", "\x02": "-"}.get(ch, ch)
                chars.append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                              "size": size, "base": base, "spaced": spaced})
                spaced = False
            out.append((float(width), _lines_of(chars), drawn, imaged))
            textpage.close()
            page.close()
        return out
    except Exception:  # noqa: BLE001
        return None
    finally:
        doc.close()


_Y_TOLERANCE = _X_TOLERANCE = 3.0   # pdfplumber's defaults, so both readers see the same lines
_SPACE_GAP = 0.15                   # a space glyph's width, in ems, at the least


def _lines_of(chars: list[dict]) -> list[_Line]:
    """A page's characters as pdfplumber's extract_text_lines makes them: clustered by their baselines (the
    glyphs' boxes differ from font to font, the baseline does not), each line left to right, a space where two
    characters stand further apart than the tolerance, runs of spaces as one."""
    lines: list[_Line] = []
    cluster: list[dict] = []
    last = None
    for c in sorted(chars, key=lambda c: c["base"]):
        if last is not None and c["base"] - last > _Y_TOLERANCE:
            lines.append(_line_of(cluster))
            cluster = []
        cluster.append(c)
        last = c["base"]
    if cluster:
        lines.append(_line_of(cluster))
    return [line for line in lines if line is not None]


def _line_of(cluster: list[dict]) -> _Line | None:
    row = sorted(cluster, key=lambda c: c["x0"])
    text = row[0]["text"]
    gaps = [b["x0"] - a["x1"] for a, b in zip(row, row[1:])]
    # justified text spaces every character a little: a space stands out from the line's usual gap
    usual = max(0.0, statistics.median(gaps)) if gaps else 0.0
    for a, b, gap in zip(row, row[1:], gaps):
        spaced = b.get("spaced") and gap - usual > _SPACE_GAP * max(a["size"], b["size"], 1.0)
        text += (" " if gap > _X_TOLERANCE or spaced else "") + b["text"]
    seen = [c for c in row if c["text"].strip()]
    text = re.sub(r" {2,}", " ", text).strip()
    if not seen or not text:
        return None
    return _Line({"text": text, "x0": seen[0]["x0"], "x1": max(c["x1"] for c in seen),
                  "top": min(c["top"] for c in seen), "bottom": max(c["bottom"] for c in seen), "chars": seen})


def _with_tables(pages: list[tuple[float, list[_Line]]], ruled: list) -> list[tuple[float, list[_Line]]]:
    """Each ledger table's lines replaced by the item lines its cells make (lib.read.pdftables, lib.read.tables); a
    table that is not a ledger stays as its lines."""
    by_page: dict[int, list] = {}
    for t in ruled:
        by_page.setdefault(t.page, []).append(t)
    for n, tables in by_page.items():
        lines = pages[n][1]
        margins = {id(line) for line in lines} - {id(line) for line in _drop_page_numbers(lines)}
        body = [(line.top, line.bottom) for line in lines
                if id(line) not in margins and not any(t.holds(line.x0, line.top, line.x1, line.bottom) for t in tables)]
        pdftables.mark_edges(tables, body)
    pages = [(w, list(lines)) for w, lines in pages]
    for t in pdftables.join_continued(ruled, column_roles):
        rendered = render_rows(t.rows)
        if not rendered:
            continue
        for part in [t, *t.continued]:
            width, lines = pages[part.page]
            pages[part.page] = (width, [line for line in lines
                                        if not part.holds(line.x0, line.top, line.x1, line.bottom)])
        width, lines = pages[t.page]
        size = statistics.median([line.size for line in lines]) if lines else 10.0
        made = [_Line.fixed_line(text, t.x0 + 2 * size, t.top + k * 0.001, size) for k, text in enumerate(rendered)]
        pages[t.page] = (width, sorted(lines + made, key=lambda line: line.top))
    return pages


def _shared_glyphs(text: str) -> str:
    """Noto CJK draws 户 and 戶 with one glyph, and Chromium's PDFs then name it 戶: a simplified-Chinese
    report (one that writes 问题) means 户 (低保户, 拆迁户, 27户)."""
    if "戶" in text and "问题" in text:
        return text.replace("戶", "户")
    return text


# What a browser prints in a page's margins: "2024/7/9 10:32 <title>" or "11/26/26, 10:10 AM <title>" on
# top, "https://…/x.html 1/3" or "file:///… 2/3" below.
_BROWSER_MARGIN = re.compile(
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s|$)"
    r"|^(?:https?|file)://\S+\s+\d{1,4}\s*/\s*\d{1,4}$"
)


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    # Only the first/last two lines of a page can be a folio; a lone number in the body is data.
    keep = []
    n = len(lines)
    for i, line in enumerate(lines):
        edge = i < 2 or i >= n - 2
        if edge and (_PAGE_NUMBER.match(line.text.strip()) or _BROWSER_MARGIN.match(line.text.strip())):
            continue
        keep.append(line)
    return keep


def _join_pdf_lines(pages: list[tuple[float, list[_Line]]]) -> list[str]:
    pages = [(w, _drop_page_numbers(lines)) for w, lines in pages]
    # The text block's right edge: a short last page must not make its own lines look full.
    by_width: dict[int, list[float]] = {}
    for width, lines in pages:
        text = [l for l in lines if not l.fixed]   # a table's item lines have no place in the text block
        if len(text) >= 3:
            by_width.setdefault(round(width), []).append(max(l.x1 for l in text))
    typical = {w: statistics.median(v) for w, v in by_width.items()}

    layouts = []
    for width, lines in pages:
        text = [l for l in lines if not l.fixed] or lines
        if not lines:
            layouts.append(None)
            continue
        right = max(max(l.x1 for l in text), typical.get(round(width), 0.0))
        left = _left_edge(text)
        gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:])
                      if b.top - a.bottom > -1 and not (a.fixed or b.fixed))
        base_gap = gaps[len(gaps) // 10] if gaps else 0.0
        layouts.append((left, right, base_gap))

    def reaches(line: _Line, nxt: _Line, right: float) -> bool:
        # the next line's first word would not have fitted at the end of this one
        return right - line.x1 <= nxt.lead_w + 1.5 * line.size

    def full(line: _Line, nxt: _Line, right: float, left: float) -> bool:
        # a line that reaches the right edge, and starts at the left one: a signature or date set to the
        # right ("2024年11月6日") or a centred title reaches the edge too, but nothing continues it
        return reaches(line, nxt, right) and line.x0 - left <= 3.5 * line.size

    def indented(nxt: _Line, left: float) -> bool:
        return nxt.x0 - left > 1.0 * nxt.size

    def para_gap(line: _Line, nxt: _Line, base_gap: float) -> bool:
        return nxt.top - line.bottom > base_gap + 0.5 * line.size

    # Does this document mark paragraphs by spacing or indentation? Judge from lines that
    # certainly end a paragraph (short ones): if nearly all are followed by a cue, a full line
    # without a cue continues its paragraph even after a full stop.
    cued = by_indent = total = 0
    for layout, (_, lines) in zip(layouts, pages):
        if layout is None:
            continue
        left, right, base_gap = layout
        for a, b in zip(lines, lines[1:]):
            if a.fixed or b.fixed:
                continue
            if right - a.x1 > 4 * a.size:
                total += 1
                by_indent += indented(b, left)
                cued += indented(b, left) or para_gap(a, b, base_gap)
    trust_cues = total >= 3 and cued >= 0.9 * total
    # Spacing cannot be measured across a page break, indentation can.
    trust_indent = total >= 3 and by_indent >= 0.9 * total

    out: list[str] = []
    pending = ""  # text of the paragraph being assembled
    prev: tuple[_Line, tuple] | None = None  # last line of the previous page
    for layout, (_, lines) in zip(layouts, pages):
        if layout is None:
            continue
        left, right, base_gap = layout
        for i, line in enumerate(lines):
            text = line.text
            if i == 0 and prev is not None:
                p_line, (p_left, p_right, _) = prev
                inset = abs(line.x0 - p_line.x0) <= 0.5 and not _SENTENCE_END.search(p_line.text) \
                    and reaches(p_line, line, p_right)
                join = (
                    not (line.fixed or p_line.fixed)
                    and (full(p_line, line, p_right, p_left) and not indented(line, left) or inset)
                    and (trust_indent or not _SENTENCE_END.search(p_line.text))
                )
                if join:
                    pending = glue(pending, text)
                else:
                    out.append(pending)
                    pending = text
            elif i == 0:
                pending = text
            else:
                a = lines[i - 1]
                # a block inset from the left edge (a list item's paragraphs: <ol><li><p>) continues at its own
                # start, not at the edge; there only a sentence's end tells a paragraph's end
                inset = abs(line.x0 - a.x0) <= 0.5 and not _SENTENCE_END.search(a.text) and reaches(a, line, right)
                join = (not (line.fixed or a.fixed)
                        and (full(a, line, right, left) and not indented(line, left) or inset)
                        and not para_gap(a, line, base_gap))
                if join and not trust_cues and _SENTENCE_END.search(a.text):
                    join = False
                if join:
                    pending = glue(pending, text)
                else:
                    out.append(pending)
                    pending = text
        prev = (lines[-1], layout)
    if prev is not None:
        out.append(pending)
    return out


def _left_edge(lines: list[_Line]) -> float:
    """The text block's left edge: the leftmost start that two lines share (a web page's menu or logo printed
    further left is alone there), else the leftmost."""
    starts = sorted(l.x0 for l in lines)
    # three lines at least where there are enough: a browser prints its date on top and the address below
    # at the paper's edge, two lines on every page
    for many in (3, 2):
        shared = [a for a, b in zip(starts, starts[many - 1:]) if b - a <= 1.0]
        if shared:
            return shared[0]
    return starts[0]
