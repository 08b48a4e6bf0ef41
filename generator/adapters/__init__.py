"""Adapters between the core pipeline and the outside: the MkDocs plugin and the `exemplars` command."""
