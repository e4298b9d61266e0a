"""The catalogue: the only code that reads ``data/`` (loader), with its YAML reader, Dutch messages,
cross-file checks and the records it hands out."""
