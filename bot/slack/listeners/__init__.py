"""Bolt listeners, one module per kind of request: each acknowledges, then calls the advisor."""
