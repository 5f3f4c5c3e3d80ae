"""整改看板: the frame — page config, navigation, the shared sidebar (language, reports, filters), then the page."""
from __future__ import annotations

import streamlit as st

import ui
from lib.views.labels import STATUS_ORDER, status_label, t

st.set_page_config(page_title="整改看板", page_icon="📋", layout="wide")

ui.start_run()
ui.seed_from_url()
with st.sidebar:
    st.segmented_control("语言 / Language", list(ui.LANG_OPTIONS), key=ui.KEY_LANG, required=True)
lang = ui.lang()

# (file, title key, icon, url path, public): in public mode (RECTIFY_PUBLIC=1) only the read-only pages
# are registered at all, so no link or typed URL reaches the analysts' tools.
PAGES = [
    ("pages/overview.py", "page_overview", ":material/dashboard:", "overview", True),
    ("pages/items.py", "page_items", ":material/table_rows:", "items", False),
    ("pages/land.py", "page_land", ":material/landscape:", "land", True),
    ("pages/discipline.py", "page_discipline", ":material/gavel:", "discipline", True),
    ("pages/timeline.py", "page_timeline", ":material/timeline:", "timeline", False),
    ("pages/compare.py", "page_compare", ":material/compare_arrows:", "compare", False),
    ("pages/bigscreen.py", "page_bigscreen", ":material/tv:", "bigscreen", True),
    # not public: each click runs Chromium on the server
    ("pages/meeting.py", "page_meeting", ":material/slideshow:", "meeting", False),
    ("pages/library.py", "page_library", ":material/library_books:", "library", False),
    ("pages/corrections.py", "page_corrections", ":material/edit_note:", "corrections", False),
]
public = ui.public_mode()
# the menu .streamlit/config.toml hides until this point (a fresh server's first paint would list pages/'s files)
st.set_option("client.showSidebarNavigation", True)
page = st.navigation([
    st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=(n == 0))
    for n, (path, title, icon, url, is_public) in enumerate(PAGES) if is_public or not public
])

all_reports = ui.reports()
report_names = {str(r.id): f"{r.publisher or r.title or r.filename}（{r.report_date or '—'}）"
                for r in all_reports.itertuples()}
latest = [str(all_reports["id"].max())] if len(all_reports) else []
ui.keep_valid(ui.KEY_REPORT, list(report_names), default=latest)

with st.sidebar:
    st.multiselect(t("reports", lang), list(report_names), key=ui.KEY_REPORT,
                   format_func=lambda k: report_names.get(k, k), placeholder=t("choose_reports", lang))

items_all = ui.load_frame("items", ui.selected_report_ids())
themes = items_all.dropna(subset=["theme_no"]).drop_duplicates("theme_no")[["theme_no", "theme_short"]]
theme_names = {str(int(n)): s for n, s in zip(themes["theme_no"], themes["theme_short"])}
ui.keep_valid(ui.KEY_THEME, list(theme_names))


def _clear_filters() -> None:
    st.session_state[ui.KEY_STATUS] = []
    st.session_state[ui.KEY_THEME] = []
    st.session_state[ui.KEY_QUERY] = ""


with st.sidebar:
    st.subheader(t("filters", lang))
    st.multiselect(t("status", lang), list(STATUS_ORDER), key=ui.KEY_STATUS,
                   format_func=lambda s: status_label(s, lang), placeholder="")
    st.multiselect(t("theme", lang), list(theme_names), key=ui.KEY_THEME,
                   format_func=lambda n: theme_names.get(n, n), placeholder="")
    st.text_input(t("keyword", lang), key=ui.KEY_QUERY, help=t("keyword_help", lang))
    st.button(t("clear_filters", lang), on_click=_clear_filters, icon=":material/filter_alt_off:")
    st.caption(t("share_hint", lang))

ui.write_url()

if all_reports.empty and page.url_path != "library":
    st.info(t("no_reports", lang))
else:
    # The overview opens with its report card and the big screen is a display of its own; every other page
    # says what it is, for a projector with the sidebar collapsed.
    if page.url_path not in ("", "bigscreen"):
        st.header(page.title, anchor=False)
    ui.run_page(page)
