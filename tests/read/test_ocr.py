"""Tests for lib.read.ocr and lib.read.ocr_layout: scans printed with the real Noto CJK font, read by the real engine."""
from __future__ import annotations

import io
import struct
import subprocess
import threading
import zlib

import pytest

from lib.ledger.parse import parse_text
from lib.outputs.crops import line_crop
from lib.read import ocr
from lib.read import pdf as pdf_reader
from lib.read.ocr_layout import OcrLine, OcrText, clean_line, layout, locate, uncertain
from lib.read.readers import ReadError, read_bytes, read_document, sniff
from lib.read.text import normalize_text
from tests import makers

SEED = makers.seed_text()
SEED_LINES = "\n".join(line.strip() for line in SEED.split("\n") if line.strip())
HEADER = ("title", "publisher", "kind", "inspector", "inspection_start", "inspection_end", "feedback_date",
          "report_date")
# The seed's opening and first three items: two printed pages.
PART = "\n".join(SEED.split("\n")[:34])
SHORT = "关于巡视整改进展情况的通报\n整改结果：完成。"


def items_of(ledger) -> list[tuple]:
    return [(i.no, i.status, i.theme_no) for i in ledger.items]


def assert_one_line_error(exc: ReadError, code: str) -> None:
    assert exc.code == code
    for msg in (exc.zh, exc.en):
        assert msg.strip() and "\n" not in msg


class Spawns:
    """Counts (and keeps) the OCR children started, through lib.read.ocr's spawn hook."""

    def __init__(self, monkeypatch, prefix: list[str] | None = None):
        self.procs: list[subprocess.Popen] = []
        real = ocr._spawn

        def spawn(cmd):
            proc = real((prefix or []) + cmd)
            self.procs.append(proc)
            return proc
        monkeypatch.setattr(ocr, "_spawn", spawn)

    @property
    def count(self) -> int:
        return len(self.procs)


@pytest.fixture(scope="session")
def font():
    # The scans must be printed with a real CJK font: missing, the test FAILS (CI installs fonts-noto-cjk).
    from pathlib import Path
    if not Path(makers.SCAN_FONT).exists():
        pytest.fail(f"{makers.SCAN_FONT} is missing: apt-get install fonts-noto-cjk", pytrace=False)
    return makers.SCAN_FONT


@pytest.fixture(scope="session")
def seed_scan(font, tmp_path_factory):
    """The whole seed printed on A4 at 200 dpi, as an image-only PDF, read once for the session."""
    pdf = makers.make_scan_pdf(SEED)
    calls = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RECTIFY_OCR_CACHE", str(tmp_path_factory.mktemp("ocr-cache")))
        text, result = read_document(pdf, "scan.pdf", progress=lambda done, total: calls.append((done, total)))
    return pdf, text, result, calls


# ---------------------------------------------------------------------------
# The reference report, scanned


def test_seed_scan_reads_as_the_seed(seed_scan):
    pdf, text, result, _ = seed_scan
    with pytest.raises(ReadError) as info:          # really a scan: no text layer at all
        pdf_reader._read_pdf_isolated(pdf)
    assert info.value.code == "pdf_no_text"
    assert result is not None and result.text == text and result.dpi == ocr.OCR_DPI
    assert result.pages == len(makers.scan_pages(SEED))
    cer = makers.char_error_rate(SEED_LINES, text)
    assert cer < 0.01, cer
    # paragraphs rebuilt from the page geometry: as many as the seed has
    assert abs(len(text.split("\n")) - len(SEED_LINES.split("\n"))) <= 2
    for sentence in ("完成688万元土地欠款的追缴入库", "截止目前，网上公开招拍挂土地4宗，面积204.01亩",
                     "二〇三五年远景目标纲要", "联系电话：0743-8532226"):
        assert sentence in text


def test_seed_scan_parses_as_the_seed(seed_scan):
    expected, got = parse_text(SEED), parse_text(seed_scan[1])
    assert items_of(got) == items_of(expected) and len(got.items) == 31
    assert {k: getattr(got, k) for k in HEADER} == {k: getattr(expected, k) for k in HEADER}
    assert [t.no for t in got.themes] == [t.no for t in expected.themes]


def test_progress_is_reported_page_by_page(seed_scan):
    _, _, result, calls = seed_scan
    n = result.pages
    assert calls == [(0, n)] + [(k, n) for k in range(1, n + 1)]


def test_line_offsets_hold_after_normalize(seed_scan):
    _, text, result, _ = seed_scan
    assert normalize_text(text) == text
    starts = [line.start for line in result.lines]
    assert starts == sorted(starts)
    for a, b in zip(result.lines, result.lines[1:]):
        assert a.end <= b.start <= a.end + 1          # nothing lost between lines but a space or a break
    assert result.lines[-1].end == len(text)
    for line in result.lines:
        piece = text[line.start:line.end]
        assert piece.strip() and "\n" not in piece
        # a box is as wide as the characters its offsets hold (12 pt at 200 dpi: 33 pixels a character)
        if len(piece) >= 8 and piece.isascii() is False:
            width = (line.box[2] - line.box[0]) / len(piece)
            assert 20 < width < 40, (piece, line.box)


def test_locate_finds_the_place_on_the_page(seed_scan):
    _, text, result, _ = seed_scan
    first = locate(result, text.index("附件4"))
    assert first.page == 1 and first.box[1] < 300          # the first line, at the top of page 1
    date = locate(result, text.rindex("2023年12月19日"))
    assert date.page == result.pages and date.box[0] > 800    # the date, set to the right on the last page
    assert text[date.start:date.end] == "2023年12月19日"
    assert locate(result, len(text) + 5) is None


def test_json_round_trip(seed_scan):
    result = seed_scan[2]
    import json
    again = OcrText.from_dict(json.loads(json.dumps(result.to_dict(images=True), ensure_ascii=False)))
    assert again == result and isinstance(again.lines[0].box, tuple) and again.images == result.images
    # what the library keeps with the report: the lines without the page images (those have a table of their own)
    bare = OcrText.from_dict(json.loads(json.dumps(result.to_dict())))
    assert bare.images == [] and bare.lines == result.lines and bare.sizes == result.sizes


def test_each_page_is_kept_as_a_small_image_to_show_the_place(seed_scan):
    from PIL import Image
    _, text, result, _ = seed_scan
    assert len(result.images) == len(result.sizes) == result.pages
    a4 = (round(210 / 25.4 * ocr.OCR_DPI), round(297 / 25.4 * ocr.OCR_DPI))
    assert all(abs(w - a4[0]) <= 2 and abs(h - a4[1]) <= 2 for w, h in result.sizes)   # the pixels of the boxes
    for data in result.images:
        img = Image.open(io.BytesIO(data))
        assert img.format == "JPEG" and img.mode == "L" and img.width == ocr.PAGE_IMAGE_WIDTH
        assert len(data) < 400_000
    # the place of a figure, cut from its page, shows that line: the strip is a few lines high
    line = locate(result, text.index("688万元"))
    strip = Image.open(io.BytesIO(line_crop(result.images[line.page - 1], result.sizes[line.page - 1], line.box)))
    assert strip.width > 0.8 * ocr.PAGE_IMAGE_WIDTH and 40 < strip.height < 200


def test_uncertain_marks_only_unsure_lines():
    text = "整改结果：完成。\n收回资金688万元。"
    lines = [OcrLine(1, (0, 0, 10, 10), 0.99, 0, 8), OcrLine(1, (0, 20, 10, 30), 0.55, 9, 19)]
    result = OcrText(text, lines, 1, 200)
    assert not uncertain(result, 0, 8)
    assert uncertain(result, text.index("688"), text.index("688") + 3)
    assert uncertain(result, 5, 12)                        # a span that reaches into the unsure line
    assert not uncertain(result, 8, 9)                     # the line break between them
    assert locate(result, 10) is lines[1] and locate(result, 8) is None


# ---------------------------------------------------------------------------
# Other scans: a worn photocopy, photos of a page, a multi-page TIFF


def test_photocopy_turned_one_degree(font):
    pdf = makers.make_scan_pdf(PART, noise=True, angle=1.0)
    text = read_bytes(pdf, "copy.pdf")
    part_lines = "\n".join(line.strip() for line in PART.split("\n") if line.strip())
    assert makers.char_error_rate(part_lines, text) < 0.02
    expected, got = parse_text(PART), parse_text(text)
    assert items_of(got) == items_of(expected) and len(got.items) == 3


@pytest.mark.parametrize(("fmt", "dpi"), [("PNG", 150), ("JPEG", 200)])
def test_a_photo_of_one_page(font, fmt, dpi):
    page = makers.scan_pages(PART, dpi=dpi)[0]
    if fmt == "JPEG":
        page = makers.photocopy(page, angle=-0.7)
    data = makers.scan_image(page, fmt, dpi)
    assert sniff(data, "upload.bin") == "image"
    text, result = read_document(data, "upload.bin")
    assert result.pages == 1 and result.dpi == dpi
    assert "关于巡视整改进展情况的通报" in text and "1.学习习近平总书记关于化解地方政府债务问题" in text
    assert parse_text(text).title == "中共湘西高新区工作委员会关于巡视整改进展情况的通报"


@pytest.mark.parametrize("fmt", ["WEBP", "BMP", "TIFF"])
def test_other_picture_formats(font, fmt):
    data = makers.scan_image(makers.scan_pages(SHORT)[0], fmt)
    assert sniff(data, "upload") == "image"
    assert read_bytes(data, "upload") == SHORT


def test_a_multi_page_tiff_is_read_page_by_page(font):
    data = makers.scan_tiff(PART)
    calls = []
    text, result = read_document(data, "scan.tif", progress=lambda d, t: calls.append((d, t)))
    assert result.pages == 2 and calls == [(0, 2), (1, 2), (2, 2)]
    assert {line.page for line in result.lines} == {1, 2}
    assert items_of(parse_text(text)) == items_of(parse_text(PART))


# ---------------------------------------------------------------------------
# The job: cache, cancel, limits, no network


def one_page_png() -> bytes:
    return makers.scan_image(makers.scan_pages(SHORT)[0])


def test_a_second_read_comes_from_the_cache(font, monkeypatch, tmp_path):
    cache = tmp_path / "ocr-cache"
    spawns = Spawns(monkeypatch)
    data = one_page_png()
    first = ocr.ocr_bytes(data, "image")
    assert spawns.count == 1
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].suffix == ".json"   # written whole: no temp file left
    calls = []
    again = ocr.ocr_bytes(data, "image", progress=lambda d, t: calls.append((d, t)))
    assert spawns.count == 1 and again == first and calls == [(1, 1)]
    # a damaged cache file is read again, not trusted
    files[0].write_text("{half a file", encoding="utf-8")
    assert ocr.ocr_bytes(data, "image") == first and spawns.count == 2


def test_cancel_stops_between_pages_and_kills_the_child(font, monkeypatch, tmp_path):
    spawns = Spawns(monkeypatch)
    cancel = threading.Event()
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if done == 1:
            cancel.set()
    with pytest.raises(ReadError) as info:
        read_document(makers.scan_tiff(PART), "scan.tif", progress=progress, cancel=cancel)
    assert_one_line_error(info.value, "cancelled")
    assert calls == [(0, 2), (1, 2)]
    assert spawns.procs[0].poll() is not None              # the child is gone
    assert not (tmp_path / "ocr-cache").exists()           # nothing written on failure


def test_a_cancelled_waiter_gives_up_the_queue(monkeypatch):
    cancel = threading.Event()
    cancel.set()
    assert ocr._JOB.acquire(timeout=1)                     # another job holds the engine
    try:
        with pytest.raises(ReadError) as info:
            ocr.ocr_bytes(one_page_png(), "image", cancel=cancel)
    finally:
        ocr._JOB.release()
    assert info.value.code == "cancelled"


def test_too_many_pages_refused_before_rendering(monkeypatch):
    from PIL import Image
    spawns = Spawns(monkeypatch)
    pages = [Image.new("L", (40, 40), 255) for _ in range(ocr.MAX_OCR_PAGES + 1)]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:])
    with pytest.raises(ReadError) as info:
        read_bytes(buf.getvalue(), "long.pdf")
    assert_one_line_error(info.value, "too_large")
    assert f"{ocr.MAX_OCR_PAGES + 1} 页" in info.value.zh and f"{ocr.MAX_OCR_PAGES}-page" in info.value.en
    assert spawns.count == 1


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("width", "height"), [(100000, 100000), (9000, 9000)])
def test_an_image_bomb_is_refused_from_its_header(monkeypatch, width, height):
    spawns = Spawns(monkeypatch)
    with pytest.raises(ReadError) as info:
        read_bytes(_png_header(width, height), "bomb.png")
    assert_one_line_error(info.value, "too_large")
    assert "炸弹" in info.value.zh and "bomb" in info.value.en
    assert spawns.count == 0                                 # refused before any decoding, in this process


def test_time_limit_kills_the_child(font, monkeypatch):
    spawns = Spawns(monkeypatch)
    monkeypatch.setattr(ocr, "OCR_SECONDS_START", 0.3)
    with pytest.raises(ReadError) as info:
        ocr.ocr_bytes(one_page_png(), "image")
    assert_one_line_error(info.value, "too_large")
    assert "秒" in info.value.zh and " s" in info.value.en
    assert spawns.procs[0].poll() is not None


def test_memory_limit(font, monkeypatch):
    monkeypatch.setattr(ocr, "OCR_MEMORY_BYTES", 256 * 2**20)   # below what the loaded engine already holds
    with pytest.raises(ReadError) as info:
        ocr.ocr_bytes(one_page_png(), "image")
    assert_one_line_error(info.value, "too_large")
    assert "内存" in info.value.zh and "memory" in info.value.en


def test_ocr_needs_no_network(font, monkeypatch):
    """The child in a network namespace of its own, with no interface up: the engine must not need one."""
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.fail("`unshare -n` does not work here (it needs root, as CI has)", pytrace=False)
    spawns = Spawns(monkeypatch, prefix=["unshare", "-n"])
    result = ocr.ocr_bytes(one_page_png(), "image")
    assert spawns.count == 1 and "整改结果：完成。" in result.text


def test_the_child_cannot_open_a_socket():
    code = ("from lib.read.ocr import _no_network; _no_network(); import socket\n"
            "try:\n socket.create_connection(('127.0.0.1', 9))\nexcept OSError as e: print('refused', e)")
    done = subprocess.run([ocr.sys.executable, "-c", code], capture_output=True, text=True, cwd=ocr.ROOT)
    assert "network access is disabled" in done.stdout


# ---------------------------------------------------------------------------
# Sniffing pictures by their content


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(20), "image"),
    (b"\xff\xd8\xff\xe0" + bytes(20), "image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(20), "image"),
    (b"II*\x00" + bytes(20), "image"),
    (b"MM\x00*" + bytes(20), "image"),
    (b"BM" + bytes(12) + struct.pack("<I", 40) + bytes(20), "image"),
    # "BM" starting a text is not a bitmap
    ("BM公司关于巡视整改进展情况的通报".encode(), "txt"),
])
def test_pictures_are_sniffed_by_content(data, kind):
    assert sniff(data, "report.txt") == kind


# ---------------------------------------------------------------------------
# Clean-ups: what the engine gets wrong, line by line

CLEANUPS = [
    # half-width punctuation next to Chinese comes back full-width
    ("整改情况:(1)严格执行", "整改情况：（1）严格执行"),
    ("研究部署相关工作。(2)坚持学用结合", "研究部署相关工作。（2）坚持学用结合"),
    ("(一)反馈问题:政治理论学习不深不实", "（一）反馈问题：政治理论学习不深不实"),
    ("主导产业营收,高新技术产业营收占比稳步提升;", "主导产业营收，高新技术产业营收占比稳步提升；"),
    ("是否完成?已完成!", "是否完成？已完成！"),
    ("《办法(试行)》", "《办法（试行）》"),
    ("按期完成.", "按期完成。"),
    # ... but not inside numbers, times and Latin text
    ("面积204.01亩", "面积204.01亩"),
    ("1.学习习近平总书记", "1.学习习近平总书记"),
    ("共1,200万元", "共1,200万元"),
    ("10:30召开", "10:30召开"),
    ("see (a) and (b)", "see (a) and (b)"),
    # 〇 read as a letter, a circle or a digit, or dropped
    ("二O二三年", "二〇二三年"),
    ("二○二三年十二月", "二〇二三年十二月"),
    ("二0三五年远景目标", "二〇三五年远景目标"),
    ("二三五年远景目标", "二〇三五年远景目标"),
    ("2000年", "2000年"),
    ("十二三个", "十二三个"),
    # the dash between years read as the numeral 一
    ("2023一2024", "2023-2024"),
    ("（2023年一2025年）", "（2023年—2025年）"),
    ("电话:0743一8532226", "电话：0743-8532226"),
    ("一主两特一配套", "一主两特一配套"),
    # spaces the engine put by punctuation or inside a number
    ("完成 。 下一步", "完成。下一步"),
    ("2 023年8月", "2023年8月"),
    # the bar after a phone article's item number, dropped or read as a letter; not a month or an amount
    ("02耕地保护责任落实不力", "02丨耕地保护责任落实不力"),
    ("03 l 产业发展谋划不够", "03丨产业发展谋划不够"),
    ("01|学习贯彻", "01丨学习贯彻"),
    ("02丨耕地保护", "02丨耕地保护"),
    ("05月完成", "05月完成"),
    ("05万元", "05万元"),
]


@pytest.mark.parametrize(("raw", "want"), CLEANUPS, ids=[c[0] for c in CLEANUPS])
def test_clean_line(raw, want):
    assert clean_line(raw) == want


# ---------------------------------------------------------------------------
# Layout: boxes → paragraphs (a page of 1000×1400 pixels, characters 30 pixels wide, margins at 100 and 900)


def box(x0: float, y0: float, x1: float, y1: float, angle_dy: float = 0.0) -> list[float]:
    return [x0, y0, x1, y0 + angle_dy, x1, y1 + angle_dy, x0, y1]


def page_of(*rows: tuple[float, float, str], top: float = 100, step: float = 48) -> dict:
    """rows: (x0, x1, text), one a line down the page."""
    return {"size": [1000, 1400], "boxes": [[box(x0, top + k * step, x1, top + k * step + 30), 0.99, t]
                                            for k, (x0, x1, t) in enumerate(rows)]}


LAYOUTS = [
    # a full line runs on; an indented line starts a paragraph; a short line ends one
    ("wrapped", [page_of((160, 900, "根据省委统一部署，省委巡视组对"), (100, 900, "湘西高新区进行延伸巡视。按照"),
                         (100, 400, "有关要求。"), (160, 900, "党工委坚持把巡视整改作为当前"), (100, 300, "重要任务。"))],
     "根据省委统一部署，省委巡视组对湘西高新区进行延伸巡视。按照有关要求。\n党工委坚持把巡视整改作为当前重要任务。"),
    # a heading starts a paragraph even after a full line
    ("heading", [page_of((100, 900, "反馈意见整改落实情况如下所述："), (100, 900, "一、组织整改落实情况"),
                         (100, 900, "党工委坚持把巡视整改作为当前重要"), (100, 500, "政治任务。"))],
     "反馈意见整改落实情况如下所述：\n一、组织整改落实情况党工委坚持把巡视整改作为当前重要政治任务。"),
    # (2) at a line's start carries on its paragraph's measures
    ("measure", [page_of((160, 900, "整改情况：（1）成立工作专班。"), (100, 700, "（2）修订完善制度。"))],
     "整改情况：（1）成立工作专班。（2）修订完善制度。"),
    # a paragraph broken by the page: the folio is dropped, the halves joined
    ("page-break", [{"size": [1000, 1400], "boxes": page_of((160, 900, "根据省委统一部署，省委巡视组对"),
                                                            (100, 900, "湘西高新区进行延伸"))["boxes"]
                     + page_of((480, 520, "- 1 -"), top=1300)["boxes"]},
                    page_of((100, 600, "巡视。"), (160, 600, "下一步整改工作安排"))],
     "根据省委统一部署，省委巡视组对湘西高新区进行延伸巡视。\n下一步整改工作安排"),
    # a blank line's space between two full lines ends the paragraph
    ("gap", [page_of((100, 900, "关于巡视整改进展情况的通报"), (100, 900, "根据省委统一部署"), step=120)],
     "关于巡视整改进展情况的通报\n根据省委统一部署"),
    # a number is not broken at a line's end: the line before stops short by its width, and runs on
    ("number-wrap", [page_of((160, 900, "整改期间，全县纪检监察机关立案审查调查"), (100, 820, "19件；追缴、追回、清退各类资金"),
                             (100, 400, "1,973.6万元。"), (160, 900, "下一步整改工作安排"))],
     "整改期间，全县纪检监察机关立案审查调查19件；追缴、追回、清退各类资金1,973.6万元。\n下一步整改工作安排"),
    # ... but a line that ends its sentence short of the edge ends the paragraph, a number after it or not
    ("number-after-stop", [page_of((160, 900, "整改期间，全县纪检监察机关立案审查调查"), (100, 820, "19件，追缴资金。"),
                                   (100, 400, "2024年起开展回头看。"))],
     "整改期间，全县纪检监察机关立案审查调查19件，追缴资金。\n2024年起开展回头看。"),
    # two boxes on one line, far apart: one line, a space between
    ("gap-in-line", [{"size": [1000, 1400], "boxes": [[box(100, 100, 400, 130), 0.99, "联系人：张三"],
                                       [box(700, 102, 900, 132), 0.98, "2023年12月19日"]]}],
     "联系人：张三 2023年12月19日"),
]


@pytest.mark.parametrize(("pages", "want"), [c[1:] for c in LAYOUTS], ids=[c[0] for c in LAYOUTS])
def test_layout(pages, want):
    text, lines = layout(pages)
    assert text == want
    raw = [b[2] for p in pages for b in p["boxes"] if b[2] != "- 1 -"]
    assert [text[line.start:line.end] for line in lines] == [clean_line(t) for t in raw]


def tilted(x0: float, y0: float, x1: float, y1: float, t: float) -> list[float]:
    """A box of the upright page on the page turned by atan(t): (x, y) → (x - t·y, y + t·x)."""
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return [v for x, y in corners for v in (x - t * y, y + t * x)]


def test_layout_of_a_tilted_page():
    """Turned by 2°, the page's left edge drifts more than two characters down its length: deskewed, the indent
    still tells a paragraph's start."""
    rows = [(160, 900, "根据省委统一部署，省委巡视组对"), (100, 900, "湘西高新区进行延伸巡视。按照"), (100, 400, "有关要求。"),
            (160, 900, "党工委坚持把巡视整改作为当前"), (100, 300, "重要任务。")] * 8
    boxes = [[tilted(x0, 100 + 48 * k, x1, 130 + 48 * k, 0.035), 0.99, t] for k, (x0, x1, t) in enumerate(rows)]
    text, _ = layout([{"size": [1000, 2200], "boxes": boxes}])
    assert text.split("\n") == ["根据省委统一部署，省委巡视组对湘西高新区进行延伸巡视。按照有关要求。",
                                "党工委坚持把巡视整改作为当前重要任务。"] * 8


def test_layout_normalizes_each_box_so_offsets_hold():
    pages = [page_of((100, 600, "整改\u200b结果：⻓期坚持。"))]
    text, lines = layout(pages)
    assert text == "整改结果：长期坚持。" == normalize_text(text)
    assert text[lines[0].start:lines[0].end] == text


def test_blank_scan_has_no_text(font):
    from PIL import Image
    buf = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(buf, "PNG")
    with pytest.raises(ReadError) as info:
        read_bytes(buf.getvalue(), "blank.png")
    assert_one_line_error(info.value, "image_no_text")


def test_command_line_shows_progress_on_stderr_only(font, tmp_path):
    import json
    import sys
    scan = tmp_path / "scan.png"
    scan.write_bytes(makers.scan_image(makers.scan_pages(PART)[0]))
    done = subprocess.run([sys.executable, "-m", "lib", "parse", str(scan), "--json"], capture_output=True,
                          cwd=ocr.ROOT, timeout=300)   # bytes: text mode would turn the bar's \r into \n
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"\rOCR 0/1\rOCR 1/1\n"
    assert json.loads(done.stdout)["title"] == "中共湘西高新区工作委员会关于巡视整改进展情况的通报"


# ---------------------------------------------------------------------------
# Tables: a ruled table's boxes and rules → its rows, read as a ledger

def ruled_page(cells: list[list[tuple[float, float, float, str]]], walls: list[float], floors: list[float],
               before: list[tuple[float, float, str]] = ()) -> dict:
    """A page with a ruled table: walls (x of the vertical rules), floors (y of the horizontal ones), and cells
    given as rows of (x0, y0, x1, text) boxes 30 pixels high; `before`, lines of prose above it."""
    boxes = [[box(x0, y, x1, y + 30), 0.99, t] for row in cells for x0, y, x1, t in row]
    boxes += [[box(x0, y, x1, y + 30), 0.99, t] for y, (x0, x1, t) in zip(range(100, 1000, 48), before)]
    rules = [["h", walls[0], y - 1, walls[-1], y + 1] for y in floors]
    rules += [["v", x - 1, floors[0], x + 1, floors[-1]] for x in walls]
    return {"size": [1000, 1400], "boxes": boxes, "rules": rules}


LEDGER_PAGE = ruled_page(
    [[(105, 210, 160, "序号"), (205, 210, 330, "反馈问题"), (505, 210, 630, "整改措施"), (805, 210, 930, "完成情况")],
     # a problem wrapped over two lines of its cell; a measure read across the wall into the status cell
     [(105, 270, 130, "1"), (205, 270, 490, "学习贯彻不够深入，"), (205, 310, 400, "流于形式。"),
      (505, 270, 895, "制定学习计划4项。已完成")],
     [(105, 370, 130, "2"), (205, 370, 490, "村级财务管理不规范。"), (505, 370, 790, "清退资金3.2万元。"),
      (805, 370, 930, "正在整改")]],
    walls=[100, 200, 500, 800, 950], floors=[200, 250, 350, 430],
    before=[(100, 900, "二、整改落实情况")])


def test_a_ruled_ledger_is_read_row_by_row():
    text, lines = layout([LEDGER_PAGE])
    assert text.split("\n") == [
        "二、整改落实情况",
        "1.学习贯彻不够深入，流于形式。", "整改措施：制定学习计划4项。", "整改结果：已完成",
        "2.村级财务管理不规范。", "整改措施：清退资金3.2万元。", "整改结果：正在整改"]
    # every box but the header's has its place in the text (the header names columns and is not printed)
    placed = {text[ln.start:ln.end] for ln in lines}
    assert {"流于形式。", "清退资金3.2万元。", "正在整改", "制定学习计划4项。", "已完成"} <= placed
    assert lines == sorted(lines, key=lambda ln: ln.start)
    assert all(ln.page == 1 for ln in lines)


def _category_page(rows, page: int | None = None) -> dict:
    """A ruled 台账 page: 序号 | 问题类别 | 反馈问题 | 完成情况, the category cell merged down over the problem rows
    (the rules between them stop at its column: left of it the narrow 序号 column's short rules go unseen)."""
    walls, floors = [100, 200, 400, 700, 950], [200, 250] + [250 + 80 * (k + 1) for k in range(len(rows))]
    cells = [[(105, 210, 160, "序号"), (205, 210, 330, "问题类别"), (405, 210, 530, "反馈问题"), (705, 210, 830, "完成情况")]]
    cells += [[(105, floors[k + 1] + 20, 130, str(no)), (405, floors[k + 1] + 20, 690, problem),
               (705, floors[k + 1] + 20, 830, status)] + [(205, floors[k + 1] + 20 + 35 * j, 390, line)
                                                         for j, line in enumerate(category)]
              for k, (no, category, problem, status) in enumerate(rows)]
    page_dict = ruled_page(cells, walls, floors)
    # the rules inside the merged cell's rows reach only from its right wall
    inner = floors[2:-1]
    page_dict["rules"] = [r for r in page_dict["rules"] if not (r[0] == "h" and r[2] + 1 in inner)]
    page_dict["rules"] += [["h", 400, y - 1, 950, y + 1] for y in inner]
    if page is not None:
        page_dict["page"] = page
    return page_dict


def test_a_cell_merged_down_gives_every_row_it_spans_its_whole_text():
    """The category, set once in the middle of its merged cell and wrapped over two lines, is the category of
    every row beside it (not a theme of its own for each line), as a spreadsheet's merged cell is."""
    page = _category_page([(1, [], "耕地保护不到位", "已完成"), (2, ["贯彻落实上级决策"], "验收不严", "正在推进"),
                           (3, ["部署方面"], "规划滞后", "已完成")])
    text, lines = layout([page])
    assert text.split("\n") == ["（一）贯彻落实上级决策部署方面",
                                 "1.耕地保护不到位", "整改结果：已完成", "2.验收不严", "整改结果：正在推进",
                                 "3.规划滞后", "整改结果：已完成"]
    assert len(lines) == len({(ln.start, ln.end) for ln in lines})   # each box placed once


def test_a_table_going_on_over_the_next_page_is_one_table():
    """Page 2 repeats the header: its rows are the table's, and its 合计 opens the ledger as a report's summary does;
    every box keeps the page it was read on."""
    first = ruled_page([[(105, 210, 160, "序号"), (205, 210, 330, "反馈问题"), (505, 210, 630, "完成情况")],
                        [(105, 270, 130, "1"), (205, 270, 490, "学习不深入。"), (505, 270, 630, "已完成")]],
                       walls=[100, 200, 500, 800], floors=[200, 250, 330])
    second = ruled_page([[(105, 210, 160, "序号"), (205, 210, 330, "反馈问题"), (505, 210, 630, "完成情况")],
                         [(105, 270, 130, "2"), (205, 270, 490, "财务不规范。"), (505, 270, 630, "正在整改")],
                         [(105, 350, 160, "合计"), (205, 350, 490, "反馈问题2个，已完成1个")]],
                        walls=[100, 200, 500, 800], floors=[200, 250, 330, 410])
    text, lines = layout([first, second])
    assert text.split("\n") == ["合计：反馈问题2个，已完成1个", "1.学习不深入。", "整改结果：已完成",
                                 "2.财务不规范。", "整改结果：正在整改"]
    page_of_box = {text[ln.start:ln.end]: ln.page for ln in lines}
    assert page_of_box["学习不深入。"] == 1 and page_of_box["财务不规范。"] == 2


def test_rules_that_make_no_table_leave_the_prose_alone():
    """A red-header document's rule under its title, and a page's lone frame, are no table: prose as before."""
    prose = page_of((160, 900, "根据省委统一部署，省委巡视组对"), (100, 400, "有关要求。"))
    alone = dict(prose, rules=[["h", 100, 90, 900, 92]])
    frame = dict(prose, rules=[["h", 100, 90, 900, 92], ["h", 100, 200, 900, 202],
                               ["v", 99, 90, 101, 202], ["v", 899, 90, 901, 202]])
    want = layout([prose])[0]
    assert want == "根据省委统一部署，省委巡视组对有关要求。"
    assert layout([alone])[0] == want and layout([frame])[0] == want


def _sheet_window_page(letters: str = "ABCDEF") -> dict:
    """A screenshot of a spreadsheet program (o10's shape, drawn small): a ribbon and a formula bar above the grid,
    column letters along its top, row numbers 1…6 down a gutter left of column A, a title merged over A1:D1, a
    填报单位 row, the header in row 3, two problems, an empty row, then the sheet tabs and the status bar. The
    grid's faint lines are seen only as the column walls (broken at the merged title) and one short floor."""
    boxes = [[box(20, 10, 300, 35), 0.99, "台账.xlsx - Excel"], [box(20, 50, 200, 75), 0.99, "粘贴 剪切 复制"],
             [box(10, 95, 40, 115), 0.99, "B5"], [box(120, 95, 700, 115), 0.99, "fx清退资金3.2万元"]]
    boxes += [[box(x, 130, x + 14, 150), 0.99, ch] for x, ch in zip((70, 250, 550, 800, 900, 960), letters)]
    rows = [(160, 200), (200, 240), (240, 280), (280, 340), (340, 400), (400, 440)]
    boxes += [[box(10, top + 8, 26, top + 30), 0.99, str(n)] for n, (top, _) in enumerate(rows, 1)]
    boxes += [[box(300, 168, 700, 194), 0.99, "中共某县农业农村局党组关于巡察整改落实台账"],
              [box(45, 208, 300, 234), 0.99, "填报单位：某县农业农村局"], [box(620, 208, 840, 234), 0.99, "填报日期：2025年1月10日"],
              [box(50, 248, 90, 274), 0.99, "序号"], [box(150, 248, 280, 274), 0.99, "反馈问题"],
              [box(450, 248, 580, 274), 0.99, "整改措施"], [box(780, 248, 880, 274), 0.99, "完成情况"],
              [box(60, 298, 80, 322), 0.99, "1"], [box(105, 288, 420, 312), 0.99, "学习贯彻不够深入，"],
              [box(105, 314, 300, 338), 0.99, "流于形式"], [box(430, 298, 740, 322), 0.99, "制定学习计划4项"],
              [box(780, 298, 860, 322), 0.99, "已完成"],
              [box(60, 358, 80, 382), 0.99, "2"], [box(105, 358, 420, 382), 0.99, "村级财务管理不规范"],
              [box(430, 358, 740, 382), 0.99, "清退资金3.2万元"], [box(780, 358, 860, 382), 0.99, "正在整改"],
              [box(80, 600, 160, 625), 0.99, "整改台账"], [box(200, 600, 280, 625), 0.99, "问题统计"],
              [box(10, 650, 60, 675), 0.99, "就绪"], [box(700, 650, 800, 675), 0.99, "计数：1"]]
    rules = [["h", 0, 80, 1000, 82], ["v", 330, 45, 332, 78], ["h", 0, 155, 1000, 157], ["h", 420, 339, 1000, 341]]
    rules += [["v", x - 1, 125, x + 1, 160] for x in (40, 100, 425, 770, 890, 950)]
    # (no grid line under the title merged across, nor where row 2's text runs over its empty neighbours)
    rules += [["v", 39, 125, 41, 440]] + [["v", x - 1, 240, x + 1, 440] for x in (100, 425, 770, 890, 950)]
    return {"size": [1000, 700], "boxes": boxes, "rules": rules}


def test_a_spreadsheet_window_is_read_as_its_sheet():
    """The window's title bar, ribbon, name box and formula bar (a second copy of one cell's figure), the column
    letters, the row numbers (not the items' numbers), the sheet tabs and the status bar's 计数 are the program's:
    the text is the sheet's title, its 填报 row and its ledger, each figure once."""
    text, lines = layout([_sheet_window_page()])
    assert text.split("\n") == [
        "中共某县农业农村局党组关于巡察整改落实台账", "填报单位：某县农业农村局　填报日期：2025年1月10日",
        "1.学习贯彻不够深入，流于形式", "整改措施：制定学习计划4项", "整改结果：已完成",
        "2.村级财务管理不规范", "整改措施：清退资金3.2万元", "整改结果：正在整改"]
    assert text.count("3.2万元") == 1
    assert lines == sorted(lines, key=lambda ln: ln.start)


def test_letters_out_of_order_are_no_spreadsheet_window():
    """A line of capitals that is no column header (not in alphabetical order) leaves the page as it is: the
    gutter's numbers and the window's words stay in the text."""
    text, _ = layout([_sheet_window_page("AXBQDC")])
    assert "Excel" in text and "计数" in text


def test_a_table_that_is_no_ledger_keeps_a_line_a_row():
    page = ruled_page([[(105, 210, 190, "单位"), (205, 210, 290, "人数")], [(105, 270, 190, "机关"), (205, 270, 290, "12人")]],
                      walls=[100, 200, 300], floors=[200, 250, 310])
    assert layout([page])[0] == "单位　人数\n机关　12人"


SIDEWAYS = [
    ("upright lines", [[box(100, 100 + 40 * k, 900, 130 + 40 * k), 0.9, "文字"] for k in range(10)], False),
    ("a page on its side", [[box(100 + 40 * k, 100, 130 + 40 * k, 900), 0.3, "乱码"] for k in range(10)], True),
    ("a few tall boxes among lines", [[box(100, 100 + 40 * k, 900, 130 + 40 * k), 0.9, "文字"] for k in range(10)]
     + [[box(50, 100, 80, 900), 0.5, "序"]] * 5, False),
    ("too few boxes to tell", [[box(100, 100, 130, 900), 0.3, "乱"]] * 3, False),
]


@pytest.mark.parametrize(("boxes", "want"), [c[1:] for c in SIDEWAYS], ids=[c[0] for c in SIDEWAYS])
def test_sideways(boxes, want):
    assert ocr._sideways(boxes) is want


TABLE_ROWS = [["序号", "问题类别", "反馈问题", "整改措施", "责任单位", "完成情况"],
              ["1", "党的政治建设方面", "学习贯彻习近平新时代中国特色社会主义思想不深入，理论学习中心组学习流于形式。",
               "1.严格落实“第一议题”制度，制定年度学习计划；2.党委理论学习中心组开展专题研讨4次。", "党政办", "已完成"],
              ["2", "", "落实乡村振兴战略不到位，村集体经济发展缓慢。",
               "1.制定《村级集体经济发展三年行动方案》；2.推动3个薄弱村发展光伏项目。", "农业办", "正在整改"],
              ["3", "全面从严治党方面", "违规发放津补贴问题仍有发生。",
               "追回违规发放的误餐补助和交通补贴共计26,300元；给予党内警告处分1人。", "纪委", "已完成"],
              ["4", "", "工程项目管理不规范，部分项目未批先建。", "修订《镇政府投资项目管理办法》。", "建设办", "未完成"]]
TABLE_WIDTHS = [0.6, 1.4, 3, 3.4, 1.1, 1.1]


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape page on its side"])
def test_a_scanned_ruled_ledger_reads_as_its_rows(font, landscape):
    """An annexed ledger table printed, photocopied and scanned reads as its four problems with their themes,
    statuses, units and figures; set on its side (a landscape page in a portrait scan) it is turned upright."""
    page = makers.scan_table_page("附件：巡察反馈问题整改落实情况一览表", TABLE_ROWS, TABLE_WIDTHS, landscape=landscape,
                                  before="二、整改落实情况\n截至目前，4个问题已完成整改2个。")
    data = makers.scan_image(makers.photocopy(page, angle=0.8))
    text, result = read_document(data, "ledger.png")
    ledger = parse_text(text)
    assert [(i.no, i.theme_no, i.status, i.responsible) for i in ledger.items] == [
        (1, 1, "done", "党政办"), (2, 1, "in_progress", "农业办"), (3, 2, "done", "纪委"), (4, 2, "not_done", "建设办")]
    assert [t.title for t in ledger.themes] == ["党的政治建设方面", "全面从严治党方面"]
    assert ("26,300元", 3) in [(q.match, q.item_no) for q in ledger.quantities]
    money = next(q for q in ledger.quantities if q.match == "26,300元")
    line = locate(result, money.match_start)
    assert line is not None and line.page == 1
    assert (result.sizes[0][0] > result.sizes[0][1]) is landscape    # read upright: a landscape page lies wide


def test_rules_are_found_on_a_ruled_page_and_not_in_print(font):
    """The child's rule finder: a photocopied table's six row rules and seven column rules; none on the
    seed's pages of print, worn or not (a character's stroke is no rule)."""
    import numpy as np

    table = makers.photocopy(makers.scan_table_page("附件", TABLE_ROWS, TABLE_WIDTHS), angle=0.8)
    kinds = [r[0] for r in ocr._rules(np.asarray(table))]
    assert (kinds.count("h"), kinds.count("v")) == (len(TABLE_ROWS) + 1, len(TABLE_WIDTHS) + 1)
    for k, page in enumerate(makers.scan_pages(SEED)[:3]):
        assert ocr._rules(np.asarray(makers.photocopy(page, seed=k, wear=2))) == []


def test_a_photographed_pages_edge_against_the_desk_is_no_rule(font):
    """A photo of a printed table: the paper lies on a dark desk. Its edges are long dark-to-light runs, but paper
    on one side only: the table's own rules are found, the paper's edges are not."""
    import numpy as np
    from PIL import Image

    table = makers.photocopy(makers.scan_table_page("附件", TABLE_ROWS, TABLE_WIDTHS), angle=0.8).convert("L")
    desk = Image.new("L", (table.width + 240, table.height + 240), 70)
    desk.paste(table, (120, 120))
    kinds = [r[0] for r in ocr._rules(np.asarray(desk))]
    assert (kinds.count("h"), kinds.count("v")) == (len(TABLE_ROWS) + 1, len(TABLE_WIDTHS) + 1)


def test_a_red_seal_over_the_signature_is_taken_away(font):
    """An official notice's seal is stamped over its signature and date: read through the red channel, the date
    and the signing body come out (without it the engine reads the seal's ring and star into them)."""
    text = ("关于巡察整改进展情况的通报\n1.学习贯彻不够深入。\n整改结果：已完成。\n"
            "    中共青山县林业局党组\n    2024年9月20日")
    page = makers.scan_pages(text)[0]
    dpi, step = 200, round(12 / 72 * 200 * 1.6)
    margin = round(25 / 25.4 * dpi)
    sealed = makers.stamp_seal(page, (page.width - margin - 160, margin + 3 * step + step // 2), radius=150,
                               alpha=235)
    read, _ = read_document(makers.scan_image(sealed), "notice.png")
    ledger = parse_text(read)
    assert ledger.report_date == "2024-09-20"
    assert ledger.publisher == "中共青山县林业局党组"
    plain = page.convert("RGB")
    assert ocr._unsealed(plain) is plain    # a page without red ink is left as it is


def test_red_words_are_read_not_taken_away(font):
    """A WeChat article sets its statuses in red: red words are no seal, and they are read."""
    from PIL import ImageDraw

    page = makers.scan_pages("关于巡察整改进展情况的通报\n问题1：学习贯彻不够深入。\n问题2：医共体建设推进缓慢。")[0].convert("RGB")
    draw = ImageDraw.Draw(page)
    font_px = makers._scan_font(round(12 / 72 * 200))
    for k, words in enumerate(("完成情况：已完成", "完成情况：持续推进")):
        draw.text((300, 900 + 120 * k), words, font=font_px, fill=(200, 30, 30))
    assert ocr._unsealed(page) is page
    text, _ = read_document(makers.scan_image(page), "article.png")
    assert "完成情况：持续推进" in text


def test_a_scanned_page_among_typed_ones_is_read_in_its_place(font, monkeypatch):
    """A notice printed to PDF with its last page scanned (signed and sealed): the typed pages come from the text
    layer, the scanned one from the OCR, in order; the OCR lines point into the whole text with the page's own
    number, and only that page was read (the page limit counts the pages read: a long typed report with one
    scanned page is no long scan)."""
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 1)
    typed = makers.to_pdf("关于巡察整改进展情况的通报\n1.学习贯彻不够深入。\n整改结果：已完成。\n"
                          "2.违规发放津补贴。\n整改措施：清退违规发放津补贴12.5万元。\n整改结果：正在推进。")
    scan = makers.make_scan_pdf("3.村级财务管理不规范。\n整改措施：追缴承包费8.6万元。\n整改结果：已完成。\n"
                                "    中共青山县林业局党组\n    2024年9月20日")
    data = makers.mixed_pdf(typed, scan)
    calls = []
    text, result = read_document(data, "notice.pdf", progress=lambda d, t: calls.append((d, t)))
    ledger = parse_text(text)
    assert [(i.no, i.status) for i in ledger.items] == [(1, "done"), (2, "in_progress"), (3, "done")]
    assert ledger.report_date == "2024-09-20" and "\ue000" not in text
    assert result is not None and result.pages == 1 and calls[-1] == (1, 1)
    money = next(q for q in ledger.quantities if q.match == "8.6万元")
    line = locate(result, money.match_start)
    assert line is not None and line.page == 2 and text[line.start:line.end] in text
    assert locate(result, next(q for q in ledger.quantities if q.match == "12.5万元").match_start) is None
    assert result.images[0] == b"" and result.images[1]          # the typed page keeps no picture


def test_a_typed_pdf_with_a_logo_is_only_its_text(font):
    """A picture that holds no text (a page that is only a photo) leaves the typed text as it was."""
    from PIL import Image

    typed = makers.to_pdf("关于巡察整改进展情况的通报\n1.学习贯彻不够深入。\n整改结果：已完成。")
    photo = io.BytesIO()
    Image.new("RGB", (800, 1100), (200, 220, 240)).save(photo, "PDF")
    text, result = read_document(makers.mixed_pdf(typed, photo.getvalue()), "notice.pdf")
    assert result is None and "\ue000" not in text and parse_text(text).items[0].status == "done"
