"""Command line: `python -m lib parse FILE|URL [--json]` (a public contract: keep its output stable)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from .ledger.model import Ledger
from .read.ocr_layout import OcrText

STATUS_ZH = {"done": "完成", "in_progress": "阶段性完成/正在整改", "not_done": "未完成", "unknown": "未说明"}


def load(path: str) -> tuple[str, Ledger, "OcrText | None"]:
    """A file's or a web address's report, read and parsed, with a scan's OCR lines (None for a text)."""
    from .ledger.parse import parse_text
    from .read.fetch import is_url, read_url
    from .read.readers import read_path
    text, ocr = (read_url(path)[0], None) if is_url(path) else read_path(path, progress=_ocr_progress)
    return text, parse_text(text), ocr


def _ocr_progress(done: int, total: int) -> None:
    """A scan's pages as OCR reads them, on stderr: stdout carries only the result."""
    print(f"\rOCR {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)


def _read_source(source: str) -> tuple:
    """(the name the library keeps, the text, a scan's OCR lines or None) of one `import` argument: a file's
    name, or the address the report was read from. A ReadError names the source; OSError is left to the caller."""
    from .library.store import named, read_named_document
    from .read.fetch import is_url, read_url
    from .read.readers import ReadError
    if is_url(source):
        try:
            text, url = read_url(source)
        except ReadError as e:
            raise named(e, source) from e
        return url, text, None
    with open(source, "rb") as fh:
        data = fh.read()
    name = os.path.basename(source)
    return (name, *read_named_document(name, data))


def contract(ledger: Ledger, ocr: "OcrText | None" = None) -> dict:
    """The JSON object of `parse --json`: the documented keys first, extra detail after them. "read" says how
    the text was had: {"by": "text"}, or for a scan {"by": "ocr", "pages", "lines", "uncertain_lines"}, and
    then each figure gains "page" (where it was read, or null) and "confirm" (the engine was unsure of its line)."""
    from .read.ocr_layout import UNCERTAIN_SCORE, locate, uncertain
    from .views import totals
    d = ledger.to_dict()
    if ocr is None:
        d["read"] = {"by": "text"}
    else:
        d["read"] = {"by": "ocr", "pages": ocr.pages, "lines": len(ocr.lines),
                     "uncertain_lines": sum(line.score < UNCERTAIN_SCORE for line in ocr.lines)}
        for q in d["quantities"]:
            line = locate(ocr, q["match_start"])
            q["page"] = None if line is None else line.page
            q["confirm"] = uncertain(ocr, q["match_start"], q["match_end"])
    d["totals"] = totals.contract(totals.for_ledgers([(1, ledger)]))
    keys = ["title", "publisher", "kind", "inspector", "inspection_start", "inspection_end", "feedback_date",
            "report_date", "stated", "themes", "items", "quantities", "warnings", "totals"]
    out = {k: d[k] for k in keys}
    out["themes"] = [{"no": t["no"], "title": t["title"], "start": t["start"], "end": t["end"]} for t in d["themes"]]
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def summary(ledger: Ledger) -> str:
    lines = []
    lines.append(ledger.title or "（无标题）")
    lines.append(f"发布单位：{ledger.publisher or '—'}　类型：{ledger.kind or '—'}　巡视/巡察组：{ledger.inspector or '—'}")
    lines.append(f"巡视/巡察时间：{ledger.inspection_start or '—'} 至 {ledger.inspection_end or '—'}　"
                 f"反馈：{ledger.feedback_date or '—'}　通报：{ledger.report_date or '—'}")
    counts = Counter(i.status for i in ledger.items)
    lines.append(f"主题 {len(ledger.themes)} 个，事项 {len(ledger.items)} 个：" +
                 "，".join(f"{STATUS_ZH[s]} {counts[s]}" for s in STATUS_ZH if counts[s]))
    themes = {t.no: t.title for t in ledger.themes}
    current = object()
    for it in ledger.items:
        if it.theme_no != current:
            current = it.theme_no
            if it.theme_no is not None:
                lines.append(f"（{it.theme_no}）{themes.get(it.theme_no, '')}")
        lines.append(f"  {it.no}. {it.title} —— {it.status_raw or '未说明'}（措施 {len(it.measures)} 条）")
    lines += _totals_lines(ledger)
    if ledger.quantities:
        lines.append("数字：")
        for q in ledger.quantities:
            where = f"事项{q.item_no}" if q.item_no is not None else "综述"
            lines.append(f"  [{where}] {q.label}：{q.value:g} {q.unit}（{q.match}）")
    for w in ledger.warnings:
        lines.append(f"提示：{w}")
    return "\n".join(lines)


def _totals_lines(ledger: Ledger) -> list[str]:
    """The headline numbers as the dashboard shows them, each with where it comes from."""
    from .views import totals
    from .views.labels import completion_source, fmt_number, t
    h = totals.for_ledgers([(1, ledger)])
    c = h.completion
    rate = "—" if c.rate is None else f"{c.rate:g}%"
    lines = [f"完成率：{rate}（{completion_source(c, 'zh')}）"]
    for key in totals.HEADLINES:
        total = h.totals[key]
        left = len(total.excluded)
        lines.append(f"{t('hl_' + key, 'zh')}：{fmt_number(total.value)}{'' if total.value is None else total.unit}"
                     f"（计入 {len(total.included)} 个数字" + (f"，未计入 {left} 个" if left else "") + "）")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lib", description="整改看板：巡视/巡察整改进展通报解析")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse", help="parse one report (.txt .docx .pdf .html, or its http(s) address)")
    p.add_argument("file", help="a file, or the report's web address")
    p.add_argument("--json", action="store_true", help="print the ledger as one JSON object")
    p = sub.add_parser("import", help="import reports into the library (one transaction for all files)")
    p.add_argument("files", nargs="+", help="files and http(s) addresses; an address is kept as the source")
    p.add_argument("--author", default=None)
    p = sub.add_parser("export", help="export the library's items (corrections applied)")
    p.add_argument("--format", choices=["csv", "xlsx", "json"], required=True)
    p.add_argument("--report", type=int, action="append", help="report id (repeatable); default: all")
    p.add_argument("--out", help="file to write; default: standard output")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the column headers")
    p = sub.add_parser("reparse", help="parse every stored report again; corrections stay applied")
    p = sub.add_parser("backup", help="write the whole library to one file (gzipped JSON)")
    p.add_argument("--out", required=True)
    p = sub.add_parser("restore", help="load a backup into the library (one transaction)")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="overwrite a library that is not empty")
    p = sub.add_parser("publish", help="write the public page as a static site (any web server can host it)")
    p.add_argument("--out", required=True, help="folder to write (created when missing)")
    p.add_argument("--report", type=int, action="append", help="report id (repeatable); default: all")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the page's own labels")
    args = ap.parse_args(argv)
    if args.cmd == "publish":
        return _publish(args)
    if args.cmd in ("import", "export", "reparse", "backup", "restore"):
        return _library(args)

    if args.cmd == "parse":
        from .read.readers import ReadError
        try:
            _, ledger, ocr = load(args.file)
        except ReadError as e:
            print(f"错误：{e.zh} / Error: {e.en}", file=sys.stderr)
            return 2
        except OSError as e:
            print(f"错误：无法打开文件 {args.file} / Error: cannot open {args.file} ({e.strerror})", file=sys.stderr)
            return 2
        if args.json:
            json.dump(contract(ledger, ocr), sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            print(summary(ledger))
        return 0
    return 1


def _fail(zh: str, en: str) -> int:
    print(f"错误：{zh} / Error: {en}", file=sys.stderr)
    return 2


def _library(args) -> int:
    from .library.store import Store, StoreError
    from .outputs.export import items_table, to_csv, to_xlsx
    from .read.readers import ReadError

    try:
        store = Store()
        if args.cmd == "import":
            texts = []
            for name in args.files:      # files and web addresses alike; all read before any is saved
                try:
                    texts.append(_read_source(name))
                except OSError as e:
                    return _fail(f"无法打开文件 {name}", f"cannot open {name} ({e.strerror})")
            results = store.import_texts(texts, author=args.author)
            for r in results:
                state = "已导入" if r.created else "已在库中"
                print(f"{r.filename}\t#{r.report_id}\t{state}\t事项 {r.items} 个\t{r.title or ''}")
            return 0
        if args.cmd == "reparse":
            print(f"已重新解析 {store.reparse()} 份报告")
            return 0
        if args.cmd in ("backup", "restore"):
            from .library import backup
            if args.cmd == "backup":
                counts = backup.backup(store, args.out)
            else:
                counts = backup.restore(store, args.file, replace=args.replace)
            print("\t".join(f"{name} {n}" for name, n in counts.items()))
            return 0
        ids = args.report or list(store.list_reports()["id"])
        if args.format == "json":
            payload = [dict(contract(store.ledger(int(i)), store.ocr(int(i))), report_id=int(i)) for i in ids]
            data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        else:
            items = store.frames(ids)[0]
            table = items_table(items, args.lang)
            data = to_csv(table) if args.format == "csv" else to_xlsx(table)
        if args.out:
            with open(args.out, "wb") as fh:
                fh.write(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    except ReadError as e:
        return _fail(e.zh, e.en)
    except StoreError as e:
        return _fail(e.zh, e.en)


def _publish(args) -> int:
    """Write DIR/index.html and its files; print the written paths, one a line."""
    from .library.store import Store, StoreError
    from .outputs.publish import render_site, write_site

    try:
        store = Store()
        if store.list_reports().empty:
            store.ensure_bundled()   # a new library starts with the bundled reports, as the app does
        files = render_site(store, args.report, args.lang)
    except StoreError as e:
        return _fail(e.zh, e.en)
    try:
        for path in write_site(args.out, files):
            print(path)
    except OSError as e:
        return _fail(f"无法写入 {args.out}", f"cannot write {args.out} ({e.strerror})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # `python -m lib parse x.txt | head`: the reader left; no traceback, and none at interpreter exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
