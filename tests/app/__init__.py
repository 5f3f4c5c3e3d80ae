"""Tests of The app (dashboard.py, ui.py, pages/), the command line and the layering."""
