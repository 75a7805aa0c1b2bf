"""Figure builders: validated parameters → plotly traces and layout, one shared look."""
