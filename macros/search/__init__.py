"""Search: the finder's data files and word index, built from the catalogue."""
