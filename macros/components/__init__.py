"""Components: one function and one autoescaped template per thing the reader sees."""
