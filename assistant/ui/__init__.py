"""The members' Gradio chat. Layout only; behaviour lives in plain handler functions."""
