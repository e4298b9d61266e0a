// search_language.js in Node, for the Python parity tests: reads {"tokens": [texts], "split": [words],
// "known": [words], "levels": [[tokens]]} on stdin and answers {"tokens": [[...]], "split": [[...]], "levels": [[...]]}.
import { readFileSync } from 'node:fs';

const { searchLanguage } = await import(new URL('../../overrides/assets/search_language.js', import.meta.url));
const input = JSON.parse(readFileSync(0, 'utf8'));
const known = new Set(input.known || []);
process.stdout.write(JSON.stringify({
  tokens: (input.tokens || []).map((t) => searchLanguage.tokens(t)),
  split: (input.split || []).map((w) => searchLanguage.splitCompound(w, (x) => known.has(x))),
  levels: (input.levels || []).map((ts) => searchLanguage.levels(ts)),
}));
