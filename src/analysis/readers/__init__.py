"""Readers of article files, one module per family of formats."""
