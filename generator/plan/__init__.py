"""Deciding what the site consists of: which stories are published, how they group, every page's view model."""
