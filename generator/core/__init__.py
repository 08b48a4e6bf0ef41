"""The core: typed records, settings, messages and the text and date rules every stage shares.

Nothing here reads story files or writes output; nothing here imports MkDocs.
"""
