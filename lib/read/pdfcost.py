"""What a PDF costs to read before it is read: its page count and the content its pages would run (PDF bombs)."""
from __future__ import annotations

import io
import re
import zlib

from .errors import ReadError

# PDF bombs: a few KB of Flate-compressed content can inflate to hundreds of MB of text operators, which
# pdfminer turns into millions of objects (8 MB of "(A) Tj" took 50 s and 2.9 GB). A real page runs tens of
# KB of content (the seed's Chromium pages: 25-35 KB); these budgets leave a wide margin.
MAX_PDF_PAGES = 2000
MAX_PDF_PAGE_CONTENT = 1024 * 1024      # decoded content a page runs, Form XObjects counted per use
MAX_PDF_CONTENT = 8 * 1024 * 1024       # ... and the whole document
_PDF_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")


def _pdf_too_large(zh: str, en: str) -> ReadError:
    return ReadError("too_large", f"无法读取该文件：{zh}", f"Cannot read the file: {en}")


def _inflate(data: bytes, cap: int) -> bytes | None:
    """zlib data inflated, or None past cap bytes; a damaged stream keeps what inflated before the damage
    (as pdfminer does), so it is fed in small steps."""
    d = zlib.decompressobj()
    out = bytearray()
    step = 256
    try:
        for pos in range(0, len(data), step):
            out += d.decompress(data[pos:pos + step], cap + 1 - len(out))
            while d.unconsumed_tail and len(out) <= cap:
                out += d.decompress(d.unconsumed_tail, cap + 1 - len(out))
            if len(out) > cap:
                return None
            if d.eof:
                break
    except zlib.error:
        pass
    return bytes(out)


def _runlength_size(data: bytes) -> int:
    n = i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            n += length + 1
            i += length + 2
        else:
            n += 257 - length
            i += 2
    return n


def _pdf_stream_data(stream, cap: int) -> bytes | None:
    """A content stream decoded as pdfminer will decode it, or None when that is more than cap bytes."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import LZWDecoder
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_LZW_DECODE,
        LITERALS_RUNLENGTH_DECODE,
    )
    from pdfminer.runlength import rldecode

    if stream.data is not None:
        return stream.data if len(stream.data) <= cap else None
    data = stream.rawdata or b""
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for f, _params in stream.get_filters():
        if f in LITERALS_FLATE_DECODE:
            data = _inflate(data, cap)
            if data is None:
                return None
        elif f in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif f in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif f in LITERALS_LZW_DECODE:
            out = bytearray()
            for chunk in LZWDecoder(io.BytesIO(data)).run():
                out += chunk
                if len(out) > cap:
                    return None
            data = bytes(out)
        elif f in LITERALS_RUNLENGTH_DECODE:
            if _runlength_size(data) > cap:
                return None
            data = rldecode(data)
        else:
            break   # image codecs: data pdfminer does not interpret
    return data if len(data) <= cap else None


def _pdf_page_content(page_obj, cap: int) -> int:
    """Bytes of content pdfminer will interpret for this page (> cap: stopped counting)."""
    from pdfminer.pdftypes import PDFStream, dict_value, resolve1
    from pdfminer.psparser import LIT

    form = LIT("Form")
    memo: dict = {}

    def name_of(raw: bytes) -> str:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")

    def cost(streams, resources, stack: frozenset) -> int:
        total = 0
        xobjects = None
        for s in streams:
            s = resolve1(s)
            if not isinstance(s, PDFStream):
                continue
            data = _pdf_stream_data(s, cap - total)
            if data is None:
                return cap + 1
            total += len(data)
            for raw in _PDF_DO.findall(data):
                if xobjects is None:
                    xobjects = dict_value(resolve1((resources or {}).get("XObject")))
                x = resolve1(xobjects.get(name_of(raw)))
                if not isinstance(x, PDFStream) or resolve1(x.get("Subtype")) is not form:
                    continue
                key = x.objid if x.objid is not None else id(x)
                if key in stack:
                    return cap + 1   # a form that draws itself
                if key not in memo:
                    own = resolve1(x.get("Resources"))
                    memo[key] = cost([x], dict_value(own) if own else resources, stack | {key})
                total += memo[key]
                if total > cap:
                    return cap + 1
        return total

    return cost(page_obj.contents, dict_value(resolve1(page_obj.resources)), frozenset())


def _pdf_page_count(pdf) -> int | None:
    from pdfminer.pdftypes import dict_value, resolve1

    try:
        count = resolve1(dict_value(resolve1(pdf.doc.catalog.get("Pages"))).get("Count"))
    except Exception:  # noqa: BLE001 - a damaged page tree is pdfminer's to report
        return None
    return count if isinstance(count, int) else None
