"""normkg: an open knowledge graph of normative instruments, and the toolkit that curates,
validates, queries and publishes it."""

__version__ = "0.1.0"
