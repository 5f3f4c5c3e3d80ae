"""Views of a selection of reports: filters, headline totals, comparisons, charts and labels in 中文 and English.

Modules: selection (the sidebar's selection), summaries (progress by theme, the status mix, sums by label),
totals (the headline numbers, each with the figures it adds and leaves out), compare (units and rounds),
charts (plotly figures), labels (every display string), screens (the big screen's slides), safe (document
text made inert for Markdown, plotly and spreadsheets).
"""
