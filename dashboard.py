"""整改看板: the frame — page config, navigation, the shared sidebar (language and filters), then the page."""
from __future__ import annotations

import streamlit as st

from lib.labels import STATUS_ORDER, status_label, t
from pages import common

st.set_page_config(page_title="整改看板", page_icon="📋", layout="wide")

common.seed_from_url()
with st.sidebar:
    st.segmented_control("语言 / Language", list(common.LANG_OPTIONS), key=common.KEY_LANG, required=True)
lang = common.lang()

PAGES = [
    st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("pages/items.py", title=t("page_items", lang), icon=":material/table_rows:", url_path="items"),
    st.Page("pages/land.py", title=t("page_land", lang), icon=":material/landscape:", url_path="land"),
    st.Page("pages/discipline.py", title=t("page_discipline", lang), icon=":material/gavel:", url_path="discipline"),
    st.Page("pages/timeline.py", title=t("page_timeline", lang), icon=":material/timeline:", url_path="timeline"),
]
page = st.navigation(PAGES)

reports, failed = common.load_bundled()
for f in failed:
    st.sidebar.warning(t("load_error", lang, name=f.name, msg=f.en if lang == "en" else f.zh))

items_all = common.load_frames(common.selected_report_ids())[0]
themes = (items_all.dropna(subset=["theme_no"]).drop_duplicates("theme_no")[["theme_no", "theme_short"]])
theme_names = {str(int(n)): s for n, s in zip(themes["theme_no"], themes["theme_short"])}
common.keep_valid_themes(theme_names)


def _clear_filters() -> None:
    st.session_state[common.KEY_STATUS] = []
    st.session_state[common.KEY_THEME] = []
    st.session_state[common.KEY_QUERY] = ""


with st.sidebar:
    st.subheader(t("filters", lang))
    st.multiselect(t("status", lang), list(STATUS_ORDER), key=common.KEY_STATUS,
                   format_func=lambda s: status_label(s, lang), placeholder="")
    st.multiselect(t("theme", lang), list(theme_names), key=common.KEY_THEME,
                   format_func=lambda n: theme_names.get(n, n), placeholder="")
    st.text_input(t("keyword", lang), key=common.KEY_QUERY, help=t("keyword_help", lang))
    st.button(t("clear_filters", lang), on_click=_clear_filters, icon=":material/filter_alt_off:")
    st.caption(t("share_hint", lang))

common.write_url()

if not reports:
    st.info(t("no_reports", lang))
else:
    common.run_page(page)
