"""The ledger: a report's text as its header, stated totals, themes, items, statuses and figures."""
from .model import STATUSES, Item, Ledger, Quantity, Stated, Theme
from .parse import parse_text
from .roles import HEADLINES

__all__ = ["HEADLINES", "STATUSES", "Item", "Ledger", "Quantity", "Stated", "Theme", "parse_text"]
