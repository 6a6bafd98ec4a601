"""Shared by every stage: errors and their messages, paths, Dutch text formatting, the Markdown dialect,
the rules for untrusted links, files, SVGs and characters, budgets, settings and the user's cache folder.
Imports nothing from a stage."""
