"""Build glue for the offline Jupyter Book: plotly rendering, local assets, editions."""
