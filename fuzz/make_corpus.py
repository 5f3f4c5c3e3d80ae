"""Seed inputs for fuzz_ingest.py: the bundled report in each format, prefixed with the format selector byte."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import makers  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = makers.seed_text()
    seeds = {"txt": (0, text.encode("utf-8")), "gb18030": (0, text.encode("gb18030")),
             "docx": (1, makers.to_docx(text)), "html": (3, makers.to_html(text).encode("utf-8")),
             "oneline": (0, text.replace("\n", "").encode("utf-8"))}
    try:
        seeds["pdf"] = (2, makers.to_pdf(text))
    except FileNotFoundError:
        pass   # without Chromium the PDF seed is skipped; the fuzzer still reaches the PDF reader
    for name, (selector, data) in seeds.items():
        (out / name).write_bytes(bytes([selector]) + data)
    print(f"{len(seeds)} seeds in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fuzz" / "corpus")
