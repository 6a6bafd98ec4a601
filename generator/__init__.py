"""Bestek: tender documents as code for Dutch municipalities."""

__version__ = "0.1.0"
