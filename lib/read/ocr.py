"""Scans (image-only PDFs, photos of pages) read by RapidOCR in a guarded child process, one job at a time, cached."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import math
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .errors import ReadError
from .ocr_layout import UNCERTAIN_SCORE, OcrLine, OcrText, clean_line, layout, locate, uncertain

__all__ = ["OcrLine", "OcrText", "ocr_bytes", "uncertain", "locate", "clean_line", "UNCERTAIN_SCORE"]

ROOT = Path(__file__).resolve().parents[2]

# 200 dpi: a 300-dpi scan of the reference report rendered at 150/200/300 dpi read with 0.09%/0.10%/0.12%
# character errors (bench/ocr.py), the same within noise: the engine scales a page to 2000 pixels at most, so
# more dots only cost memory, and 200 keeps small print (footnotes, tables) above 150's size.
OCR_DPI = 200
MAX_OCR_PAGES = 60                 # a report is 2–20 pages; 60 pages are some five minutes of work
# A 48-megapixel phone photo passes; a page claiming more is a decompression bomb, refused from its header.
MAX_IMAGE_PIXELS = 64_000_000
MIN_IMAGE_SIDE = 16                # a smaller picture holds no line of text (an icon, a tracking pixel)
# onnxruntime reserves far more address space than it uses: the engine peaks near 1 GB resident and
# 2.0 GB of address space (VmPeak) on 200-dpi A4 pages; 3 GB leaves headroom, a bomb still dies.
OCR_MEMORY_BYTES = 3 * 2**30
OCR_SECONDS_START = 60             # starting the engine and counting pages
OCR_SECONDS_PER_PAGE = 40          # 3–6 s a page on 2 cores: ample for a busy machine
# each page is kept as a greyscale JPEG this wide (about 150 dpi on A4; some 300 KB for a noisy photocopy's page):
# enough to read a line's characters where the item page shows the place a figure was read
PAGE_IMAGE_WIDTH = 1240
PAGE_IMAGE_QUALITY = 60
CACHE_VERSION = "12"               # bump when the engine's settings or the layout change what a scan reads as

_JOB = threading.Lock()            # one OCR job per process: the engine takes every core and a gigabyte

# ---------------------------------------------------------------------------
# Errors


def _err(code: str, zh: str, en: str) -> ReadError:
    return ReadError(code, "无法读取该文件：" + zh, "Cannot read the file: " + en)


def _cancelled() -> ReadError:
    return ReadError("cancelled")


def _too_many_pages(count: int) -> ReadError:
    return _err("too_large", f"扫描件共 {count} 页，超过文字识别（OCR）{MAX_OCR_PAGES} 页的上限",
                f"the scan has {count} pages, over the {MAX_OCR_PAGES}-page limit of text recognition (OCR)")


def _too_many_pixels(width: int, height: int) -> ReadError:
    return _err("too_large", f"图片尺寸过大（{width}×{height} 像素，疑似图片炸弹）",
                f"the image is too large ({width}×{height} pixels; a decompression bomb?)")


def _timed_out(seconds: int) -> ReadError:
    return _err("too_large", f"文字识别（OCR）超过 {seconds} 秒仍未完成", f"text recognition (OCR) took over {seconds} s")


def _out_of_memory() -> ReadError:
    return _err("too_large", "文字识别（OCR）所需内存超出限制", "text recognition (OCR) needs more memory than allowed")


def _no_text(kind: str) -> ReadError:
    return ReadError("pdf_no_text" if kind == "pdf" else "image_no_text")


def _image_corrupt() -> ReadError:
    return ReadError("image_corrupt")


_CHILD_ERRORS = {"too_many_pages": lambda d: _too_many_pages(int(d["pages"])),
                 "too_many_pixels": lambda d: _too_many_pixels(int(d["width"]), int(d["height"])),
                 "memory": lambda d: _out_of_memory(),
                 "image_corrupt": lambda d: _image_corrupt(),
                 "pdf_corrupt": lambda d: ReadError("pdf_corrupt"),
                 "engine_missing": lambda d: ReadError("ocr_unavailable")}


# ---------------------------------------------------------------------------
# Entry point


def ocr_bytes(data: bytes, kind: str, progress=None, cancel: threading.Event | None = None,
              only: list[int] | None = None) -> OcrText:
    """The text of a scan (kind "pdf" or "image"), read in a child process; progress(done, total) after each page
    (and (0, total) first); a set `cancel` stops between pages with ReadError("cancelled"). A file read before
    comes from the cache without starting the engine. `only`: a PDF's pages to read (1-based; a PDF whose other
    pages have their text), the lines keeping their own page numbers."""
    if kind not in ("pdf", "image"):
        raise ValueError(kind)
    data = bytes(data)
    if kind == "image":
        _check_image_header(data)
    key = hashlib.sha256(data).hexdigest() + ("" if only is None else "-p" + "-".join(map(str, only)))
    cached = _from_cache(key, progress)
    if cached is not None:
        return cached
    while not _JOB.acquire(timeout=0.2):
        if cancel is not None and cancel.is_set():
            raise _cancelled()
    try:
        cached = _from_cache(key, progress)      # the job we waited for may have been this very file
        if cached is not None:
            return cached
        pages, dpi = _run_child(data, kind, progress, cancel, only)
    finally:
        _JOB.release()
    text, lines = layout(pages)
    if not text.strip():
        raise _no_text(kind)
    # indexed by page number (a page not read stands empty)
    last = max((int(p.get("page", k)) for k, p in enumerate(pages, start=1)), default=0)
    sizes, images = [(0, 0)] * last, [b""] * last
    for k, p in enumerate(pages, start=1):
        n = int(p.get("page", k)) - 1
        sizes[n] = (int(p["size"][0]), int(p["size"][1]))
        images[n] = base64.b64decode(p["image"]) if p.get("image") else b""
    result = OcrText(text, lines, len(pages), dpi, sizes, images)
    _cache_put(key, result)
    return result


def _from_cache(key: str, progress) -> OcrText | None:
    cached = _cache_get(key)
    if cached is not None and progress:
        progress(cached.pages, cached.pages)
    return cached


def _check_image_header(data: bytes) -> None:
    """Refuse a picture by its header alone: Image.open reads the size without decoding a pixel. (Pillow's own
    Image.MAX_IMAGE_PIXELS is set in the child only: in this process other code may draw large charts.)"""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)   # refused below, in the user's words
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
    except Image.DecompressionBombError:
        raise _err("too_large", "图片尺寸过大（疑似图片炸弹）", "the image is too large (a decompression bomb?)") from None
    except Exception:  # noqa: BLE001 - any failure to read a header is a damaged file
        raise _image_corrupt() from None
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)
    if min(width, height) < MIN_IMAGE_SIDE:
        raise _no_text("image")


# ---------------------------------------------------------------------------
# Cache: one JSON file per scanned file's SHA-256


def cache_dir() -> Path:
    return Path(os.environ.get("RECTIFY_OCR_CACHE") or Path.home() / ".cache" / "rectify" / "ocr")


def _cache_path(key: str) -> Path:
    return cache_dir() / f"{key}-v{CACHE_VERSION}-{OCR_DPI}.json"


def _cache_get(key: str) -> OcrText | None:
    try:
        return OcrText.from_dict(json.loads(_cache_path(key).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None    # missing, or damaged: read the scan again


def _cache_put(key: str, result: OcrText) -> None:
    """Written whole or not at all (temp file + os.replace), so a reader never sees half a file; a cache that
    cannot be written only costs time."""
    path = _cache_path(key)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as fh:
            tmp = fh.name
            json.dump(result.to_dict(images=True), fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# ---------------------------------------------------------------------------
# The child process: bytes on stdin, one JSON line per page on stdout


def child_command(kind: str, only: list[int] | None = None) -> list[str]:
    """The child's command line; tests put `unshare -n` before it to prove the engine needs no network."""
    return [sys.executable, "-c", f"from lib.read.ocr import _ocr_child; _ocr_child({kind!r}, {OCR_DPI}, "
                                  f"{int(OCR_MEMORY_BYTES)}, {MAX_OCR_PAGES}, {MAX_IMAGE_PIXELS}, "
                                  f"{[int(n) for n in only] if only else None!r})"]


def _spawn(cmd: list[str]) -> subprocess.Popen:
    """Start the child (its own session, so a kill takes its threads with it); a hook for the tests' counting."""
    debug = os.environ.get("RECTIFY_OCR_DEBUG")
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=None if debug else subprocess.DEVNULL, cwd=ROOT, start_new_session=True)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _run_child(data: bytes, kind: str, progress, cancel, only: list[int] | None = None) -> tuple[list[dict], int | None]:
    """Feed the child, relay its page count and pages to progress, kill it on cancel or when time runs out."""
    proc = _spawn(child_command(kind, only))

    def feed():
        try:
            proc.stdin.write(data)
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass   # the child died early; its exit status tells why
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    started = time.monotonic()
    limit = OCR_SECONDS_START
    pages: list[dict] = []
    total = None
    dpi = None
    buf = b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise _cancelled()
            if time.monotonic() - started > limit:
                raise _timed_out(limit)
            if not sel.select(timeout=0.1):
                continue
            chunk = os.read(proc.stdout.fileno(), 1 << 16)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                try:
                    msg = json.loads(raw)
                except ValueError:
                    continue
                if "error" in msg:
                    raise _CHILD_ERRORS.get(msg["error"], lambda d: _image_corrupt())(msg)
                if "pages" in msg:
                    total, dpi = int(msg["pages"]), msg.get("dpi")
                    limit = OCR_SECONDS_START + OCR_SECONDS_PER_PAGE * total
                    if progress:
                        progress(0, total)
                elif "page" in msg:
                    pages.append(msg)
                    if progress:
                        progress(len(pages), total)
                elif msg.get("done"):
                    proc.wait()
                    return pages, dpi
        # the stream ended without "done": killed by the memory limit (or the kernel), or crashed
        proc.wait()
        raise _out_of_memory()
    finally:
        sel.close()
        if proc.poll() is None:
            _kill(proc)
        proc.stdout.close()
        writer.join(timeout=1)


def _die_with_parent() -> None:
    """A server that dies mid-job leaves no engine behind holding a gigabyte (Linux: PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass   # elsewhere the child still dies at its next write to the closed pipe


def _no_network() -> None:
    """Nothing may be downloaded at run time: should the engine reach for a model or a dictionary, it fails."""
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled in the OCR process")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def _engine():
    """RapidOCR with the models in its wheel only, the angle classifier off (on printed pages it turns upright
    lines over and drops sentences), every line kept whatever its score (uncertain ones are marked, not lost)."""
    import logging

    import rapidocr

    models = Path(rapidocr.__file__).parent / "models"
    det, rec = models / "PP-OCRv6_det_small.onnx", models / "PP-OCRv6_rec_small.onnx"
    if not (det.is_file() and rec.is_file()):
        raise FileNotFoundError(det)
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return rapidocr.RapidOCR(params={
        "Global.log_level": "warning", "Global.use_cls": False, "Global.text_score": 0.0,
        "Det.model_path": str(det), "Rec.model_path": str(rec),
    })


def _ocr_child(kind: str, dpi: int, memory_bytes: int, max_pages: int, max_pixels: int,
               only: list[int] | None = None) -> None:
    """Entry of the child process: the scan's bytes on stdin → {"pages": n}, one {"page": …} per page, {"done"}."""
    import resource

    _die_with_parent()
    _no_network()
    # messages go to a copy of stdout; whatever a library prints goes to stderr and cannot garble them
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)

    def say(msg: dict) -> None:
        out.write(json.dumps(msg, ensure_ascii=False) + "\n")
        out.flush()

    try:
        import numpy as np
        from PIL import Image, ImageOps
        engine = _engine()
        engine._load_det_model()   # sessions made before the limit: the limit governs the file, not the engine
        engine._load_rec_model()
    except Exception:  # noqa: BLE001 - a broken installation, not the user's file
        say({"error": "engine_missing"})
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    Image.MAX_IMAGE_PIXELS = max_pixels
    data = sys.stdin.buffer.read()
    try:
        pages = _pdf_pages(data, dpi, max_pages, max_pixels, only) if kind == "pdf" \
            else _image_pages(data, max_pages, max_pixels)
        total, page_dpi = next(pages)
        say({"pages": total, "dpi": page_dpi})
        for number, img in pages:
            img = ImageOps.exif_transpose(img).convert("RGB") if kind == "image" else img.convert("RGB")
            img = _unsealed(img)
            img, boxes = _read_upright(engine, img)
            say({"page": number, "size": list(img.size), "boxes": boxes, "rules": _rules(np.asarray(img.convert("L"))),
                 "image": _page_jpeg(img)})
            del img, boxes
        say({"done": True})
    except _ChildRefusal as e:
        say(e.args[0])
    except MemoryError:
        say({"error": "memory"})
    except Exception:  # noqa: BLE001 - a library failure on a bad file
        say({"error": "pdf_corrupt" if kind == "pdf" else "image_corrupt"})


# a seal is a red ring this wide at least (a share of the page's width: official seals are 4–5 cm across on A4)
SEAL_SHARE = 0.12


def _unsealed(img):
    """The page with its red seals taken away: a seal stamped over the signature and date hides them from the
    engine, and an official document's seal always is. A seal is a red ring, about as tall as it is wide; within
    it the page is seen through the red channel, where red ink is nearly as pale as the paper (and made paper)
    while black print, and print under the ink, stays dark. Red words (a WeChat article's red headings and
    statuses) are no ring and stay as they are; a page without a seal is returned unchanged."""
    import cv2
    import numpy as np
    from PIL import Image

    a = np.asarray(img)
    r, g, b = (a[..., k].astype(np.int16) for k in range(3))
    red = ((r > 120) & (r - g > 50) & (r - b > 50)).astype(np.uint8)
    if not red.any():
        return img
    joined = cv2.dilate(red, np.ones((9, 9), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    least = SEAL_SHARE * a.shape[1]
    rings = [(x, y, w, h) for x, y, w, h, _ in stats[1:count] if w >= least and h >= least and 0.7 <= w / h <= 1.4]
    if not rings:
        return img
    grey = np.asarray(img.convert("L")).copy()
    seen = a[..., 0].copy()
    seen[seen > 200] = 255
    for x, y, w, h in rings:
        grey[y:y + h, x:x + w] = seen[y:y + h, x:x + w]
    return Image.fromarray(grey).convert("RGB")


def _boxes(engine, img) -> list[list]:
    """The engine's lines of one image: [[quad of 8 numbers, score, text], ...]."""
    import numpy as np

    result = engine(np.asarray(img))
    if result.boxes is None or not result.txts:
        return []
    return [[[round(float(v), 1) for v in np.asarray(b).reshape(-1)], float(s), t]
            for b, t, s in zip(result.boxes, result.txts, result.scores)]


def _sideways(boxes: list[list]) -> bool:
    """Whether the page's lines run up or down it (a landscape page, such as an annexed table, set on its side
    in a portrait scan): most long boxes are tall and narrow."""
    tall = wide = 0
    for quad, _, _ in boxes:
        w = math.dist(quad[0:2], quad[2:4])
        h = math.dist(quad[2:4], quad[4:6])
        tall += h >= 3 * w
        wide += w >= 3 * h
    return tall >= 5 and tall > 2 * wide


def _weight(boxes: list[list]) -> float:
    return sum(score * len(text) for _, score, text in boxes)


def _read_upright(engine, img):
    """(the page turned upright, its lines): a sideways page is read turned both ways and the reading the engine
    is surer of kept (the angle classifier, which would do this per line, drops sentences on printed pages)."""
    from PIL import Image

    boxes = _boxes(engine, img)
    if not _sideways(boxes):
        return img, boxes
    best = (img, boxes)
    for turn in (Image.Transpose.ROTATE_270, Image.Transpose.ROTATE_90):   # clockwise first: the usual way
        turned = img.transpose(turn)
        read = _boxes(engine, turned)
        if _weight(read) > _weight(best[1]):
            best = (turned, read)
        if read and sum(s for _, s, _ in read) / len(read) >= 0.9:
            break
    return best


def _rules(gray) -> list[list]:
    """The ruled lines of a page (a table's borders), as [kind "h"|"v", x0, y0, x1, y1] boxes in its pixels: long
    dark runs kept by a morphological opening, a slight tilt's steps bridged. Characters' strokes are far
    shorter than a rule; text's layout (lib.read.ocr_layout) decides which rules make a table."""
    import cv2

    height, width = gray.shape
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    found = []
    for kind, kernel, shortest in (("h", (max(width // 40, 20), 1), 0.15 * width),
                                   ("v", (1, max(height // 60, 20)), 0.025 * height)):
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        for x, y, w, h, _ in stats[1:count]:
            if (w if kind == "h" else h) >= shortest and _paper_both_sides(gray, kind, x, y, w, h):
                found.append([kind, int(x), int(y), int(x + w), int(y + h)])
    return found


def _paper_both_sides(gray, kind: str, x: int, y: int, w: int, h: int, gap: int = 4, band: int = 10) -> bool:
    """Whether a dark run has paper on both sides, as a ruled line has: a photo's paper edge against the desk
    (dark on one side) is no rule of the page."""
    import numpy as np

    paper = float(np.percentile(gray, 90))
    height, width = gray.shape
    if kind == "v":
        sides = (gray[y:y + h, max(0, x - gap - band):max(0, x - gap)],
                 gray[y:y + h, min(width, x + w + gap):min(width, x + w + gap + band)])
    else:
        sides = (gray[max(0, y - gap - band):max(0, y - gap), x:x + w],
                 gray[min(height, y + h + gap):min(height, y + h + gap + band), x:x + w])
    # (a side beyond the image's edge says nothing against it)
    return all(side.size == 0 or float(np.median(side)) > 0.6 * paper for side in sides)


def _page_jpeg(img) -> str:
    """The page as the user will see it beside a figure: greyscale, PAGE_IMAGE_WIDTH wide at most, base64 JPEG."""
    page = img.convert("L")
    if page.width > PAGE_IMAGE_WIDTH:
        page = page.resize((PAGE_IMAGE_WIDTH, max(1, round(page.height * PAGE_IMAGE_WIDTH / page.width))))
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=PAGE_IMAGE_QUALITY, optimize=True)
    return base64.b64encode(buf.getvalue()).decode("ascii")


class _ChildRefusal(Exception):
    """A limit the child found: its message for the parent."""


def _pdf_pages(data: bytes, dpi: int, max_pages: int, max_pixels: int, only: list[int] | None = None):
    """(count of pages to read, dpi), then each (page number, page rendered); the count is checked before any
    page is drawn, and a page so big that the dpi would make a bomb of it is drawn at less. `only`: those pages
    (1-based), the others having their text."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    count = len(doc)
    wanted = [n for n in (only or range(1, count + 1)) if 1 <= n <= count]
    if len(wanted) > max_pages:
        raise _ChildRefusal({"error": "too_many_pages", "pages": len(wanted)})
    yield len(wanted), dpi
    for n in wanted:
        page = doc[n - 1]
        width, height = page.get_size()
        scale = min(dpi / 72, math.sqrt(max_pixels / max(width * height, 1.0)))
        yield n, page.render(scale=scale).to_pil()   # in colour: a red seal is taken away by its colour
        page.close()
    doc.close()


def _image_pages(data: bytes, max_pages: int, max_pixels: int):
    """(frame count, the image's dpi or None), then each frame: a multi-frame TIFF is a scanned document."""
    from PIL import Image

    img = Image.open(io.BytesIO(data))
    count = getattr(img, "n_frames", 1)
    if count > max_pages:
        raise _ChildRefusal({"error": "too_many_pages", "pages": count})
    stated = img.info.get("dpi")
    yield count, int(round(float(stated[0]))) if stated and float(stated[0]) > 1 else None
    for i in range(count):
        img.seek(i)
        width, height = img.size
        if width * height > max_pixels:
            raise _ChildRefusal({"error": "too_many_pixels", "width": width, "height": height})
        img.load()
        yield i + 1, img.copy()
