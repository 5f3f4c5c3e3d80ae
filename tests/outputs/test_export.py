"""The figures table of a scanned report: each figure's page, and a 请核实 where the OCR engine was unsure."""
from __future__ import annotations

import pandas as pd

from lib.outputs.export import figure_places, quantities_table
from lib.read.ocr_layout import UNCERTAIN_SCORE, OcrLine, OcrText

TEXT = "追缴资金12万元。\n收回土地3亩。"


def _figures() -> pd.DataFrame:
    spans = [(TEXT.index("12万元"), TEXT.index("12万元") + 4), (TEXT.index("3亩"), TEXT.index("3亩") + 2)]
    return pd.DataFrame({"report_id": [1, 1], "report": ["r", "r"], "item_no": [1, 2], "label": ["追缴资金", "收回土地"],
                         "value": [12.0, 3.0], "unit": ["万元", "亩"], "match": ["12万元", "3亩"], "text": TEXT.split("\n"),
                         "match_start": [a for a, _ in spans], "match_end": [b for _, b in spans]})


def test_a_scans_figures_carry_their_page_and_what_to_check():
    first_end = TEXT.index("\n")
    ocr = OcrText(TEXT, [OcrLine(1, (10, 10, 500, 40), 0.99, 0, first_end),
                         OcrLine(2, (10, 10, 300, 40), UNCERTAIN_SCORE - 0.1, first_end + 1, len(TEXT))], pages=2, dpi=200)
    table = quantities_table(_figures(), "zh", ocr)
    assert table["页码"].tolist() == [1, 2]
    assert table["OCR 核实"].tolist() == ["", "请核实"]
    assert quantities_table(_figures(), "en", ocr)["OCR check"].tolist() == ["", "Please check"]


def test_a_typed_reports_figures_have_no_such_columns():
    assert "页码" not in quantities_table(_figures(), "zh").columns


def test_figure_places_name_each_figure_by_its_page_and_label():
    first_end = TEXT.index("\n")
    ocr = OcrText(TEXT, [OcrLine(1, (10, 10, 500, 40), 0.99, 0, first_end),
                         OcrLine(2, (10, 10, 300, 40), UNCERTAIN_SCORE - 0.1, first_end + 1, len(TEXT))], pages=2)
    places = figure_places(_figures(), ocr, "zh")
    assert [p["label"] for p in places] == ["第 1 页 · 追缴资金 12万元", "第 2 页 · 收回土地 3亩"]
    assert [p["line"].page for p in places] == [1, 2] and [p["check"] for p in places] == [False, True]
    assert [p["text"] for p in places] == TEXT.split("\n")
    # a figure on no line the engine read (the second line lost) has no place to show
    assert [p["label"] for p in figure_places(_figures(), OcrText(TEXT, ocr.lines[:1], 2), "en")] == ["page 1 · 追缴资金 12万元"]


def test_items_without_a_theme_show_an_empty_theme_cell_not_none():
    """A 台账 with no themes: the items frame's theme_short is a categorical of "", which Streamlit's grid draws as
    "None"; the table hands it plain empty text."""
    from lib.outputs.export import items_table

    items = pd.DataFrame({"report_id": [1, 1], "report": ["r", "r"], "no": [1, 2], "theme": ["", ""],
                          "theme_short": ["", ""], "title": ["甲", "乙"], "status": ["done", "unknown"],
                          "status_raw": ["已完成", ""], "n_measures": [1, 0], "figures": ["", ""], "measures": ["", ""],
                          "responsible": ["", ""], "deadline_raw": ["", ""]})
    items = items.astype({"report": "category", "theme": "category", "theme_short": "category"})
    theme = items_table(items)["主题"]
    assert not isinstance(theme.dtype, pd.CategoricalDtype) and theme.tolist() == ["", ""]
