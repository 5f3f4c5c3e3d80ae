"""The bundled reports in data/reports/: read and parse each file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ledger.model import Ledger
from ..ledger.parse import parse_text
from ..read.readers import ReadError, read_file

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REPORTS_DIR = DATA_DIR / "reports"
SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}


@dataclass
class Loaded:
    report_id: int
    name: str
    text: str
    ledger: Ledger


@dataclass
class Failed:
    name: str
    zh: str
    en: str


def bundled(folder: Path = REPORTS_DIR) -> tuple[list[Loaded], list[Failed]]:
    """Every readable report in `folder`, in name order; unreadable files are reported, not raised."""
    loaded, failed = [], []
    for n, path in enumerate(sorted(p for p in folder.glob("*") if p.suffix.lower() in SUFFIXES), start=1):
        try:
            text = read_file(path)
        except ReadError as e:
            failed.append(Failed(path.name, e.zh, e.en))
            continue
        loaded.append(Loaded(n, path.name, text, parse_text(text)))
    return loaded, failed
