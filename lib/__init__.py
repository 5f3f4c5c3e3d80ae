"""整改看板: parse rectification progress reports into a ledger (no Streamlit here)."""
