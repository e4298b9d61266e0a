"""The MkDocs side: hooks, the pages generated from the catalogue, build state and git history."""
