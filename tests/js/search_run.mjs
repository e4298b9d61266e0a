// Run the finder's engine (overrides/assets/search_engine.js) as the browser does, on search files
// written by macros.search.index.search_files: node search_run.mjs DIR < queries.json > answers.json.
// Per query: the result pages in order (a named municipality's page first, as the finder shows it),
// and what the engine says besides the hits (suggestion, a too-general query).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const { SearchEngine } = await import(new URL('../../overrides/assets/search_engine.js', import.meta.url));
const manifest = read('manifest.json');
const engine = new SearchEngine(SearchEngine.products(read('zoeken/producten.json')), read('zoeken/woorden.json'), manifest);
const queries = JSON.parse(readFileSync(0, 'utf8'));
const out = queries.map((q) => {
  const res = engine.search(q);
  const pages = res.gemeenten.map((m) => m.g[2]).concat(res.hits.map((i) => engine.data.producten[i].u));
  return { q, pages, suggestion: res.suggestion, general: res.general || null };
});
process.stdout.write(JSON.stringify(out));
