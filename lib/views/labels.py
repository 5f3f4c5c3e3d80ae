"""Every string the app itself writes, in 中文 and English; report text is never translated."""
from __future__ import annotations

import pandas as pd

LANGS = ("zh", "en")

STATUS_ORDER = ("done", "in_progress", "not_done", "unknown")

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, the same in every chart.
STATUS_COLORS = {"done": "#009E73", "in_progress": "#E69F00", "not_done": "#D55E00", "unknown": "#8C8C8C"}

_T: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("整改看板", "Rectification dashboard"),
    "language": ("语言", "Language"),
    "filters": ("筛选", "Filters"),
    "status": ("整改状态", "Status"),
    "theme": ("反馈问题主题", "Feedback theme"),
    "keyword": ("关键词", "Keyword"),
    "keyword_help": ("在事项标题、整改措施和数字中查找", "Searches item titles, measures and figures"),
    "report": ("报告", "Report"),
    "reports": ("报告", "Reports"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "filter_caption": ("当前筛选：{desc}", "Filtered by: {desc}"),
    "no_filter": ("全部事项", "all items"),
    "share_hint": ("复制浏览器地址即可分享当前筛选视图", "Copy the address bar to share this filtered view"),
    # pages
    "page_overview": ("总览", "Overview"),
    "page_items": ("事项明细", "Items"),
    "page_land": ("土地与资金", "Land and funds"),
    "page_discipline": ("执纪问责", "Discipline"),
    "page_timeline": ("时间线", "Timeline"),
    "page_compare": ("对比", "Compare"),
    "page_library": ("报告库", "Library"),
    "page_corrections": ("更正", "Corrections"),
    "choose_reports": ("选择报告", "Choose reports"),
    "n_reports": ("已选 {n} 份报告", "{n} reports selected"),
    "no_themes": ("该报告未分主题", "This report has no themes"),
    "ch_report_title": ("各报告整改完成情况（事项数）", "Completion by report (number of items)"),
    "ch_report_title_lowest": ("完成率最低的 {n} 份报告（事项数）", "The {n} least complete reports (number of items)"),
    "ch_rate_title": ("整改完成率（%）", "Completion rate (%)"),
    "ch_recovered_title": ("追缴/收回资金（万元）", "Money recovered (10k yuan)"),
    # compare page
    "compare_pick": ("请在侧栏选择两份或更多报告进行对比", "Choose two or more reports in the sidebar to compare them"),
    "compare_table": ("报告对比", "Reports side by side"),
    "c_items": ("事项", "Items"), "c_done": ("完成", "Done"), "c_in_progress": ("阶段性完成", "In progress"),
    "c_not_done": ("未完成", "Not done"), "c_unknown": ("未说明", "Not stated"), "c_rate": ("完成率", "Rate"),
    "c_recovered": ("追缴/收回（万元）", "Recovered (10k yuan)"), "c_money": ("资金合计（万元）", "All money (10k yuan)"),
    "c_land": ("土地（亩）", "Land (mu)"), "c_parcels": ("宗地", "Parcels"), "c_cases": ("立案（件）", "Cases"),
    "c_case_people": ("立案（人）", "People investigated"), "c_disciplined": ("党纪政务处分（人）", "Disciplined"),
    "c_other_accountability": ("其他问责（人）", "Other accountability"), "c_rate_source": ("完成率来源", "Rate from"),
    "compare_note": ("空白表示报告未提及（不是 0）；各报告的数字分别只计一次，下方合计同时去除了同一单位前后两轮报告中重复的数字",
                     "A blank means the report does not say (not 0); each report's figures count once, and the totals "
                     "below also count once a figure two rounds of one publisher both report"),
    "c_publisher": ("发布单位", "Publisher"), "c_date": ("通报时间", "Report date"),
    "rounds": ("两轮整改进展（同一发布单位）", "Progress between rounds (same publisher)"),
    "rounds_none": ("所选报告中没有同一单位的两份报告", "The chosen reports hold no two reports of one publisher"),
    "rounds_publisher": ("发布单位", "Publisher"),
    "rounds_before": ("前一轮", "Earlier report"), "rounds_after": ("后一轮", "Later report"),
    "ch_completed": ("阶段性完成 → 完成", "In progress → done"), "ch_progressed": ("有进展", "Progressed"),
    "ch_regressed": ("状态倒退", "Went back"), "ch_unchanged": ("未变", "Unchanged"),
    "ch_new": ("新增事项", "New items"), "ch_gone": ("不再出现", "No longer listed"),
    "r_change": ("变化", "Change"), "r_no_before": ("原序号", "No. before"), "r_no_after": ("现序号", "No. after"),
    "r_title": ("问题", "Problem"), "r_status_before": ("原状态", "Status before"),
    "r_status_after": ("现状态", "Status after"), "r_fig_before": ("原数字", "Figures before"),
    "r_fig_after": ("现数字", "Figures after"), "r_fig_changed": ("数字有变", "Figures changed"),
    # library page
    "upload": ("上传报告（可多选）", "Upload reports (several at once)"),
    "upload_help": ("支持 .txt .docx .pdf（含扫描版）.html、整改台账 .xlsx .xls .et .csv 及页面图片 .png .jpg，单个文件不超过 20 MB",
                    "Accepts .txt .docx .pdf (scans too) .html, ledgers as .xlsx .xls .et .csv and page pictures "
                    ".png .jpg, up to 20 MB each"),
    "preview": ("解析预览", "Parsed preview"),
    "save": ("保存到报告库", "Save to the library"),
    "saved": ("已保存 {n} 份报告（{dup} 份此前已在库中）", "Saved {n} reports ({dup} were already in the library)"),
    "import_failed": ("导入失败，报告库未作任何改动：{msg}", "Import failed; the library is unchanged: {msg}"),
    "library_table": ("库中的报告", "Reports in the library"),
    "url": ("网页地址", "Web address"),
    "url_help": ("粘贴通报所在网页的地址（http:// 或 https://）；网页只有附件时读取附件",
                 "Paste the address of the report's web page (http:// or https://); a page that only links "
                 "an attachment is read through it"),
    "url_save": ("读取网页并保存", "Read the page and save"),
    "url_empty": ("请先填写网页地址", "Enter a web address first"),
    "url_saved": ("已从网页保存：{title}（事项 {n} 个）", "Saved from the web page: {title} ({n} items)"),
    "url_known": ("该网页的报告已在库中（编号 {id}）", "This page's report is already in the library (ID {id})"),
    "l_id": ("编号", "ID"), "l_file": ("文件", "File"), "l_title": ("标题", "Title"), "l_items": ("事项", "Items"),
    "l_done": ("完成", "Done"), "l_imported": ("导入时间", "Imported"),
    "reparse": ("用当前解析器重新解析全部报告", "Re-parse every report with the current parser"),
    "reparsed": ("已重新解析 {n} 份报告；更正保持不变", "Re-parsed {n} reports; corrections kept"),
    "pv_items": ("事项", "Items"), "pv_themes": ("主题", "Themes"), "pv_figures": ("数字", "Figures"),
    # corrections page
    "corr_pick_report": ("报告", "Report"),
    "corr_pick_item": ("事项", "Item"),
    "corr_item": ("更正事项", "Correct the item"),
    "corr_figure": ("更正数字", "Correct a figure"),
    "corr_field": ("字段", "Field"),
    "corr_new": ("更正为", "New value"),
    "corr_reason": ("更正理由（必填）", "Reason (required)"),
    "corr_author": ("更正人", "Corrected by"),
    "corr_save": ("保存更正", "Save the correction"),
    "corr_saved": ("已保存更正", "Correction saved"),
    "corr_restore": ("恢复为解析值", "Restore the extracted value"),
    "corr_restored": ("已恢复为解析值", "Extracted value restored"),
    "corr_history": ("更正记录", "Correction history"),
    "corr_none": ("暂无更正记录", "No corrections yet"),
    "corr_which_figure": ("数字", "Figure"),
    "f_title": ("问题标题", "Title"), "f_status": ("整改状态", "Status"), "f_status_raw": ("原文状态", "Status as published"),
    "f_value": ("数值", "Value"), "f_unit": ("单位", "Unit"), "f_label": ("内容", "What"),
    "h_when": ("时间", "When"), "h_item": ("事项", "Item"), "h_field": ("字段", "Field"), "h_old": ("原值", "Old"),
    "h_new": ("新值", "New"), "h_action": ("操作", "Action"), "h_reason": ("理由", "Reason"), "h_who": ("更正人", "Who"),
    "a_set": ("更正", "corrected"), "a_restore": ("恢复", "restored"),
    "corr_current": ("当前值：{v}", "Current value: {v}"),
    "corr_summary": ("综述及附表中的数字（不属于任何事项）", "Figures outside every item (the opening, annexes)"),
    "corr_summary_no_item": ("综述不是事项；请在“更正数字”中更正其中的数字", "The opening is not an item: correct its "
                             "figures under “Correct a figure”"),
    "corr_counts_now": ("当前计入：{v}", "Counts now toward: {v}"),
    # big screen
    "page_bigscreen": ("大屏", "Big screen"),
    "print_view": ("打印版", "Printable version"),
    "print_view_help": ("下载可直接打印（A4）的页面，包含全部事项；在浏览器中打开后打印或另存为 PDF",
                        "Download a page laid out for A4 printing with every item; open it and print or save as PDF"),
    "bs_metrics": ("整改总体情况", "Rectification at a glance"),
    "bs_themes": ("各主题整改完成情况", "Completion by theme"),
    "bs_land": ("土地与资金", "Land and funds"),
    "bs_discipline": ("执纪问责", "Discipline"),
    "bs_progress": ("仍在整改的事项", "Items still in progress"),
    "bs_more": ("另有 {n} 项", "and {n} more"),
    "bs_none_in_progress": ("所有事项均已完成", "Every item is done"),
    "bs_contacts": ("欢迎监督", "Public supervision"),
    "bs_phone": ("电话", "Phone"), "bs_mail": ("信箱", "Mail"), "bs_email": ("邮箱", "E-mail"),
    "bs_slide": ("第 {i}/{n} 屏", "Slide {i} of {n}"),
    "bs_no_data": ("暂无可展示的数据", "Nothing to show yet"),
    # statuses
    "st_done": ("完成", "Done"),
    "st_in_progress": ("阶段性完成", "In progress"),
    "st_not_done": ("未完成", "Not done"),
    "st_unknown": ("未说明", "Not stated"),
    # header card
    "publisher": ("发布单位", "Publisher"),
    "inspector": ("巡视/巡察组", "Inspection team"),
    "kind": ("类型", "Kind"),
    "inspection_period": ("巡视/巡察时间", "Inspection period"),
    "feedback_date": ("反馈时间", "Feedback date"),
    "report_date": ("通报时间", "Report date"),
    "unknown_value": ("—", "—"),
    "period_fmt": ("{a} 至 {b}", "{a} to {b}"),
    # metrics
    "m_items": ("整改事项", "Items"),
    "m_done": ("已完成", "Done"),
    "m_in_progress": ("阶段性完成", "In progress"),
    "m_not_done": ("未完成", "Not done"),
    "m_rate": ("完成率", "Completion rate"),
    "m_measures": ("整改措施", "Measures"),
    "m_themes": ("反馈问题主题", "Themes"),
    "rate_help": ("已完成事项 ÷ 事项总数（按当前筛选）", "Done items ÷ all items (current filter)"),
    "stated_note": ("报告自述：{text}", "The report states: {text}"),
    # charts
    "ch_theme_title": ("各主题整改完成情况（事项数）", "Completion by theme (number of items)"),
    "ch_theme_x": ("事项数", "Items"),
    "ch_theme_hint": ("点击某一主题的柱条，即可筛选该主题", "Click a theme's bar to filter to that theme"),
    "ch_status_title": ("整改状态构成（事项数）", "Status mix (number of items)"),
    "ch_money_title": ("追回资金（万元）", "Money recovered (10k yuan)"),
    "ch_money_x": ("万元", "10k yuan"),
    "ch_land_title": ("处置土地（亩）", "Land acted on (mu)"),
    "ch_land_x": ("亩", "mu"),
    "ch_sanction_title": ("处分与处理（人数）", "Sanctions by kind (people)"),
    "ch_sanction_x": ("人数", "People"),
    "ch_case_title": ("案件数（件）", "Cases"),
    "ch_timeline_title": ("整改时间线（按月的整改行动数）", "Timeline (dated actions per month)"),
    "ch_timeline_y": ("行动数", "Actions"),
    "tl_inspection": ("巡视/巡察", "Inspection"),
    "tl_feedback": ("反馈", "Feedback"),
    "tl_report": ("通报", "Report"),
    # tables
    "col_report": ("报告", "Report"),
    "col_no": ("序号", "No."),
    "col_theme": ("主题", "Theme"),
    "col_title": ("问题", "Problem"),
    "col_status": ("整改状态", "Status"),
    "col_status_raw": ("原文状态", "Status as published"),
    "col_measures": ("措施数", "Measures"),
    "col_measure_text": ("整改措施", "Measures"),
    "col_figures": ("数字", "Figures"),
    "col_responsible": ("责任单位", "Responsible"),
    "map_hint": ("表格的表头如下，请为“反馈问题”列以及“完成情况”或“整改措施”列指定含义，其余可留空",
                 "The spreadsheet's header is below: choose the problem column and a status or measures column; "
                 "leave the others empty"),
    "col_page": ("页码", "Page"),
    "col_check": ("OCR 核实", "OCR check"),
    "ocr_check": ("请核实", "Please check"),
    "crop_title": ("原件位置", "On the scanned page"),
    "crop_choice": ("第 {page} 页 · {figure}", "page {page} · {figure}"),
    "crop_pick": ("查看数字在原件中的位置", "Show where a figure was read"),
    "crop_caption": ("扫描件第 {page} 页（红框为识别出该数字的行）", "Page {page} of the scan (the red box: the line the figure was read from)"),
    "crop_item": ("本事项在扫描件第 {page} 页", "This item starts on page {page} of the scan"),
    "crop_none": ("本报告导入时未保存页面图像，无法显示原件位置", "This report was imported before page images were kept: no page to show"),
    "crop_unsure": ("此行识别置信度较低，请对照原件核实", "The engine was unsure of this line: please check it against the original"),
    "ocr_report": ("本报告为扫描件，文字由 OCR 识别（{pages} 页）；标“请核实”的数字所在行识别置信度较低，请对照原件",
                   "This report is a scan read by OCR ({pages} pages); figures marked “Please check” come from lines "
                   "the engine was unsure of: check them against the original"),
    "ocr_progress": ("正在识别扫描件：第 {done}/{total} 页", "Reading the scan: page {done} of {total}"),
    "ocr_read": ("本文件为扫描件，文字由 OCR 识别（{pages} 页），数字请对照原件核实",
                 "This file is a scan: its text was read by OCR ({pages} pages); check the figures against the original"),
    "map_blank": ("第{n}列（无表头）", "Column {n} (no header)"),
    "role_none": ("不导入", "Skip"),
    "role_no": ("序号", "Number"),
    "role_theme": ("问题类别", "Category"),
    "role_problem": ("反馈问题", "Problem"),
    "role_measures": ("整改措施", "Measures"),
    "role_progress": ("整改情况", "Progress"),
    "role_status": ("完成情况", "Status"),
    "role_owner": ("责任单位", "Responsible unit"),
    "role_leader": ("责任领导", "Responsible leader"),
    "role_deadline": ("整改时限", "Deadline"),
    "col_deadline": ("整改时限", "Deadline"),
    "col_light": ("期限状态", "Deadline status"),
    "light_overdue": ("逾期未完成", "Overdue"),
    "light_due_soon": ("30天内到期", "Due within 30 days"),
    "light_on_track": ("按期推进", "On track"),
    "light_done": ("已完成", "Done"),
    "as_of": ("期限统计日期", "Deadlines counted as of"),
    "as_of_default": ("期限状态按各报告（台账）日期计算", "Deadlines counted as of each report's (ledger's) date"),
    "as_of_set": ("期限状态按 {d} 计算", "Deadlines counted as of {d}"),
    "as_of_help": ("留空则按各报告（台账）的截至日期计算；没有日期的台账按今天计算",
                   "Empty: each report's (ledger's) own date; a ledger without a date counts from today"),
    "col_item": ("事项", "Item"),
    "col_label": ("内容", "What"),
    "col_value": ("数值", "Value"),
    "col_unit": ("单位", "Unit"),
    "col_source": ("原文", "Source sentence"),
    "col_kind": ("种类", "Kind"),
    "col_date": ("时间", "Date"),
    "col_action": ("整改行动", "Action"),
    "preamble": ("综述", "Summary"),
    # items page
    "items_count": ("共 {n} 个事项", "{n} items"),
    "open_item": ("查看事项", "Open an item"),
    "select_hint": ("选中表格中的一行，查看该事项的整改措施和原文", "Select a row to see the item's measures and text"),
    "measures": ("整改措施", "Measures"),
    "source_text": ("原文（数字已标出）", "Text as published (figures marked)"),
    "figures_here": ("本事项中的数字", "Figures in this item"),
    "download_csv": ("导出 CSV", "Export CSV"),
    "download_xlsx": ("导出 Excel", "Export Excel"),
    "no_measures": ("报告未列出整改措施", "The report lists no measures"),
    # land page
    "m_recovered": ("追缴/收回资金", "Money recovered"),
    "m_money_other": ("其他资金", "Other sums"),
    "m_land_area": ("涉及土地面积", "Land area"),
    "m_parcels": ("宗地", "Parcels"),
    "wan_fmt": ("{v} 万元", "{v} × 10k yuan"),
    "mu_fmt": ("{v} 亩", "{v} mu"),
    "parcel_fmt": ("{v} 宗", "{v} parcels"),
    "land_table": ("土地与资金相关数字及原文", "Land and money figures with their sentences"),
    "percent_table": ("百分比", "Percentages"),
    "counted_once": ("合计中，报告综述重复或汇总的数字只计一次；下表列出全部数字及原文",
                     "Totals count each figure once where the report's summary repeats or sums up its items; "
                     "the table lists every figure with its sentence"),
    "no_land": ("当前筛选下没有土地或资金数字", "No land or money figures for this filter"),
    # discipline page
    "m_cases": ("立案（件）", "Cases opened"),
    "m_case_people": ("立案（人）", "People investigated"),
    "m_backlog": ("积案（件）", "Backlog cases"),
    "m_backlog_closed": ("积案已办结（件）", "Backlog closed"),
    "m_sanctioned": ("处分/处理（人次）", "Sanctions (people)"),
    "entities": ("涉及的企业、单位等", "Entities involved"),
    "discipline_table": ("执纪问责相关数字及原文", "Discipline figures with their sentences"),
    "no_discipline": ("当前筛选下没有执纪问责数字", "No discipline figures for this filter"),
    # timeline page
    "timeline_table": ("整改行动（按时间）", "Dated actions"),
    "no_actions": ("当前筛选下没有带日期的整改行动", "No dated actions for this filter"),
    # states and errors
    "empty": ("没有符合条件的事项", "No items match the filter"),
    "no_item_list": ("报告未逐项列出问题，完成情况据报告所述", "The report lists no items; completion as it states it"),
    "no_reports": ("还没有报告。请在 data/reports/ 放入报告文件。", "No reports yet. Put report files in data/reports/."),
    "load_error": ("无法读取报告 {name}：{msg}", "Cannot read report {name}: {msg}"),
    "warnings": ("解析提示", "Parser notes"),
    # public page (lib/outputs/publish.py): a static site and its printable view
    "pub_overview": ("整改概况", "At a glance"),
    "pub_item_list": ("整改事项清单", "All items"),
    "pub_no_theme": ("未归入主题的事项", "Items without a theme"),
    "pub_status_raw": ("原文：{raw}", "As published: {raw}"),
    "pub_rate_note": ("完成率 = 已完成事项 ÷ 事项总数", "Completion rate = done items ÷ all items"),
    "pub_no_money": ("通报中没有资金数字", "The report gives no sums of money"),
    "pub_no_sanctions": ("通报中没有处分、处理人数", "The report gives no sanction figures"),
    "pub_contacts": ("欢迎监督", "Public supervision"),
    "pub_contacts_note": ("对整改落实情况的意见建议，可通过以下方式反映（照录通报原文）：",
                          "Views on the rectification can be sent to (as published in the report):"),
    "pub_phone": ("联系电话", "Phone"),
    "pub_mail": ("邮政信箱", "Postal address"),
    "pub_email": ("电子邮箱", "E-mail"),
    "pub_no_contacts": ("通报未给出监督联系方式", "The report gives no contacts for public supervision"),
    "pub_index_title": ("巡视巡察整改进展情况", "Progress of inspection rectification"),
    "pub_index_intro": ("共 {n} 份整改进展情况通报", "{n} progress reports"),
    "pub_back": ("全部通报", "All reports"),
    "pub_print": ("打印 / 另存为 PDF", "Print / save as PDF"),
    "pub_note": ("本页由整改看板根据通报原文生成：通报文字照录原文，统计数字由程序从原文中提取。",
                 "Made by the rectification dashboard from the report as published: report text is quoted "
                 "unchanged (not translated); the figures are extracted from it by the program."),
    # meeting deck (lib/outputs/deck.py, pages/meeting.py): .pptx slides and a .pdf handout
    "page_meeting": ("会议材料", "Meeting deck"),
    "deck_intro": ("一键生成会议用幻灯片（.pptx）和讲义（.pdf）：报告信息、主要指标、各主题完成情况、土地与资金、"
                   "执纪问责，以及尚未完成的事项和最新整改措施。内容按侧栏所选报告和筛选生成。",
                   "One click makes slides (.pptx) and a handout (.pdf) for the meeting: the report, key figures, "
                   "completion by theme, land and funds, discipline, and the items not yet done with their latest "
                   "measure. They follow the reports and filters chosen in the sidebar."),
    "deck_build_pptx": ("生成幻灯片（.pptx）", "Make the slides (.pptx)"),
    "deck_build_pdf": ("生成讲义（.pdf）", "Make the handout (.pdf)"),
    "deck_download_pptx": ("下载幻灯片", "Download the slides"),
    "deck_download_pdf": ("下载讲义", "Download the handout"),
    "deck_building": ("正在生成，首次约需几秒……", "Building; the first time takes a few seconds…"),
    "deck_file": ("整改会议材料", "rectification-meeting"),
    "deck_failed": ("生成会议材料失败：{msg}", "Could not make the meeting material: {msg}"),
    "deck_title_many": ("{n} 份报告的整改进展", "Rectification progress in {n} reports"),
    "deck_metrics": ("主要指标", "Key figures"),
    "deck_reports": ("各报告整改完成情况", "Completion by report"),
    "deck_land": ("土地与资金", "Land and funds"),
    "deck_discipline": ("执纪问责", "Discipline"),
    "deck_open": ("尚未完成的事项及最新整改措施", "Items not yet done and their latest measure"),
    "deck_part": ("{title}（{i}/{n}）", "{title} ({i}/{n})"),
    "deck_latest_measure": ("最新整改措施", "Latest measure"),
    "deck_all_done": ("所列事项均已完成", "Every listed item is done"),
    "deck_page": ("{i} / {n}", "{i} / {n}"),
    "u_wan": ("万元", "× 10k yuan"),
    "u_mu": ("亩", "mu"),
    "u_parcels": ("宗", "parcels"),
    "err_no_chromium": ("无法生成图表：未找到 Chromium 浏览器（{path}）。请安装 chromium 软件包，或用环境变量 "
                        "BROWSER_PATH 指明浏览器位置。",
                        "Cannot draw the charts: no Chromium browser at {path}. Install the chromium package, or "
                        "set BROWSER_PATH to the browser."),
    "err_chromium_failed": ("无法启动 Chromium 浏览器（{path}）：{detail}", "Chromium ({path}) did not start: {detail}"),
    "err_render_failed": ("图表或 PDF 生成失败：{detail}", "Drawing a chart or the PDF failed: {detail}"),
    # the headline numbers (lib/views/totals.py): what each counts, where it comes from, what it leaves out
    "hl_recovered_wan": ("追回资金", "Money recovered"),
    "hl_land_mu": ("处置土地", "Land acted on"),
    "hl_cases": ("立案", "Cases filed"),
    "hl_disciplined_people": ("党纪政务处分", "People disciplined"),
    "hl_other_accountability_people": ("其他问责", "Other accountability"),
    "hl_parcels": ("宗地", "Parcels"),
    "hl_case_people": ("立案涉及", "People investigated"),
    "hl_backlog": ("积案", "Backlog"),
    "hl_backlog_closed": ("积案已办结", "Backlog closed"),
    "hlh_recovered_wan": ("追缴、追回、收回、退缴、清退、退还、返还、挽回的资金（万元）；不含预算、投资、项目金额、贷款回收、审减",
                          "Funds recovered, repaid or refunded (10k yuan); not budgets, investment, project values, "
                          "loans collected or audit reductions"),
    "hlh_land_mu": ("出让、收回、复垦、盘活、整治等处置过的土地（亩）；不含调查摸排的面积、背景总量、规划面积、建筑面积",
                    "Land sold, recovered, reclaimed, put back to use or rectified (mu); not areas surveyed, "
                    "background totals, planning areas or floor area"),
    "hlh_cases": ("纪检监察机关立案（件）；不含信访件、问题线索和其他机关的行政案件",
                  "Cases filed by discipline inspection bodies; not petitions, clues or other agencies' cases"),
    "hlh_disciplined_people": ("党纪处分、政务处分的人数（警告、严重警告、撤销党内职务、留党察看、开除党籍；政务警告、记过、"
                               "记大过、降级、撤职、开除）",
                               "People given a Party or government disciplinary sanction"),
    "hlh_other_accountability_people": ("诫勉、组织处理、批评教育、提醒谈话、第一种形态（人次）、移送司法机关等",
                                        "Admonished, dealt with organisationally, criticised, reminded, the "
                                        "'first form' (person-times), handed to the judiciary"),
    "hlh_parcels": ("报告所列处置土地的宗数", "Parcels of land the report says were acted on"),
    "hlh_case_people": ("立案涉及的人数", "People in the cases filed"),
    "hlh_backlog": ("报告所称积案的件数", "Backlog cases the report names"),
    "hlh_backlog_closed": ("积案中已办结的件数", "Backlog cases closed"),
    "hl_basis": ("计入 {n}", "{n} added"),
    "hl_basis_left": ("计入 {n} · 未计入 {m}", "{n} added · {m} left out"),
    "hl_basis_help": ("查看计入和未计入的数字、原因及原文", "See the figures added and left out, why, and their sentences"),
    "hlu_recovered_wan": ("万元", "10k yuan"), "hlu_land_mu": ("亩", "mu"), "hlu_cases": ("件", "cases"),
    "hlu_disciplined_people": ("人", "people"), "hlu_other_accountability_people": ("人", "people"),
    "hlu_parcels": ("宗", "parcels"), "hlu_case_people": ("人", "people"), "hlu_backlog": ("件", "cases"),
    "hlu_backlog_closed": ("件", "cases"),
    "ch_stated_title": ("{level}完成情况（据报告所述）", "Completion of {level} (as the report states)"),
    "st_rest": ("其余", "The rest"),
    "ch_people_colors": ("深橙色：党纪政务处分；浅橙色：其他问责", "Dark orange: disciplined; light orange: other accountability"),
    "all_unknown_hint": ("各事项未写明整改状态；完成情况见上方（据报告所述）",
                         "The items state no status; completion above is as the report states it"),
    "hl_added": ("计入的数字", "Figures added"),
    "hl_left_out": ("未计入的数字及原因", "Figures left out, and why"),
    "hl_none_added": ("报告未给出此类数字", "The report gives no figure of this kind"),
    "hl_caption": ("每个合计只计一次同一事实；展开可查看计入和未计入的数字及原文", "Each total counts a fact once; "
                   "open it to see the figures it adds and those it leaves out, with their sentences"),
    "col_reason": ("未计入原因", "Why left out"),
    "m_rate_of": ("完成率", "Completion rate"),
    "src_items": ("按事项统计", "from the items' statuses"),
    "src_stated": ("据报告所述", "as the report states"),
    "src_mixed": ("部分按事项统计、部分据报告所述", "partly from items, partly as the reports state"),
    "lv_items": ("事项", "items"), "lv_problems": ("问题", "problems"), "lv_tasks": ("整改任务", "tasks"),
    "lv_measures": ("整改措施", "measures"),
    # the same, short, after a metric's label: "已完成（任务）"
    "lvs_problems": ("问题", "problems"), "lvs_tasks": ("任务", "tasks"), "lvs_measures": ("措施", "measures"),
    "src_counts": ("{src}：{level} {done}/{total}", "{src}: {done} of {total} {level}"),
    "src_rate_only": ("{src}（报告只给出完成率）", "{src} (the report gives only a rate)"),
    "stated_beside": ("报告自述：已完成 {done}/{total}（{rate}）", "The report itself says {done} of {total} done ({rate})"),
    "stated_beside_rate": ("报告自述完成率 {rate}", "The report itself states {rate}"),
    "left_out_reports": ("另有 {n} 份报告完成情况不明，未计入", "{n} more reports state no completion and are left out"),
    "cr_no_basis": ("报告既未逐项写明整改状态，也未给出完成数", "The report gives neither item statuses nor totals of its own"),
    "cr_partial_statuses": ("部分事项未写明整改状态，报告也未给出完成总数",
                            "Some items state no status and the report gives no totals"),
    "cr_filtered_stated": ("该报告只给出完成总数，不能按状态或主题拆分", "The report gives only totals, which cannot be "
                           "split by status or theme"),
    "cr_stated_inconsistent": ("报告所述完成数大于总数，无法计算完成率",
                               "The report's count of done exceeds its total: no rate can be given"),
    "cr_filtered_empty": ("当前筛选下没有事项", "No items match the filter"),
    "cr_no_reports": ("未选择报告", "No report selected"),
    "cr_superseded": ("已由同一单位后一轮报告取代", "Superseded by the same publisher's later round"),
    # why a figure is left out of its total
    "rs_part_of_total": ("为总数 {ref} 的组成部分", "a part of the total {ref}"),
    "rs_repeats_item": ("重复事项{ref}的数字", "repeats the figure of item {ref}"),
    "rs_sum_of_items": ("为事项{ref}的数字之和", "the sum of the figures of items {ref}"),
    "rs_repeats_earlier": ("重复前文的数字 {ref}", "repeats the figure {ref} stated before"),
    "rs_sum_of_figures": ("为前文数字 {ref} 之和", "the sum of the figures {ref}"),
    "rs_in_opening_total": ("已含在综述的总数 {ref} 中", "part of the total {ref} in the opening"),
    "rs_in_closing_total": ("已含在结尾汇总的总数 {ref} 中", "part of the total {ref} in the closing summary"),
    "rs_earlier_round": ("前一轮报告已报告（{ref}）", "already reported in an earlier round ({ref})"),
    "rs_in_later_total": ("已含在后一轮报告的累计数中（{ref}）", "held in a later round's cumulative figure ({ref})"),
    "rs_analyst_excluded": ("分析人员更正：不计入", "excluded by an analyst's correction"),
    "rs_loan": ("贷款或经营欠款的回收，不是追缴", "a loan or trade debt collected, not recovery"),
    "rs_audit_reduction": ("审减或节约，不是追缴", "an audit reduction or saving, not recovery"),
    "rs_spending": ("预算、投资或支出，不是追缴", "a budget, investment or spending, not recovery"),
    "rs_debt": ("化解债务，不是追缴", "debt resolved, not recovery"),
    "rs_income": ("收入水平，不是追缴", "an income level, not recovery"),
    "rs_not_recovery": ("不是追缴、退还的资金", "not money recovered or refunded"),
    "rs_surveyed": ("调查、摸排、核查的面积，不是处置的土地", "an area surveyed or verified, not land acted on"),
    "rs_background": ("背景总量（如全镇耕地面积）", "a background total (such as all the town's farmland)"),
    "rs_planning": ("规划或尚在推进的面积", "an area planned or still in progress"),
    "rs_floor_area": ("建筑面积，不是土地", "floor area of buildings, not land"),
    "rs_other_use": ("建设、种植等用途的面积，不是土地处置", "an area built or farmed, not land acted on"),
    "rs_no_act": ("未说明对土地的处置", "no act on the land is stated"),
    "rs_petition": ("信访件，不是立案", "petitions, not cases filed"),
    "rs_clue": ("问题线索，不是立案", "clues, not cases filed"),
    "rs_administrative": ("其他机关的行政案件", "another agency's administrative cases"),
    "rs_case_other": ("不是立案数", "not a count of cases filed"),
    "rs_mixed_accountability": ("处理总数，含多种方式，不是党纪政务处分人数",
                                "people dealt with in several ways, not a count of sanctions"),
    "rs_earlier_report": ("复述此前报告的数字", "retells an earlier report's figure"),
    "rs_with_earlier_round": ("含上一轮的数字", "includes an earlier round's figure"),
    "rs_before_inspection": ("巡视巡察之前已取得的数字", "achieved before the inspection"),
    "hl_family_none": ("不计入任何合计", "no total"),
    "f_headline": ("归入合计", "Counts toward"),
    "f_counted": ("是否计入", "Counted"),
    "cnt_include": ("计入", "include"),
    "cnt_exclude": ("不计入", "exclude"),
}


def fmt_number(v) -> str:
    """126 → "126", 35.25 → "35.25", 1250000 → "1,250,000"; missing → "—"."""
    if v is None or pd.isna(v):
        return "—"
    v = float(v)
    return f"{int(v):,}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def t(key: str, lang: str = "zh", **kw) -> str:
    zh, en = _T[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def status_label(status: str, lang: str = "zh") -> str:
    return t(f"st_{status}", lang)


def reason_text(code: str | None, ref, lang: str = "zh") -> str:
    """Why a figure is left out of its total, in words: "重复事项6的数字"."""
    if not code:
        return ""
    key = f"rs_{code}"
    if key not in _T:
        return str(code)
    ref = "" if ref is None or (isinstance(ref, float) and pd.isna(ref)) else str(ref)
    return t(key, lang, ref=ref)


def level_suffix(level: str | None, lang: str = "zh") -> str:
    """"（任务）" after 已完成 when the counts are the report's tasks, nothing when they are its items."""
    if level in (None, "items"):
        return ""
    return f"（{t('lvs_' + level, lang)}）" if lang == "zh" else f" ({t('lvs_' + level, lang)})"


def completion_cells(c, lang: str = "zh", measures: bool = True) -> list[tuple[str, str, str]]:
    """(key, label, value) of the completion metrics every screen shows, from one Completion (lib.views.totals):
    items, done and in progress on the completion's level, the rate, and the measures (`measures`); "—" for
    items a report does not list and measures it neither states nor lists."""
    level = level_suffix(c.level, lang)
    cells = [("items", t("m_items", lang), fmt_number(c.items)),
             ("done", t("m_done", lang) + level, fmt_number(c.done)),
             ("in_progress", t("m_in_progress", lang) + level, fmt_number(c.in_progress)),
             ("rate", t("m_rate", lang), fmt_rate(c.rate))]
    if measures:
        cells.append(("measures", t("m_measures", lang), fmt_number(c.measures)))
    return cells


def headline_label(key: str, lang: str = "zh") -> str:
    """"追回资金（万元）": the unit in the label keeps a large value on one line."""
    unit = t("hlu_" + key, lang)
    return f"{t('hl_' + key, lang)}（{unit}）" if lang == "zh" else f"{t('hl_' + key, lang)} ({unit})"


def fmt_rate(rate: float | None) -> str:
    """92.9 → "92.9%", 76.0 → "76%", None → "—"."""
    if rate is None or pd.isna(rate):
        return "—"
    return f"{rate:.1f}".rstrip("0").rstrip(".") + "%"


def completion_source(c, lang: str = "zh") -> str:
    """Where a completion rate comes from, in one line: "据报告所述：整改任务 79/85", or why it is unknown."""
    if c.source is None:
        return t(f"cr_{c.reason or 'no_basis'}", lang)
    src = t(f"src_{c.source}", lang)
    if c.done is None or c.total is None:
        return t("src_rate_only", lang, src=src)
    level = t(f"lv_{c.level}", lang) if c.level else ""
    out = t("src_counts", lang, src=src, level=level, done=c.done, total=c.total)
    if c.left_out:
        out += ("；" if lang == "zh" else "; ") + t("left_out_reports", lang, n=c.left_out)
    return out


def stated_beside(c, lang: str = "zh") -> str | None:
    """The report's own completion beside the items' when the two disagree."""
    if not c.stated:
        return None
    s = c.stated
    if s.get("done") is not None and s.get("total") is not None:
        return t("stated_beside", lang, done=s["done"], total=s["total"], rate=fmt_rate(s.get("rate")))
    return t("stated_beside_rate", lang, rate=fmt_rate(s.get("rate")))


def keys() -> list[str]:
    return list(_T)
