"""Productenboek: catalogue loading, validation, page generation and macros."""
