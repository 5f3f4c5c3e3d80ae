"""The meeting deck: slides (.pptx) and handout (.pdf) of the seed, their charts and text, and the error without Chromium."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from streamlit.testing.v1 import AppTest

from lib.library.store import Store
from lib.outputs import deck, handout, images
from lib.read.radicals import fix_radicals
from lib.views import totals
from lib.views.labels import STATUS_COLORS, fmt_rate, t
from tests.seed_facts import FIGURES, HEADER, ITEMS, seed_text

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
PAGE = "pages/meeting.py"

OPEN = [i for i in ITEMS if i[2] != "done"]
DONE = [i for i in ITEMS if i[2] == "done"]


def figure(item_no: int, unit: str, word: str) -> float:
    return next(v for n, v, u, w, _ in FIGURES if n == item_no and u == unit and word in w)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed in a library of its own (module-wide: the autouse per-test library comes too late here)."""
    db = tmp_path_factory.mktemp("deck-library") / "library.sqlite3"
    store = Store(f"sqlite:///{db}")
    store.ensure_bundled()
    reports = store.list_reports()
    ids = tuple(int(i) for i in reports["id"])
    return reports, store.items_frame(ids), store.quantities_frame(ids)


@pytest.fixture(scope="module")
def content(seed):
    return deck.deck_content(*seed, lang="zh")


@pytest.fixture(scope="module")
def pptx(content):
    return Presentation(io.BytesIO(deck.to_pptx(content)))


@pytest.fixture(scope="module")
def pdf(content):
    data = deck.to_pdf(content)
    assert data.startswith(b"%PDF")
    return pdfplumber.open(io.BytesIO(data))


def pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def tables(slide) -> list:
    return [s.table for s in slide.shapes if s.has_table]


def cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# --- slides ---------------------------------------------------------------------------------------
def test_slide_titles_in_order(pptx):
    titles = [s.shapes.title.text for s in pptx.slides]
    assert titles[:5] == [HEADER["title"], t("deck_metrics"), t("ch_theme_title"), t("deck_land"), t("deck_discipline")]
    parts = titles[5:]
    assert len(parts) >= 2, "17 open items with their measures do not fit one slide at a projector's text size"
    assert parts == [t("deck_part", title=t("deck_open"), i=i, n=len(parts)) for i in range(1, len(parts) + 1)]


def test_cover_holds_the_header(pptx):
    text = "\n".join(s.text_frame.text for s in pptx.slides[0].shapes if s.has_text_frame)
    for key in ("publisher", "inspector", "inspection_start", "inspection_end", "report_date"):
        assert HEADER[key] in text, key


def test_metrics_are_large_numbers(pptx):
    runs = {r.text: r.font.size.pt for s in pptx.slides[1].shapes if s.has_text_frame
            for p in s.text_frame.paragraphs for r in p.runs}
    want = {str(len(ITEMS)): 40, str(len(DONE)): 40, str(len(OPEN)): 40,
            fmt_rate(round(100 * len(DONE) / len(ITEMS), 1)): 40, str(sum(i[3] for i in ITEMS)): 40}
    for text, least in want.items():
        assert runs.get(text, 0) >= least, (text, runs.get(text))


@pytest.mark.parametrize("index, n", [(1, 1), (2, 1), (3, 2), (4, 1)])
def test_chart_slides_hold_pictures(pptx, index, n):
    slide = pptx.slides[index]
    pics = pictures(slide)
    assert len(pics) == n
    for pic in pics:   # inside the slide, below the title
        assert pic.left >= 0 and pic.top >= slide.shapes.title.top + slide.shapes.title.height
        assert pic.left + pic.width <= pptx.slide_width and pic.top + pic.height <= pptx.slide_height


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def test_chart_pictures_are_drawn(pptx):
    """Each PNG is a real drawing (many colours, not blank); the theme chart shows both statuses' colours."""
    for index in (1, 2, 3, 4):
        for pic in pictures(pptx.slides[index]):
            img = Image.open(io.BytesIO(pic.image.blob)).convert("RGB")
            assert img.width >= 1000 and img.height >= 400
            colours = img.getcolors(maxcolors=1 << 20)
            assert len(colours) > 100, f"slide {index + 1}: {len(colours)} colours"
            white = sum(n for n, c in colours if c == (255, 255, 255))
            assert white < 0.97 * img.width * img.height
    theme = Image.open(io.BytesIO(pictures(pptx.slides[2])[0].image.blob)).convert("RGB")
    counts = {c: n for n, c in theme.getcolors(maxcolors=1 << 20)}
    for status in ("done", "in_progress"):
        assert counts.get(_rgb(STATUS_COLORS[status]), 0) > 0.01 * theme.width * theme.height, status


def test_every_run_names_the_cjk_font(pptx):
    runs = [r for slide in pptx.slides for shape in slide.shapes
            for frame in ([shape.text_frame] if shape.has_text_frame else
                          [c.text_frame for row in shape.table.rows for c in row.cells] if shape.has_table else [])
            for p in frame.paragraphs for r in p.runs]
    assert len(runs) > 100
    for r in runs:
        rpr = r._r.find(qn("a:rPr"))
        assert rpr.find(qn("a:latin")).get("typeface") == deck.FONT
        assert rpr.find(qn("a:ea")).get("typeface") == deck.FONT, r.text


def test_land_and_discipline_figures_with_labels(pptx):
    def text(slide) -> str:
        return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)

    land = text(pptx.slides[3])
    assert f"{t('hl_recovered_wan')}\n{figure(20, '万元', '土地欠款'):g} {t('u_wan')}" in land
    assert f"{t('hl_land_mu')}\n{figure(18, '亩', '土地'):g} {t('u_mu')}" in land
    assert f"{t('hl_parcels')}\n{figure(18, '宗', '土地'):g} {t('u_parcels')}" in land
    discipline = text(pptx.slides[4])
    assert f"{t('hl_cases')}\n{figure(27, '件', '立案'):g}" in discipline
    assert f"{t('hl_case_people')}\n{figure(27, '人', '立案'):g}" in discipline
    # the seed names no other accountability: its card says —, not 0
    assert f"{t('hl_other_accountability_people')}\n—" in discipline


def test_notes_under_the_slides_say_what_each_number_is_made_of(pptx):
    notes = {n: pptx.slides[n].notes_slide.notes_text_frame.text for n in (1, 3, 4)}
    assert "按事项统计：事项 14/31" in notes[1]
    assert "＋ 土地欠款追缴 688万元（事项20）" in notes[3]
    assert notes[4].count("＋ ") == 5    # 立案8件, 立案8人 and the three sanctions of item 27


def test_open_items_with_their_latest_measure(pptx, seed):
    _, items, _ = seed
    rows = []
    for slide in list(pptx.slides)[5:]:
        (table,) = tables(slide)
        head, *body = cells(table)
        assert head == [t("col_no"), t("col_title"), t("deck_latest_measure")]
        rows += body
    assert [(int(r[0]), r[1]) for r in rows] == [(i[0], i[4]) for i in OPEN]
    latest = {int(n): m.split("\n")[-1] for n, m in zip(items["no"], items["measures"])}
    assert [r[2] for r in rows] == [latest[i[0]] for i in OPEN]


# --- paging the table: text stays inside the slide ------------------------------------------------
def test_split_table_keeps_every_row_in_order_within_the_height():
    long = "加强统筹，压实责任，" * 12
    table = deck.Table(["序号", "问题", "最新整改措施"], [0.8, 3.7, deck.BODY_W - 4.5],
                       [[str(n), f"问题{n}", long[: 20 + 7 * n]] for n in range(40)])
    parts = deck.split_table(table)
    assert len(parts) > 3
    assert [r for p in parts for r in p.rows] == table.rows
    for p in parts:
        height = deck._row_height(p.header, p.widths) + sum(deck._row_height(r, p.widths) for r in p.rows)
        assert height <= deck.BODY_H


def test_a_cell_too_long_for_any_slide_is_shortened():
    table = deck.Table(["序号", "措施"], [1.0, deck.BODY_W - 1.0], [["1", "措施" * 2000], ["2", "短"]])
    parts = deck.split_table(table)
    assert [len(p.rows) for p in parts] == [1, 1]
    assert parts[0].rows[0][1].endswith("…") and len(parts[0].rows[0][1]) < 4000
    assert deck._row_height(parts[0].header, parts[0].widths) + deck._row_height(parts[0].rows[0], parts[0].widths) \
        <= deck.BODY_H


# --- the PDF handout ------------------------------------------------------------------------------
def pdf_text(pdf) -> str:
    # Chromium's PDF maps a few Noto CJK glyphs to Kangxi radicals (西 → ⻄); the app's own reader undoes that.
    return fix_radicals("\n".join(p.extract_text() or "" for p in pdf.pages))


def under(page, label: str) -> str:
    """The word printed right below a card's label (its value); the cards come first, the notes below them."""
    words = page.extract_words()
    lab = min((w for w in words if fix_radicals(w["text"]) == label), key=lambda w: w["top"])
    below = [w for w in words if abs(w["x0"] - lab["x0"]) < 3 and w["top"] > lab["bottom"]]
    return min(below, key=lambda w: w["top"])["text"]


def test_pdf_holds_the_numbers_and_chinese_text(pdf):
    text = pdf_text(pdf)
    for label in (HEADER["title"], HEADER["publisher"], t("deck_metrics"), t("m_items"), t("m_done"),
                  t("m_in_progress"), t("deck_land"), t("deck_discipline"), t("deck_open"), t("hl_cases")):
        assert label in text, label
    assert "\ufffd" not in text and "□" not in text
    metrics = next(p for p in pdf.pages if t("deck_metrics") in fix_radicals(p.extract_text()))
    assert under(metrics, t("m_items")) == str(len(ITEMS))
    assert under(metrics, t("m_done")) == str(len(DONE))
    assert under(metrics, t("m_in_progress")) == str(len(OPEN))
    land = next(p for p in pdf.pages if fix_radicals(p.extract_text()).startswith(t("deck_land")))
    assert under(land, t("hl_recovered_wan")) == f"{figure(20, '万元', '土地欠款'):g}"
    assert under(land, t("hl_land_mu")) == f"{figure(18, '亩', '土地'):g}"
    assert "土地欠款追缴 688万元" in fix_radicals(land.extract_text())   # the note under the slide
    discipline = next(p for p in pdf.pages if fix_radicals(p.extract_text()).startswith(t("deck_discipline")))
    assert under(discipline, t("hl_cases")) == f"{figure(27, '件', '立案'):g}"
    for _, _, _, _, title in OPEN:   # a long title wraps inside its cell: its first dozen characters
        assert title[:12] in text, title


def test_pdf_pages_are_a4_landscape_with_the_charts(pdf):
    assert all(abs(p.width - 842) < 2 and abs(p.height - 595) < 2 for p in pdf.pages)
    assert sum(len(p.images) for p in pdf.pages) == 5


def test_handout_html_escapes_report_text():
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    d = deck.Deck("zh", hostile, [(hostile, hostile)], hostile, [
        deck.Slide(hostile, cards=[deck.Card(hostile, hostile, hostile)], empty=hostile),
        deck.Slide(hostile, table=deck.Table([hostile], [deck.BODY_W], [[hostile]]))])
    page = handout.to_html(d)
    assert "<script" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 8


# --- several reports, a filter, empty states ------------------------------------------------------
def test_two_reports_and_a_filter(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'two.sqlite3'}")
    store.ensure_bundled()
    store.import_text(seed_text() + "\n", "again.txt")   # the same report once more: a second library entry
    reports = store.list_reports()
    ids = tuple(int(i) for i in reports["id"])
    items = store.items_frame(ids)
    items = items[items["theme_no"] == 5]
    note = "当前筛选：主题：（五）"
    d = deck.deck_content(reports, items, store.quantities_frame(ids), "zh", note)
    assert d.title == t("deck_title_many", n=2) and ("", note) in d.facts and note in d.footer
    assert [s.title for s in d.slides][:2] == [t("deck_metrics"), t("ch_report_title")]
    assert d.open_table.header[0] == t("col_report")
    open5 = [i for i in OPEN if i[1] == 5]
    assert [int(r[1]) for r in d.open_table.rows] == [i[0] for i in open5] * 2


def test_empty_states_are_spelled_out(seed):
    reports, items, quantities = seed
    (slide,) = deck._open_items(deck.open_items_table(reports, items[items["status"] == "done"], "zh"), "zh")
    assert slide.table is None and slide.empty == t("deck_all_done")
    none = totals.headlines(reports, items, items, quantities.iloc[0:0])
    land = deck._land(none, "en")
    assert land.charts == [] and land.empty == t("no_land", "en")
    assert [c.value for c in land.cards] == ["—", "—", "—"]   # not stated is not 0
    discipline = deck._discipline(none, "zh")
    assert discipline.charts == [] and discipline.empty == t("no_discipline")


# --- without Chromium -----------------------------------------------------------------------------
def test_chromium_that_does_not_start_is_a_deck_error(seed, monkeypatch, tmp_path):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv(images.PATH_ENV, str(broken))
    with pytest.raises(deck.DeckError) as err:
        deck.build_pptx(*seed)
    assert err.value.code == "chromium_failed" and str(broken) in err.value.zh and str(broken) in err.value.en


def test_missing_chromium_is_a_deck_error_in_both_languages(seed, monkeypatch, tmp_path):
    missing = str(tmp_path / "no-chromium")
    monkeypatch.setenv(images.PATH_ENV, missing)
    with pytest.raises(images.ChromiumMissing):
        images.figure_png({"data": [], "layout": {}}, 100, 100)
    for build in (deck.build_pptx, deck.build_pdf):
        with pytest.raises(deck.DeckError) as err:
            build(*seed)
        assert err.value.code == "no_chromium"
        assert err.value.zh == t("err_no_chromium", "zh", path=missing) and "Chromium" in err.value.zh
        assert err.value.en == t("err_no_chromium", "en", path=missing)


def test_lib_deck_imports_without_chromium():
    env = {"PATH": "/nonexistent", images.PATH_ENV: "/nonexistent/chromium"}
    out = subprocess.run([sys.executable, "-c", "import lib.outputs.deck, lib.outputs.images; print('ok')"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


# --- the page (registered in dashboard.py as pages/meeting.py) ------------------------------------
def meeting(lang: str = "zh") -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def downloads(at) -> list:
    return at.get("download_button")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_builds_both_files(lang):
    at = meeting(lang)
    assert not downloads(at)
    at.button(key="deck_build_pptx").click().run()
    assert not at.exception and not at.error
    assert len(downloads(at)) == 1
    at.button(key="deck_build_pdf").click().run()
    assert not at.exception and not at.error
    assert len(downloads(at)) == 2   # the slides' button stays


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_without_chromium_shows_the_error(monkeypatch, tmp_path, lang):
    missing = str(tmp_path / "no-chromium")
    monkeypatch.setenv(images.PATH_ENV, missing)
    at = meeting(lang)
    at.button(key="deck_build_pdf").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("err_no_chromium", lang, path=missing)]
    assert not downloads(at)


def test_a_round_summary_draws_its_stated_totals_on_the_metrics_slide(tmp_path):
    """A county's round summary lists no items: the metrics slide shows — for them and draws the totals it
    states, not "no items match the filter"."""
    store = Store(f"sqlite:///{tmp_path}/library.sqlite3")
    genre = Path(__file__).parents[1] / "fixtures" / "genre"
    [res] = store.import_files([("w01.txt", (genre / "w01.txt").read_bytes())])
    ids = (res.report_id,)
    reports = store.list_reports()
    content = deck.deck_content(reports[reports["id"].isin(ids)], store.items_frame(ids), store.quantities_frame(ids))
    slide = next(s for s in content.slides if s.title == "主要指标")
    assert {c.label: c.value for c in slide.cards}["整改事项"] == "—"
    assert slide.empty is None and len(slide.charts) == 1


NO_CJK_RENDER = """
import sys
sys.path.insert(0, {root!r})
import plotly.graph_objects as go
from lib.outputs import images
fig = go.Figure(go.Bar(x=[3, 5], y=["完成", "阶段性完成"], orientation="h"), layout=dict(title="各主题整改完成情况"))
sys.stdout.buffer.write(images.figure_png(fig, 600, 300, scale=1))
"""


def test_a_charts_chinese_is_drawn_with_a_chinese_font(tmp_path):
    """The chart PNG the deck uses, against the same chart drawn where fontconfig knows no Chinese font (only a
    Latin one): the Chinese must come out different from the empty boxes drawn there. Fails on a machine
    without fonts-noto-cjk."""
    import shutil

    files = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True).stdout
    latin = next((f for f in files.splitlines() if f.endswith(".ttf") and "cjk" not in f.lower()), None)
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    if latin:                     # else no font at all: the Chinese is not drawn there either
        shutil.copy(latin, fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
                    f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    script = NO_CJK_RENDER.format(root=str(ROOT))
    ours = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, timeout=120).stdout
    boxes = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, timeout=120,
                           env={**os.environ, "FONTCONFIG_FILE": str(conf)}).stdout
    a, b = (Image.open(io.BytesIO(png)).convert("L") for png in (ours, boxes))
    assert a.size == b.size
    top = (0, 0, a.width, a.height // 5)          # the title's band
    diff = sum(1 for p, q in zip(a.crop(top).tobytes(), b.crop(top).tobytes()) if abs(p - q) > 40)
    assert diff > 200, diff
