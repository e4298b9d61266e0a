"""The word index's files as JSON (``zoeken/woorden.json`` and its shards ``zoeken/woorden/<n>.json``), each
piece in the index's own layout (``word_shard``), dumped again only where what it holds changed.

No catalogue here: ``macros.search.index`` cuts the pieces and names the files.
"""

from __future__ import annotations

import json
import operator


def word_shard(index: dict, words: list[int]) -> dict:
    """One piece of the word index in the index's own layout, numbered on its own: the words (and any
    list that runs along them), their keys (and any list along those), the keys' postings. Search code
    that reads the whole index reads a piece the same way (``search_data.js`` merges the pieces it loads)."""
    n_words, n_keys = len(index["w"]), len(index["s"])
    keys = sorted({index["k"][i] for i in words})
    local = {k: j for j, k in enumerate(keys)}
    out: dict = {}
    for name, value in index.items():
        if name == "k":
            out[name] = [local[index["k"][i]] for i in words]
        elif isinstance(value, list) and len(value) == n_words and name != "s":
            out[name] = [value[i] for i in words]
        elif isinstance(value, list) and len(value) == n_keys:
            out[name] = [value[k] for k in keys]
        else:
            out[name] = value
    return out


# The word files' JSON, dumped again only when what they hold changed. Under `mkdocs serve --dirty` the word index
# keeps its lists where an edit did not reach them (macros.search.kept_words.Kept: the same list objects for the
# words, keys and each key's postings), so a list's JSON is kept while it is the same object (the entry holds
# it, so its id is not reused), the postings' JSON per run of CHUNK lists while each is the same object, and a
# shard's while its words are the same and its keys' postings the same objects.
_LISTS: dict[int, tuple[list, str]] = {}
_CHUNKS: list[tuple[list, list[str], str]] = []
_SHARDS: dict[tuple[str, ...], tuple[list, str]] = {}
CHUNK = 256


def _dump_list(value: list, into: dict[int, tuple[list, str]]) -> str:
    hit = _LISTS.get(id(value))
    if hit is None or hit[0] is not value:
        hit = (value, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    into[id(value)] = hit
    return hit[1]


def _dump_postings(lists: list[list]) -> str:
    """The postings' JSON array: each run of CHUNK lists joined once and kept while its lists are the same objects
    (compared in one C loop: an edit that reached a few keys joins their runs again, each list's JSON kept while
    it is the same object at the same place)."""
    global _CHUNKS
    made, parts = [], []
    for n, start in enumerate(range(0, len(lists), CHUNK)):
        run = lists[start:start + CHUNK]
        hit = _CHUNKS[n] if n < len(_CHUNKS) else None
        if hit is None or len(hit[0]) != len(run) or not all(map(operator.is_, hit[0], run)):
            old_run, old_texts = (hit[0], hit[1]) if hit is not None and len(hit[0]) == len(run) else ((), ())
            texts = [old_texts[i] if old_run and old_run[i] is x else json.dumps(x, ensure_ascii=False, separators=(",", ":"))
                     for i, x in enumerate(run)]
            hit = (run, texts, ",".join(texts))
        made.append(hit)
        parts.append(hit[2])
    _CHUNKS = made  # this build's runs only
    return "[" + ",".join(parts) + "]"


def dump_index(index: dict) -> str:
    """json.dumps(index) with the compact separators, from each list's JSON (kept while the list is the same)."""
    global _LISTS
    made: dict[int, tuple[list, str]] = {}
    parts = []
    for name, value in index.items():
        text = _dump_postings(value) if name == "p" else _dump_list(value, made)
        parts.append(json.dumps(name) + ":" + text)
    _LISTS = made  # this build's lists only
    return "{" + ",".join(parts) + "}"


def dump_word_shards(index: dict, pieces: list[tuple[str, list[int]]]) -> list[str]:
    """Each word shard's JSON, in order (the pieces cut by ``macros.search.index._word_shards``)."""
    global _SHARDS
    shards: dict[tuple[str, ...], tuple[list, str]] = {}
    out = [_dump_shard(index, piece, shards) for _, piece in pieces]
    _SHARDS = shards  # this build's shards only
    return out


def _dump_shard(index: dict, words: list[int], into: dict[tuple[str, ...], tuple[list, str]]) -> str:
    """A word shard's JSON (``word_shard``), kept while its words and its keys' postings are the same."""
    ws = tuple(index["w"][i] for i in words)
    lists = [index["p"][k] for k in sorted({index["k"][i] for i in words})]
    hit = _SHARDS.get(ws)
    if hit is None or len(hit[0]) != len(lists) or any(a is not b for a, b in zip(hit[0], lists, strict=True)):
        hit = (lists, json.dumps(word_shard(index, words), ensure_ascii=False, separators=(",", ":")))
    into[ws] = hit
    return hit[1]
