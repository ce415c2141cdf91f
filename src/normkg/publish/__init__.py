"""Publishing the compiled dataset: to a SPARQL server over the Graph Store Protocol
(graph_store.py) and as a static linked-data site (site.py)."""
