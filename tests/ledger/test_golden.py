"""`python -m lib parse --json` unchanged by a refactor: every report in every format against its saved output.

The saved outputs (tests/fixtures/golden/*.json.gz) are written by `python -m tests.ledger.test_golden --save` from a
build whose ledgers are right; a change that means to alter a ledger saves them again in the same commit, and
the diff of that commit says which reports it changed.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from lib.__main__ import contract
from lib.ledger.parse import parse_text
from lib.read.readers import read_bytes
from tests.ledger import test_genre
from tests.read import test_formats

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden"


def _cases() -> dict[str, object]:
    """name → a function giving (bytes, file name); the seed in every format, every genre fixture in each of its own."""
    out = {f"seed.{name.replace(' ', '_')}": make for name, make in test_formats.FILES.items()}
    for case in test_genre.CASES:
        out[case] = case
    return out


CASES = _cases()


def output(name: str) -> dict:
    made = CASES[name]
    if callable(made):
        data, file_name = made()
        ledger = parse_text(read_bytes(data, file_name))
    else:
        ledger = test_genre.read(made)[2]
    # Through JSON and back, so tuples and lists compare alike
    return json.loads(json.dumps(contract(ledger), ensure_ascii=False, default=str))


def _path(name: str) -> Path:
    return GOLDEN / f"{name}.json.gz"


def _first_difference(want, got, where: str = "") -> str | None:
    if type(want) is not type(got):
        return f"{where or '/'}: {want!r:.120} ≠ {got!r:.120}"
    if isinstance(want, dict):
        for key in list(want) + [k for k in got if k not in want]:
            if key not in want or key not in got:
                return f"{where}/{key}: only in {'the saved output' if key in want else 'the new output'}"
            found = _first_difference(want[key], got[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(want, list):
        for i, (a, b) in enumerate(zip(want, got)):
            found = _first_difference(a, b, f"{where}[{i}]")
            if found:
                return found
        return None if len(want) == len(got) else f"{where}: {len(want)} entries saved, {len(got)} now"
    return None if want == got else f"{where or '/'}: {want!r:.160} ≠ {got!r:.160}"


@pytest.mark.parametrize("name", CASES)
def test_parse_json_as_saved(name):
    path = _path(name)
    assert path.exists(), f"no saved output for {name}: run python -m tests.ledger.test_golden --save"
    want = json.loads(gzip.decompress(path.read_bytes()))
    got = output(name)
    assert want == got, _first_difference(want, got)


def test_every_saved_output_has_its_case():
    # A renamed or removed fixture leaves its saved output behind; that file would hide nothing, but it misleads
    saved = {p.name.removesuffix(".json.gz") for p in GOLDEN.glob("*.json.gz")}
    assert saved == set(CASES)


def save() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.glob("*.json.gz"):
        if old.name.removesuffix(".json.gz") not in CASES:
            old.unlink()
    for name in CASES:
        body = json.dumps(output(name), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        # mtime=0: the same output gives the same bytes, so git sees only real changes
        _path(name).write_bytes(gzip.compress(body, mtime=0))
        print(name, file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] != ["--save"]:
        sys.exit("usage: python -m tests.ledger.test_golden --save")
    save()
