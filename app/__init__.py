"""Adapters of the rag library to HTTP, Gradio and the command line; no retrieval logic here."""
