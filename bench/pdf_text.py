"""PDF text: the reader as it is (pdfium's characters laid out as pdfplumber lays them, pdfminer's cost checks),
the same reader with pdfminer laying out the text (as it was before pdfium), and pypdfium2's raw text layer.

Three inputs: the seed printed by Chromium, the seed printed 25 times over (about 200 pages), and the seed's PDF
with its cross-reference table broken (the offsets point nowhere, so a reader must scan the file for objects).
For each: the median of 5 runs in this process, the text's length, and whether the seed's key sentence is there.

Run: .venv/bin/python bench/pdf_text.py
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.read import pdf as pdf_reader  # noqa: E402
from lib.read.readers import read_bytes  # noqa: E402
from lib.read.radicals import fix_radicals  # noqa: E402
from tests import makers  # noqa: E402

KEY = "完成688万元土地欠款的追缴入库"


def pdfium_text(data: bytes) -> str:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def pdfminer_reader(data: bytes) -> str:
    """The reader with pdfium switched off: pdfminer lays out every page."""
    keep = pdf_reader._pdfium_pages
    pdf_reader._pdfium_pages = lambda data, count: None
    try:
        return pdf_reader._read_pdf(data)
    finally:
        pdf_reader._pdfium_pages = keep


def broken_xref(data: bytes) -> bytes:
    """The cross-reference offset at the end pointing into the middle of a stream: a reader must rebuild the
    table by scanning the whole file for objects (Chromium writes an xref stream, so the table itself cannot
    be edited in place)."""
    at = data.rindex(b"startxref")
    return data[:at] + b"startxref\n" + str(len(data) // 2).encode() + b"\n%%EOF\n"


def timed(fn, data: bytes, runs: int = 5) -> tuple[float, str]:
    out, times = "", []
    for _ in range(runs):
        t = time.perf_counter()
        try:
            out = fn(data)
        except Exception as exc:  # noqa: BLE001 - a reader that fails is a result here
            out = f"<{type(exc).__name__}>"
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    seed = makers.seed_text()
    one = makers.to_pdf(seed)
    many = makers.to_pdf("\n".join([seed] * 25))
    inputs = {"seed (Chromium)": one, "seed ×25 (~200 pages)": many, "seed, broken xref": broken_xref(one)}
    import pypdfium2 as pdfium
    for name, data in inputs.items():
        pages = len(pdfium.PdfDocument(data))
        print(f"{name}: {len(data) / 1024:.0f} KB, {pages} pages")
        base = None
        readers = (("reader, pdfminer layout", pdfminer_reader), ("reader, pdfium layout", pdf_reader._read_pdf),
                   ("pypdfium2 raw text", pdfium_text))
        same = pdfminer_reader(data) == pdf_reader._read_pdf(data)
        print(f"  the two readers' texts are {'identical' if same else 'different'}")
        for label, fn in readers:
            seconds, text = timed(fn, data, 3 if pages > 50 else 5)
            text = fix_radicals(text)
            found = KEY in re.sub(r"\s+", "", text)
            base = base or seconds
            print(f"  {label:<24} median {seconds * 1000:8.1f} ms  ×{seconds / base:5.2f}  {len(text):>8} chars  "
                  f"key sentence {'found' if found else 'MISSING'}")


    # the app's own path: a child process with a time limit of PDF_SECONDS
    t = time.perf_counter()
    try:
        read_bytes(many, "many.pdf")
        outcome = "read"
    except Exception as exc:  # noqa: BLE001
        outcome = f"refused: {exc}"
    print(f"seed ×25 through read_bytes (limit {pdf_reader.PDF_SECONDS} s): {outcome} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
