"""The place on a scanned page a line was read from: a strip of the page image with that line outlined."""
from __future__ import annotations

import io

# the strip shows this many line heights above and below the line, so the sentence around it can be read too
CONTEXT_LINES = 1.5
OUTLINE_RGB = (220, 38, 38)


def line_crop(page_jpeg: bytes, page_size: tuple[int, int], box: tuple[int, int, int, int],
              context_lines: float = CONTEXT_LINES) -> bytes:
    """PNG of the page's text width around `box` (x0, y0, x1, y1 in the pixels of the image the engine read,
    `page_size` wide and high), the box outlined in red. The page image may be smaller than what the engine read
    (it is kept at a lower resolution): the box is scaled to it."""
    from PIL import Image, ImageDraw

    with Image.open(io.BytesIO(page_jpeg)) as img:
        page = img.convert("RGB")
    sx = page.width / max(page_size[0], 1)
    sy = page.height / max(page_size[1], 1)
    x0, y0, x1, y1 = box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy
    pad = max(y1 - y0, 1.0) * context_lines
    # the whole width of the text block (a line is read in pieces; its neighbours give the sentence)
    left = min(x0, page.width * 0.08) - 8
    right = max(x1, page.width * 0.92) + 8
    area = (max(0, round(left)), max(0, round(y0 - pad)), min(page.width, round(right)), min(page.height, round(y1 + pad)))
    strip = page.crop(area)
    draw = ImageDraw.Draw(strip)
    draw.rectangle((x0 - area[0] - 3, y0 - area[1] - 3, x1 - area[0] + 3, y1 - area[1] + 3),
                   outline=OUTLINE_RGB, width=3)
    out = io.BytesIO()
    strip.save(out, "PNG", optimize=True)
    return out.getvalue()
