"""The strip of a scanned page shown beside a figure: the right place, at the page image's own scale."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lib.outputs.crops import OUTLINE_RGB, line_crop


def page(width: int, height: int, box: tuple[int, int, int, int]) -> bytes:
    """A white page with one black bar where a line of text stands."""
    img = Image.new("L", (width, height), 255)
    ImageDraw.Draw(img).rectangle(box, fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def opened(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    return img.convert("RGB")


def pixels(img: Image.Image, rgb: tuple[int, int, int]) -> int:
    return int((np.asarray(img) == rgb).all(axis=2).sum())


def bounds(img: Image.Image, rgb: tuple[int, int, int]) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero((np.asarray(img) == rgb).all(axis=2))
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


# (page image size, size the engine read, the line's box in the engine's pixels)
CASES = [
    ("same scale", (1240, 1754), (1240, 1754), (200, 800, 1000, 840)),
    ("page kept at half size", (827, 1170), (1654, 2339), (400, 1600, 1400, 1660)),
    ("line at the top edge", (1240, 1754), (1240, 1754), (150, 0, 900, 30)),
    ("line at the bottom edge", (1240, 1754), (1240, 1754), (150, 1720, 900, 1754)),
]


@pytest.mark.parametrize(("image_size", "read_size", "box"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_strip_holds_the_line_outlined(image_size, read_size, box):
    sx, sy = image_size[0] / read_size[0], image_size[1] / read_size[1]
    scaled = tuple(round(v * s) for v, s in zip(box, (sx, sy, sx, sy)))
    strip = opened(line_crop(page(*image_size, scaled), read_size, box))
    line_h = scaled[3] - scaled[1]
    # the text block's width, and a line and a half of context above and below where the page allows
    assert strip.width >= 0.84 * image_size[0]
    assert line_h < strip.height <= line_h * 4 + 8
    assert pixels(strip, OUTLINE_RGB) > 2 * (scaled[2] - scaled[0])          # the outline runs along the line
    # the line itself is inside the strip, not cut by it: its black pixels are there
    bar = (scaled[2] - scaled[0] + 1) * (scaled[3] - scaled[1] + 1)
    assert pixels(strip, (0, 0, 0)) >= 0.95 * bar
    # and the outline is round that line, a few pixels out, not somewhere else on the strip
    red, ink = bounds(strip, OUTLINE_RGB), bounds(strip, (0, 0, 0))
    assert all(0 <= a - b <= 8 for a, b in zip(ink[:2], red[:2])) or ink[1] == 0, (red, ink)
    assert all(0 <= b - a <= 8 for a, b in zip(ink[2:], red[2:])) or ink[3] == strip.height - 1, (red, ink)


def test_a_jpeg_page_as_the_library_keeps_it():
    img = Image.new("L", (1240, 1754), 255)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=60)
    strip = opened(line_crop(buf.getvalue(), (1654, 2339), (300, 1000, 1300, 1050)))
    assert strip.size[0] > 1000 and 60 < strip.size[1] < 200
