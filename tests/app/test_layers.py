"""lib/ as layers: each package imports only from the packages below it, and none of it imports Streamlit."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "lib"
LAYERS = ["read", "ledger", "library", "views", "outputs"]   # bottom to top


def _imports(source: str, package: tuple[str, ...]) -> list[str]:
    """The modules a file of `package` (("lib", "views")) imports, as dotted names, relative imports resolved."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            out += [name] if node.module else [f"{name}.{a.name}" for a in node.names]
    return out


FILES = sorted(p for p in LIB.rglob("*.py") if p.parent != LIB)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(LIB)))
def test_nothing_imports_upward(path):
    own = LAYERS.index(path.parent.name)
    for name in _imports(path.read_text(encoding="utf-8"), ("lib", path.parent.name)):
        parts = name.split(".")
        assert parts[0] != "streamlit", f"{path.name} imports Streamlit"
        if parts[0] == "lib":
            assert len(parts) > 1 and parts[1] in LAYERS, f"{path.name} imports {name}, outside every layer"
            assert LAYERS.index(parts[1]) <= own, f"{path.name} ({LAYERS[own]}) imports {name}, a layer above it"


def test_every_module_is_in_a_layer():
    # lib/ itself holds only the package marker and the command line
    assert sorted(p.name for p in LIB.glob("*.py")) == ["__init__.py", "__main__.py"]
    assert sorted(p.name for p in LIB.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((LIB / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()[0]) > 20, f"lib/{layer} says in one line what it offers"


@pytest.mark.parametrize(("source", "names"), [
    ("from ..views import totals", ["lib.views"]),          # two levels up: the package it names
    ("from . import readers", ["lib.read.readers"]),         # a sibling module
    ("from .tables import render", ["lib.read.tables"]),
    ("import streamlit as st", ["streamlit"]),
])
def test_the_check_resolves_imports(source, names):
    assert _imports(source, ("lib", "read")) == names
