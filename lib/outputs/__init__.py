"""Outputs made from a selection: CSV and Excel exports, chart images, the meeting deck, the static public site.

Modules: export (tables for download), images (charts as PNG through kaleido), deck (the meeting deck, .pptx
and a printable handout), publish (the static public site and printable page).
"""
