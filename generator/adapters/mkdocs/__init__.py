"""MkDocs adapter: the `exemplars` plugin (`generator.adapters.mkdocs.plugin.ExemplarsPlugin`). Only this package imports MkDocs.

Nothing is imported here: `exemplars check` reads the plugin's options (`generator.adapters.mkdocs.config`)
without loading the plugin, its renderer and MkDocs' build machinery (a fifth of a check of
1,000 stories).
"""
