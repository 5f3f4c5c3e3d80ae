"""报告库, 对比 and 更正 through AppTest: uploads in every format, several reports, corrections and conflicts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.library.store import Store
from tests import makers
from tests.seed_facts import ITEMS
from tests.app.test_app import app, metrics

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
SEED = makers.seed_text()


def later_round(text: str = SEED) -> str:
    """The seed's publisher one round later: item 20 done with more money, item 31 gone, a new item."""
    t = text.replace("2023年12月19日", "2024年6月30日")
    t = t.replace("20.土地欠款催缴不力。\n\n整改结果：阶段性完成", "20.土地欠款催缴不力。\n\n整改结果：完成")
    t = t.replace("完成688万元土地欠款", "完成900万元土地欠款")
    t = t.replace("31.近年巡视巡察、审计和环保督察反馈问题整改不到位。", "31.新发现的招商引资合同管理不规范问题。")
    return t


UPLOADS = {
    "txt (GB18030)": lambda: ("seed.txt", SEED.encode("gb18030"), "text/plain"),
    "docx": lambda: ("seed.docx", makers.to_docx(SEED), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": lambda: ("seed.html", makers.to_html(SEED).encode("utf-8"), "text/html"),
    "pdf": lambda: ("seed.pdf", makers.to_pdf(SEED), "application/pdf"),
}


@pytest.mark.parametrize("fmt", UPLOADS)
def test_upload_preview_and_save_every_format(fmt):
    at = app()
    at.switch_page("pages/library.py").run()
    name, data, mime = UPLOADS[fmt]()
    at.file_uploader(key="uploads").set_value((name, later_round_bytes(name, data), mime)).run()
    assert not at.exception and not at.error
    assert metrics(at)["事项"] == "31"
    at.button[0].click().run()   # 保存到报告库
    assert at.success and "已保存 1 份报告" in at.success[0].value
    reports = Store().list_reports()
    assert len(reports) == 2 and reports["n_items"].tolist() == [31, 31]


def later_round_bytes(name: str, data: bytes) -> bytes:
    """The upload is the later round (different content from the bundled seed), in the same format."""
    text = later_round()
    if name.endswith(".txt"):
        return text.encode("gb18030")
    if name.endswith(".docx"):
        return makers.to_docx(text)
    if name.endswith(".html"):
        return makers.to_html(text).encode("utf-8")
    return makers.to_pdf(text)


def test_same_file_twice_adds_nothing():
    at = app()
    at.switch_page("pages/library.py").run()
    at.file_uploader(key="uploads").set_value(("seed.txt", SEED.encode("utf-8"), "text/plain")).run()
    at.button[0].click().run()
    assert "已保存 0 份报告（1 份此前已在库中）" in at.success[0].value
    assert len(Store().list_reports()) == 1


def test_a_broken_file_blocks_the_save_and_changes_nothing():
    at = app()
    at.switch_page("pages/library.py").run()
    at.file_uploader(key="uploads").set_value([
        ("good.txt", later_round().encode("utf-8"), "text/plain"),
        ("broken.docx", b"PK\x03\x04 not a zip", "application/octet-stream"),
    ]).run()
    assert any("Word 文档已损坏" in e.value for e in at.error)
    assert at.button[0].disabled                     # 保存 stays off while a file cannot be read
    assert not at.exception
    assert len(Store().list_reports()) == 1


def test_several_reports_and_the_compare_page():
    store = Store()
    store.ensure_bundled()
    later = store.import_text(later_round(), "later.txt").report_id
    at = app(report=["1", str(later)])
    m = metrics(at)
    assert m["整改事项"] == "62"
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    m = metrics(at)
    assert m["阶段性完成 → 完成"] == "1" and m["新增事项"] == "1" and m["不再出现"] == "1"
    tables = [d.value for d in at.dataframe]
    rounds = next(tb for tb in tables if "数字有变" in tb)
    changed = rounds[rounds["数字有变"]]
    assert changed["问题"].tolist() == ["土地欠款催缴不力"]
    assert "900" in changed["现数字"].iloc[0] and "688" in changed["原数字"].iloc[0]
    side = next(tb for tb in tables if "追缴/收回（万元）" in tb)
    assert sorted(side["追缴/收回（万元）"].tolist()) == [688.0, 900.0]
    # over both rounds the later round's 900 for the same problem holds the earlier 688: counted once
    assert metrics(at)["追回资金（万元）"] == "900"


def test_report_choice_in_url_and_every_page_on_two_reports():
    store = Store()
    store.ensure_bundled()
    later = store.import_text(later_round(), "later.txt").report_id
    at = app(report=["1", str(later)])
    for page in ["pages/items.py", "pages/land.py", "pages/discipline.py", "pages/timeline.py", "pages/corrections.py"]:
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.multiselect(key="report").value == ["1", str(later)]
    at.switch_page("pages/land.py").run()
    # the same problem's figure in two rounds of one publisher: the later round's, once
    assert metrics(at)["追回资金（万元）"] == "900"


def correct_status(at, item_label: str, status: str, reason: str = "复核") -> AppTest:
    at.selectbox(key="corr_item").select(item_label).run()
    at.radio(key="corr_field").set_value("status").run()
    at.selectbox(key="corr_new_status").set_value(status)
    at.text_input(key="corr_reason").set_value(reason)
    return at.button[0].click().run()


def test_correction_shows_everywhere_and_can_be_restored():
    at = app()
    at.switch_page("pages/corrections.py").run()
    item20 = next(o for o in at.selectbox(key="corr_item").options if o.startswith("20."))
    correct_status(at, item20, "done", "2024年复核确认已全部追缴")
    assert at.success and at.success[0].value == "已保存更正"
    history = at.dataframe[0].value
    assert history["新值"].tolist() == ["完成"] and history["原值"].tolist() == ["阶段性完成"]
    assert history["字段"].tolist() == ["整改状态"] and history["理由"].tolist() == ["2024年复核确认已全部追缴"]
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["已完成"] == "15"
    at.switch_page("pages/corrections.py").run()
    at.selectbox(key="corr_item").select(item20).run()
    at.text_input(key="corr_reason").set_value("撤回")
    at.button[1].click().run()                      # 恢复为解析值
    assert at.success[0].value == "已恢复为解析值"
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["已完成"] == str(sum(1 for i in ITEMS if i[2] == "done"))


def test_two_sessions_correcting_the_same_item_conflict():
    first, second = app(), app()
    for at in (first, second):
        at.switch_page("pages/corrections.py").run()
        item = next(o for o in at.selectbox(key="corr_item").options if o.startswith("18."))
        at.selectbox(key="corr_item").select(item).run()     # both open the form on the same version
    correct_status(first, item, "done", "甲的更正")
    assert first.success
    correct_status(second, item, "not_done", "乙的更正")
    assert second.error and "已被他人更正" in second.error[0].value
    history = Store().history()
    assert history["reason"].tolist() == ["甲的更正"]           # nothing silently overwritten


def test_empty_reason_is_refused():
    at = app()
    at.switch_page("pages/corrections.py").run()
    correct_status(at, at.selectbox(key="corr_item").options[0], "done", "")
    assert at.error and at.error[0].value == "请填写更正理由"
    assert Store().history().empty


def test_after_saving_the_new_report_is_chosen():
    at = app()
    at.switch_page("pages/library.py").run()
    at.file_uploader(key="uploads").set_value(("later.txt", later_round().encode("utf-8"), "text/plain")).run()
    at.button[0].click().run()
    assert not at.exception
    at.run()
    assert at.multiselect(key="report").value == ["2"]


def genre_report_app(name: str, page: str) -> AppTest:
    """The app on one genre fixture, imported beside the bundled report."""
    store = Store()
    store.ensure_bundled()
    text = (Path(__file__).parents[1] / "fixtures" / "genre" / name).read_text(encoding="utf-8")
    at = app(report=str(store.import_text(text, name).report_id))
    at.switch_page(page).run()
    return at


def test_land_totals_count_a_repeated_figure_once_and_say_so():
    # h01's opening states the 412.5 万元 and 9.36 万元 that its items state again
    at = genre_report_app("h01.txt", "pages/land.py")
    assert metrics(at)["追回资金（万元）"] == "421.86"
    assert any("只计一次" in c.value for c in at.caption)
    table = next(d.value for d in at.dataframe if "归入合计" in d.value)
    assert len(table) == 4          # the table still lists every figure, each with the total it adds to or why not
    assert sorted(table["归入合计"]) == sorted(["－ 重复事项2的数字", "－ 重复事项4的数字", "追回资金", "追回资金"])
    seed = app(report="1")
    seed.switch_page("pages/land.py").run()
    assert not any("只计一次" in c.value for c in seed.caption)


def correct_figure(at, item_label: str, figure_prefix: str, field: str, value, reason: str) -> AppTest:
    at.selectbox(key="corr_item").select(item_label).run()
    figure = next(o for o in at.selectbox(key="corr_anchor").options if o.startswith(figure_prefix))
    at.selectbox(key="corr_anchor").select(figure).run()
    at.radio(key="corr_ffield").set_value(field).run()
    at.selectbox(key=f"corr_fnew_{field}").set_value(value)
    at.text_input(key="corr_freason").set_value(reason)
    return next(b for b in at.button if b.label == "保存更正" and "figure" in b.id).click().run()


def test_an_analyst_excludes_a_figure_from_its_total_and_moves_another(monkeypatch):
    at = app()
    at.switch_page("pages/corrections.py").run()
    item18 = next(o for o in at.selectbox(key="corr_item").options if o.startswith("18."))
    correct_figure(at, item18, "网上公开招拍挂土地：204.01", "counted", "exclude", "面积含已注销地块，待核实")
    assert at.success and at.success[0].value == "已保存更正"
    assert any("当前计入：处置土地：不计入（分析人员更正：不计入）" in c.value for c in at.caption)
    item20 = next(o for o in at.selectbox(key="corr_item").options if o.startswith("20."))
    correct_figure(at, item20, "土地欠款追缴：688", "headline", "none", "为台账数，非本期追缴")
    assert at.success
    at.switch_page("pages/land.py").run()
    m = metrics(at)
    assert (m["追回资金（万元）"], m["处置土地（亩）"]) == ("—", "—")        # left out by the analyst: not stated, never 0
    at.session_state["land_land_mu"] = True      # open the land total's 构成
    at.run()
    popovers = {p.proto.popover.label: p for p in at.get("popover")}
    left = popovers["计入 0 · 未计入 1"].dataframe[-1].value
    assert left["未计入原因"].tolist() == ["分析人员更正：不计入"]
    # the public instance shows the corrected numbers, without the correction history
    monkeypatch.setenv("RECTIFY_PUBLIC", "1")
    public = app()
    assert metrics(public)["处置土地（亩）"] == "—" and metrics(public)["追回资金（万元）"] == "—"
    monkeypatch.delenv("RECTIFY_PUBLIC")
    at.switch_page("pages/corrections.py").run()
    at.selectbox(key="corr_item").select(item18).run()
    at.selectbox(key="corr_anchor").select(next(o for o in at.selectbox(key="corr_anchor").options
                                                if o.startswith("网上公开招拍挂土地：204.01"))).run()
    at.radio(key="corr_ffield").set_value("counted").run()
    at.text_input(key="corr_freason").set_value("核实无误")
    next(b for b in at.button if b.label == "恢复为解析值" and "figure" in b.id).click().run()
    assert at.success[0].value == "已恢复为解析值"
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["处置土地（亩）"] == "204.01"


def test_the_openings_figures_can_be_corrected_too():
    at = genre_report_app("h01.txt", "pages/corrections.py")
    summary = next(o for o in at.selectbox(key="corr_item").options if o.startswith("综述"))
    at.selectbox(key="corr_item").select(summary).run()
    assert any("综述不是事项" in i.value for i in at.info)
    # the opening's 412.5万元 repeats item 2's; an analyst counts the opening's instead of the item's
    correct_figure(at, summary, "收回结余结转资金：412.5", "counted", "include", "以综述口径为准")
    correct_figure(at, next(o for o in at.selectbox(key="corr_item").options if o.startswith("2.")),
                   "收回结余结转资金：412.5", "counted", "exclude", "以综述口径为准")
    at.switch_page("pages/land.py").run()
    assert metrics(at)["追回资金（万元）"] == "421.86"
    table = next(d.value for d in at.dataframe if "归入合计" in d.value)
    assert sorted(table["归入合计"]) == sorted(["追回资金", "－ 分析人员更正：不计入", "－ 重复事项4的数字", "追回资金"])


def test_a_task_total_report_shows_its_stated_rate_and_says_so():
    # t01 states its progress only as tasks (…细化为85项整改任务，已完成79项，其余6项需长期推进): not 0%
    at = genre_report_app("t01.txt", "pages/overview.py")
    m = metrics(at)
    assert (m["完成率"], m["已完成（任务）"], m["阶段性完成（任务）"]) == ("92.9%", "79", "6")
    assert any(c.value.replace("\\", "") == "据报告所述：整改任务 79/85" for c in at.caption)
    donut = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert donut["layout"]["title"]["text"] == "整改任务完成情况（据报告所述）"


def test_a_round_summary_shows_what_it_states_and_no_zero_for_the_items_it_does_not_list():
    # w01 sums up a county's whole round: no item list, 265 problems, 243 done, 786 measures
    at = genre_report_app("w01.txt", "pages/overview.py")
    m = metrics(at)
    assert (m["整改事项"], m["已完成（问题）"], m["完成率"], m["整改措施"]) == ("—", "243", "91.7%", "786")
    assert not any("没有符合条件的事项" in i.value for i in at.info)
    assert any("报告未逐项列出问题" in i.value for i in at.info)
    donut = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert donut["layout"]["title"]["text"] == "问题完成情况（据报告所述）"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_ledger_spreadsheet_imports_and_shows_who_and_by_when_with_its_lights():
    at = app()
    at.switch_page("pages/library.py").run()
    at.file_uploader(key="uploads").set_value(("tz.xlsx", makers.forestry_ledger(), XLSX)).run()
    assert not at.exception and not at.error
    assert metrics(at)["事项"] == "6"
    at.button[0].click().run()
    assert at.success and "已保存 1 份报告" in at.success[0].value
    at.switch_page("pages/items.py").run()
    assert not at.exception and not at.error
    m = metrics(at)
    # counted from the ledger's own 截至时间 2024-06-30: items 3 and 6 fall due later, item 2 (长期坚持) has no light
    assert (m["逾期未完成"], m["30天内到期"], m["按期推进"], m["已完成"]) == ("0", "0", "2", "3")
    table = at.dataframe[0].value
    assert table["责任单位"].tolist() == ["办公室", "林长办", "防火股", "办公室", "资源股", "机关党委"]
    assert table["整改时限"].tolist()[:2] == ["2024年3月底前", "长期坚持"]
    assert table["期限状态"].tolist() == ["已完成", "", "按期推进", "已完成", "已完成", "按期推进"]
    at.date_input(key="as_of").set_value("2024-10-15").run()
    m = metrics(at)
    assert (m["逾期未完成"], m["30天内到期"], m["按期推进"]) == ("1", "0", "1")   # item 6 (9月) is overdue now
    at.switch_page("pages/overview.py").run()
    assert not at.exception and metrics(at)["逾期未完成"] in ("0", "1")


def test_a_spreadsheet_without_known_columns_is_mapped_by_hand_then_saved():
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    for row in (["编码", "存在的不足", "做了什么", "进度"], ["A-1", "制度执行不严", "修订制度3项", "已完成"],
                ["A-2", "台账不全", "补齐台账", "正在推进"]):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    at = app()
    at.switch_page("pages/library.py").run()
    at.file_uploader(key="uploads").set_value(("odd.xlsx", buf.getvalue(), XLSX)).run()
    assert not at.exception
    assert "请在下方指定各列含义" in at.error[0].value
    assert [s.label for s in at.selectbox if s.key.startswith("colmap:")] == ["编码", "存在的不足", "做了什么", "进度"]
    before = len(Store().list_reports())
    at.selectbox(key="colmap:odd.xlsx:1").set_value("problem").run()
    at.selectbox(key="colmap:odd.xlsx:3").set_value("status").run()
    assert not at.error and metrics(at)["事项"] == "2"
    at.button[0].click().run()
    assert at.success and len(Store().list_reports()) == before + 1


# ---------------------------------------------------------------------------
# A report by its web address, served by a real HTTP server on loopback


@pytest.fixture
def web(monkeypatch):
    from tests.webserver import Answer, Server
    monkeypatch.setenv("RECTIFY_ALLOW_PRIVATE_URLS", "1")     # the loopback server is a private address
    s = Server()
    # the later round as a site publishes it: GBK, the charset in the header only
    page = makers.to_html(later_round()).replace('<meta charset="utf-8">', "")
    s.routes["/tzgg/later.html"] = Answer(page.encode("gb18030"), headers={"Content-Type": "text/html; charset=GBK"})
    yield s
    s.close()


def import_url(at: AppTest, url: str) -> AppTest:
    at.text_input(key="url").set_value(url).run()
    return at.button(key="fetch_url").click().run()


def test_a_report_imported_by_its_web_address(web):
    at = app()
    at.switch_page("pages/library.py").run()
    import_url(at, web.url("/tzgg/later.html"))
    assert not at.exception and not at.error
    assert at.success and at.success[0].value.startswith("已从网页保存：") and "事项 31 个" in at.success[0].value
    reports = Store().list_reports()
    assert reports["filename"].tolist()[-1] == web.url("/tzgg/later.html") and reports["n_items"].tolist() == [31, 31]
    assert web.url("/tzgg/later.html") in at.dataframe[-1].value["文件"].tolist()   # the library shows the address
    at.run()
    assert at.multiselect(key="report").value == ["2"]                            # and the new report is chosen
    import_url(at, web.url("/tzgg/later.html"))
    assert "已在库中（编号 2）" in at.success[0].value and len(Store().list_reports()) == 2


@pytest.mark.parametrize("lang, path, words", [
    ("zh", "/tzgg/gone.html", "网站返回错误 404"),
    ("en", "/tzgg/gone.html", "the site answered with error 404"),
    ("en", "ftp://example.cn/a.pdf", "only http:// and https://"),
    ("zh", "", "请先填写网页地址"),
])
def test_a_web_address_that_fails_says_why_in_one_line(web, lang, path, words):
    at = app(lang=lang) if lang == "en" else app()
    at.switch_page("pages/library.py").run()
    import_url(at, web.url(path) if path.startswith("/") else path)
    assert not at.exception and not at.success
    [error] = at.error
    shown = error.value.replace("\\", "")          # the message is escaped for Markdown
    assert words in shown and "\n" not in shown
    assert len(Store().list_reports()) == 1


def test_a_scanned_page_is_read_by_ocr_and_says_so():
    """A photo of a page (PNG): the preview reads it by OCR, says the text came from OCR, and it saves."""
    page = ("\n".join(SEED.split("\n")[:6]) + "\n1.学习贯彻不够深入。\n整改结果：完成\n2.违规发放津补贴。"
            "\n整改措施：清退违规发放津补贴12.5万元。\n整改结果：正在推进")
    png = makers.scan_image(makers.scan_pages(page)[0])
    at = app()
    at.switch_page("pages/library.py").run(timeout=180)
    at.file_uploader(key="uploads").set_value(("scan.png", png, "image/png")).run(timeout=180)
    assert not at.exception and not at.error
    assert any("文字由 OCR 识别（1 页）" in i.value for i in at.info)
    assert metrics(at)["事项"] == "2"
    at.button[0].click().run(timeout=180)
    assert at.success and "已保存 1 份报告" in at.success[0].value
    # the library keeps where the scan's text was read: the item page gives each figure's page
    rid = int(Store().list_reports()["id"].max())
    assert Store().ocr(rid).pages == 1
    at.switch_page("pages/items.py").run()
    at.selectbox(key="item").set_value(f"{rid}:2").run()
    assert not at.exception
    assert any("文字由 OCR 识别（1 页）" in c.value for c in at.caption)
    figs = at.dataframe[-1].value
    assert figs["页码"].tolist() == [1] and figs["数字"].tolist() == ["12.5万元"]
    # beside the figure's sentence, the strip of the page it was read from
    [strip] = at.get("image")
    assert strip.proto.imgs[0].caption == "扫描件第 1 页（红框为识别出该数字的行）"
    assert any("清退违规发放津补贴12.5万元" in m.value.replace("\\", "") for m in at.markdown)
