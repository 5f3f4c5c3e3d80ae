"""Tables as the user sees and exports them: localized headers, CSV for Excel/WPS, .xlsx; formulas disarmed."""
from __future__ import annotations

import io

import pandas as pd

from ..read.ocr_layout import first_line, locate, uncertain
from ..views.labels import reason_text, status_label, t
from ..views.safe import cell_guard


def col(key: str, lang: str) -> str:
    return t(key, lang)


def items_table(items: pd.DataFrame, lang: str = "zh", lights: list[str | None] | None = None) -> pd.DataFrame:
    """The items as a display/export table with headers in the UI language; who answers for each and by when
    where the selection says, and each item's deadline light where the caller counted them."""
    multi = items["report_id"].nunique() > 1
    out = pd.DataFrame({
        col("col_no", lang): items["no"],
        # plain text: Streamlit's grid shows a categorical column's empty category as "None" (a 台账 without themes)
        col("col_theme", lang): items["theme_short"].astype(object).fillna("").values,
        col("col_title", lang): items["title"],
        col("col_status", lang): [status_label(s, lang) for s in items["status"]],
        col("col_status_raw", lang): items["status_raw"],
        col("col_measures", lang): items["n_measures"],
        col("col_figures", lang): items["figures"],
        col("col_measure_text", lang): items["measures"],
    })
    at = out.columns.get_loc(col("col_status_raw", lang)) + 1
    if lights is not None:   # beside the status, where a tracking platform puts its traffic light
        out.insert(at, col("col_light", lang), [t(f"light_{x}", lang) if x else "" for x in lights])
        at += 1
    if "responsible" in items and items["responsible"].astype(bool).any():
        out.insert(at, col("col_responsible", lang), items["responsible"].values)
        at += 1
    if "deadline_raw" in items and items["deadline_raw"].astype(bool).any():
        out.insert(at, col("col_deadline", lang), items["deadline_raw"].values)
    if multi:
        out.insert(0, col("col_report", lang), items["report"].values)
    return out.reset_index(drop=True)


def quantities_table(quantities: pd.DataFrame, lang: str = "zh", ocr=None) -> pd.DataFrame:
    """The figures with headers in the UI language; for a scan (`ocr`, its OcrText) each figure's page, and a
    "please check" where the engine was unsure of the line it was read from."""
    preamble = t("preamble", lang)
    out = pd.DataFrame({
        col("col_item", lang): [preamble if pd.isna(n) else str(int(n)) for n in quantities["item_no"]],
        col("col_label", lang): quantities["label"],
        col("col_value", lang): quantities["value"],
        col("col_unit", lang): quantities["unit"],
        col("col_figures", lang): quantities["match"],
        col("col_source", lang): quantities["text"],
    })
    if ocr is not None:
        lines = [locate(ocr, int(a)) for a in quantities["match_start"]]
        out[col("col_page", lang)] = [ln.page if ln else None for ln in lines]
        out[col("col_check", lang)] = [t("ocr_check", lang) if uncertain(ocr, int(a), int(b)) else ""
                                       for a, b in zip(quantities["match_start"], quantities["match_end"])]
    if quantities["report_id"].nunique() > 1:
        out.insert(0, col("col_report", lang), quantities["report"].values)
    return out.reset_index(drop=True)


def figure_places(quantities: pd.DataFrame, ocr, lang: str = "zh") -> list[dict]:
    """For a scan: each figure whose line was located, as {"label": "第 2 页 · 追缴欠款 3.2万元", "line": its OcrLine,
    "text": its sentence, "check": the engine was unsure of it} (the item page shows the page strip beside it)."""
    out = []
    for label, match, text, a, b in zip(quantities["label"], quantities["match"], quantities["text"],
                                        quantities["match_start"], quantities["match_end"]):
        line = locate(ocr, int(a))
        if line is not None:
            figure = f"{label} {match}" if isinstance(label, str) and label else match   # two 2次 on one page differ by label
            out.append({"label": t("crop_choice", lang, page=line.page, figure=figure), "line": line, "text": text,
                        "check": uncertain(ocr, int(a), int(b)), "caption": t("crop_caption", lang, page=line.page)})
    return out


def item_place(item, ocr, lang: str = "zh") -> dict | None:
    """For a scan's item with no figures: its first line, in figure_places' shape (the item's title beside it)."""
    line = first_line(ocr, item.start, item.end)
    if line is None:
        return None
    return {"label": t("crop_item", lang, page=line.page), "line": line, "text": item.title, "check": False,
            "caption": t("crop_item", lang, page=line.page)}


def where_counted(totals_shown) -> dict[tuple, tuple]:
    """(report_id, idx) of each figure the totals hold → (the total's key, None, None) where it adds to it,
    (key, reason, ref) where that total leaves it out; adding wins."""
    where: dict[tuple, tuple] = {}
    for total in totals_shown:
        for r, i in zip(total.included["report_id"], total.included["idx"]):
            where[(r, i)] = (total.key, None, None)
        for r, i, c, ref in zip(total.excluded["report_id"], total.excluded["idx"], total.excluded["reason"],
                                total.excluded["ref"]):
            where.setdefault((r, i), (total.key, c, ref))
    return where


def figures_table(rows: pd.DataFrame, totals_shown: list, lang: str = "zh") -> pd.DataFrame:
    """Every figure of a page with the total it adds to, or why it adds to none."""
    where = where_counted(totals_shown)

    def cell(key: tuple) -> str:
        if key not in where:
            return ""
        total, reason, ref = where[key]
        return t("hl_" + total, lang) if reason is None else "－ " + reason_text(reason, ref, lang)

    out = quantities_table(rows, lang)
    out.insert(len(out.columns) - 1, col("f_headline", lang), [cell(k) for k in zip(rows["report_id"], rows["idx"])])
    return out


def basis_tables(total, lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame]:
    """A headline total opened: the figures it adds, and those of its kind it leaves out with the reason."""
    added = quantities_table(total.included, lang)
    left = quantities_table(total.excluded, lang)
    left.insert(len(left.columns) - 1, col("col_reason", lang),
                [reason_text(c, r, lang) for c, r in zip(total.excluded["reason"], total.excluded["ref"])])
    return added, left


def basis_lines(total, lang: str = "zh", limit: int = 12) -> list[str]:
    """The same in lines of text, for a slide's notes and the static site: "＋ 追回违规资金 1,234.56万元（事项5）"."""
    preamble = t("preamble", lang)

    def where(n) -> str:
        return preamble if pd.isna(n) else (f"事项{int(n)}" if lang == "zh" else f"item {int(n)}")

    lines = [f"＋ {lab} {m}（{where(n)}）" for lab, m, n in
             zip(total.included["label"], total.included["match"], total.included["item_no"])]
    lines += [f"－ {lab} {m}（{where(n)}）：{reason_text(c, r, lang)}" for lab, m, n, c, r in
              zip(total.excluded["label"], total.excluded["match"], total.excluded["item_no"],
                  total.excluded["reason"], total.excluded["ref"])]
    return lines[:limit] + (["…"] if len(lines) > limit else [])


def _guarded(df: pd.DataFrame) -> pd.DataFrame:
    return df.map(cell_guard)


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel and WPS open the Chinese text correctly."""
    return _guarded(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str = "整改事项") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        _guarded(df).to_excel(xw, index=False, sheet_name=sheet[:31])
        ws = xw.sheets[sheet[:31]]
        for cells in ws.columns:
            width = max(len(str(c.value or "")) for c in cells[:50])
            ws.column_dimensions[cells[0].column_letter].width = min(60, max(8, width * 1.6))
    return buf.getvalue()
