"""MkDocs adapter: the `exemplars` plugin (`generator.plugin.plugin.ExemplarsPlugin`). Only this package imports MkDocs.

Nothing is imported here: `exemplars check` reads the plugin's options (`generator.plugin.config`)
without loading the plugin, its renderer and MkDocs' build machinery (a fifth of a check of
1,000 stories).
"""
