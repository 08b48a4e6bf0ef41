"""Checking the input: one story at a time, then across stories (`project.load_project`)."""
