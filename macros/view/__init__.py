"""The view: how every value of the catalogue is said, once, for every output.

Between the validated catalogue (``macros.catalogue``, ``macros.model``) and the outputs (pages in
``macros.components``, ``macros.exports``, ``macros.search``, ``macros.changes``, ``macros.cms``):

- ``words.py``: the state words and the field labels, each defined once (the state words are the model's
  ``STATE_LABELS``); browser scripts get them from the data the outputs write, never from their own copy;
- ``values.py``: ``Shown``, a value as the site says it (state, shown text, quote, reason, link), and the
  formats of composite values (tariff, municipalities, limits);
- ``product.py``: the view of one product, built once per catalogue: per fact its label, state, shown text,
  quote with its source link and the numbers of the notes that concern it;
- ``tables.py``: the rows of a region's code table with the change per pair of editions.

No output decides on its own how a value is said; no output imports another (import-linter, pyproject.toml).
"""
