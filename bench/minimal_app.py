"""The floor for any plotly dashboard on Streamlit: one small bar chart and nothing else."""
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), theme=None)
