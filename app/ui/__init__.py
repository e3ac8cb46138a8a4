"""Gradio adapter: the chat tab, the officials' view tabs and their HTML rendering."""
