"""Linked-data views of the compiled dataset, shared by `normkg serve` and the static site:
documents and their descriptions (resources.py), media types (formats.py), HTML pages (html.py)."""
