"""Agreement with the genre truths: ledger facts (header, stated totals, themes, items, figures) and totals keys.

The measure a blind round is judged by (issue 10): run it on new fixtures before changing the parser.

Run: .venv/bin/python bench/genre.py [--root DIR] [STEM ...]
  --root: a copy of the repository holding extra fixtures in tests/fixtures/genre (default: this one)
  STEM:   only these fixtures (w01 w02 …), every format they are read in
  --scan: read each fixture instead as a noisy photocopy of its text (an image-only PDF, through the OCR);
          RECTIFY_OCR_CACHE keeps the OCR between runs
Prints one line per fixture, then the totals by kind of fact, "ledger facts a/b = x%", and the same with the
figures' labels aside (a figure then agrees on value, unit, kind, words, item and approximateness).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--scan", action="store_true")
    ap.add_argument("stems", nargs="*")
    args = ap.parse_args()
    sys.path.insert(0, args.root)
    import tests.ledger.test_genre as tg
    from lib.ledger.roles import HEADLINES
    from lib.views import totals

    agg: dict[str, list[int]] = {}
    aside = [0, 0]
    per: dict[str, list[int]] = {}

    def add(stem: str, kind: str, ok: bool) -> None:
        for d, k in ((agg, kind), (per, stem)):
            a = d.setdefault(k, [0, 0])
            a[0] += bool(ok)
            a[1] += 1

    cases = tg.CASES
    if args.scan:
        cases = sorted({f"{c.split('.')[0]}.scan" for c in tg.CASES
                        if c.split(".")[1] in ("txt", "html")})
    for case in cases:
        stem = case.split(".")[0]
        if args.stems and stem not in args.stems:
            continue
        truth, _, led, h = tg.read(case)
        for k in tg.HEADER:
            add(stem, "header", tg.squeeze(getattr(led, k)) == tg.squeeze(truth[k]))
        for k in tg.STATED:
            add(stem, "stated", getattr(led.stated, k) == truth["stated"].get(k))
        got_themes = [tg.squeeze(t.title) for t in led.themes]
        for n, title in enumerate(truth["themes"]):
            add(stem, "themes", n < len(got_themes) and got_themes[n] == tg.squeeze(title))
        add(stem, "themes", len(got_themes) == len(truth["themes"]))
        rank = {t.no: n for n, t in enumerate(led.themes, 1)}
        for n, want in enumerate(truth["items"]):
            got = led.items[n] if n < len(led.items) else None
            raw = tg.squeeze(want.get("status_raw"))
            add(stem, "items", got is not None and got.no == want["no"])
            add(stem, "items", got is not None and rank.get(got.theme_no) == want["theme"])
            add(stem, "items", got is not None and tg.squeeze(got.title) == tg.squeeze(want["title"]))
            add(stem, "items", got is not None and got.status == want["status"])
            for k in ("responsible", "deadline", "deadline_raw"):   # a 台账's columns, where the truth has them
                if k in want:
                    add(stem, "items", got is not None and tg.squeeze(getattr(got, k)) == tg.squeeze(want[k]))
            add(stem, "items", got is not None and ((not raw and not got.status_raw)
                                                    or bool(got.status_raw) and tg.squeeze(got.status_raw) in raw))
        add(stem, "items", len(led.items) == len(truth["items"]))
        for i in range(len(truth["quantities"])):
            problems = tg._figure_problems(case, i)
            add(stem, "figures", not problems)
            # the same figure, its label aside (a caption in the reader's words or the report's)
            aside[0] += not [p for p in problems if " label " not in p]
            aside[1] += 1
        got, want = totals.contract(h), truth["totals"]
        for k in ("done", "total", "source"):
            add(stem, "totals", got["completion"][k] == want["completion"][k])
        r, w = got["completion"]["rate"], want["completion"]["rate"]
        add(stem, "totals", (r is None) == (w is None) and (r is None or abs(r - w) < 0.051))
        for k in HEADLINES:
            add(stem, "totals", (got[k] is None) == (want[k] is None)
                and (got[k] is None or abs(got[k] - want[k]) <= 1e-6 * max(1, abs(want[k]))))
    for stem, (a, b) in per.items():
        print(f"{stem}: {a}/{b} facts and keys")
    for kind, (a, b) in agg.items():
        print(f"{kind:8} {a}/{b} = {100 * a / b:.1f}%")
    ledger = [sum(v[i] for k, v in agg.items() if k != "totals") for i in (0, 1)]
    if ledger[1]:
        print(f"ledger facts {ledger[0]}/{ledger[1]} = {100 * ledger[0] / ledger[1]:.1f}%")
        a, b = ledger[0] - agg["figures"][0] + aside[0], ledger[1]
        print(f"ledger facts, figures' labels aside {a}/{b} = {100 * a / b:.1f}%")


if __name__ == "__main__":
    main()
