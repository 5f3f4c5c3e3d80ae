"""Every page through Streamlit's AppTest: renders, filters (widgets and URL), language switch."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.seed_facts import FIGURES, ITEMS

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["pages/overview.py", "pages/items.py", "pages/land.py", "pages/discipline.py", "pages/timeline.py"]


def app(**query) -> AppTest:
    """The dashboard after its first run, with these URL parameters."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def plotly_values(v) -> list:
    """Plotly 6+ ships numeric arrays as {dtype, bdata}; tests compare plain lists."""
    if isinstance(v, dict) and "bdata" in v:
        import base64

        import numpy as np
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def chart_data(at, index: int = 0) -> list[dict]:
    return json.loads(at.get("plotly_chart")[index].proto.spec)["data"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page, lang):
    at = app(lang=lang)
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error


# every page but the overview (which opens with its report card) names itself in its heading
@pytest.mark.parametrize(("page", "lang", "heading"), [
    ("pages/items.py", "zh", "事项明细"), ("pages/land.py", "zh", "土地与资金"),
    ("pages/discipline.py", "en", "Discipline"), ("pages/timeline.py", "zh", "时间线"),
])
def test_page_heading(page, lang, heading):
    at = app(lang=lang)
    at.switch_page(page).run()
    assert [h.value for h in at.header] == [heading]


def test_overview_metrics_on_the_seed():
    at = app()
    m = metrics(at)
    # every item states its status: the rate is the items', and says so; the sums the seed does not state are —
    assert m == {"整改事项": "31", "已完成": "14", "阶段性完成": "17", "完成率": "45.2%",
                 "整改措施": str(sum(i[3] for i in ITEMS)), "追回资金（万元）": "688", "处置土地（亩）": "204.01",
                 "立案（件）": "8", "党纪政务处分（人）": "7", "其他问责（人）": "—"}
    assert any(c.value.replace("\\", "") == "按事项统计：事项 14/31" for c in at.caption)
    # each sum opens to its figures: 党纪政务处分 adds the three sanctions of item 27, each with its sentence
    popovers = {p.proto.popover.label: p for p in at.get("popover")}
    assert "计入 3" in popovers and not popovers["计入 3"].dataframe   # drawn when opened
    at.session_state["ov_disciplined_people"] = True
    at.run()
    popovers = {p.proto.popover.label: p for p in at.get("popover")}
    table = popovers["计入 3"].dataframe[0].value
    assert sorted(table["数值"]) == [1.0, 2.0, 4.0] and table["原文"].str.contains("政务撤职").all()


# status = 阶段性完成 and theme = （五）, set through the widgets
def test_filter_by_status_and_theme_widgets():
    at = app()
    at.multiselect(key="status").set_value(["in_progress"]).run()
    at.multiselect(key="theme").set_value(["5"]).run()
    want = [i for i in ITEMS if i[1] == 5 and i[2] == "in_progress"]
    m = metrics(at)
    assert (m["整改事项"], m["已完成"], m["阶段性完成"]) == (str(len(want)), "0", str(len(want)))
    bars = chart_data(at, 0)
    assert [(tr["name"], tr["y"]) for tr in bars] == [("阶段性完成", ["（五）土地出让、征地拆迁问题…"])]
    donut = chart_data(at, 1)[0]
    assert donut["labels"] == ["阶段性完成"]
    at.switch_page("pages/items.py").run()
    table = at.dataframe[0].value
    assert sorted(table["序号"].tolist()) == [i[0] for i in want]
    assert set(table["整改状态"]) == {"阶段性完成"}
    assert "状态" in at.caption[0].value and "（五）" in at.caption[0].value


def test_filter_from_url_survives_page_switch():
    at = app(status="in_progress", theme="5")
    assert at.multiselect(key="status").value == ["in_progress"]
    assert metrics(at)["整改事项"] == "2"
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert at.multiselect(key="theme").value == ["5"]
    at.switch_page("pages/items.py").run()
    assert sorted(at.dataframe[0].value["序号"]) == [18, 20]


@pytest.mark.parametrize("query", [{"status": "bogus"}, {"theme": "99"}, {"theme": "x"}, {"lang": "fr"}])
def test_bad_url_values_are_ignored(query):
    at = app(**query)
    assert not at.exception
    assert metrics(at)["整改事项"] == "31"


def test_keyword_search():
    at = app(q="土地欠款")
    assert metrics(at)["整改事项"] == "1"
    at.switch_page("pages/items.py").run()
    assert at.dataframe[0].value["序号"].tolist() == [20]


def test_empty_state_instead_of_empty_chart():
    at = app(q="没有这个词")
    assert at.info and at.info[0].value == "没有符合条件的事项"
    assert len(at.get("plotly_chart")) == 0


def test_english_switch_changes_labels():
    at = app()
    at.button_group(key="lang").set_value("English").run()
    assert set(metrics(at)) == {"Items", "Done", "In progress", "Completion rate", "Measures",
                                "Money recovered (10k yuan)", "Land acted on (mu)", "Cases filed (cases)",
                                "People disciplined (people)", "Other accountability (people)"}
    assert chart_data(at, 0)[0]["name"] == "Done"
    at.switch_page("pages/land.py").run()
    assert {"Money recovered (10k yuan)", "Land acted on (mu)", "Parcels (parcels)"} <= set(metrics(at))


def test_land_and_discipline_figures():
    at = app()
    at.switch_page("pages/land.py").run()
    m = metrics(at)
    assert m["追回资金（万元）"] == "688" and m["处置土地（亩）"] == "204.01" and m["宗地（宗）"] == "4"
    at.switch_page("pages/discipline.py").run()
    m = metrics(at)
    assert (m["立案（件）"], m["立案涉及（人）"], m["积案（件）"], m["积案已办结（件）"]) == ("8", "8", "10", "9")
    assert (m["党纪政务处分（人）"], m["其他问责（人）"]) == ("7", "—")   # the seed states no other accountability: —, not 0
    sanctions = chart_data(at, 0)[0]
    want = {lab: v for n, v, u, lab, tag in FIGURES if tag == "sanction"}
    assert dict(zip(sanctions["y"], plotly_values(sanctions["x"]))) == want


def test_items_detail_shows_measures_and_marked_text():
    at = app(q="土地欠款")
    at.switch_page("pages/items.py").run()
    at.selectbox(key="item").set_value(at.selectbox(key="item").options[0] and "1:20").run()
    md = [m.value for m in at.markdown]
    assert any("土地欠款催缴不力" in v for v in md)
    assert any(":orange-background[**688万元**]" in v for v in md)
