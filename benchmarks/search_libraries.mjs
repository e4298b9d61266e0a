// Kept libraries against the finder's own engine and stemmer (benchmarks/search_libraries.py drives this).
// stdin: {"docs": [{u, code, naam, term, kern, tekst}], "queries": [..], "words": [..], "files": DIR, "rounds": n}
// stdout: per engine the pages per query, index build ms and query times; per stemmer agreement and speed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const input = JSON.parse(readFileSync(0, 'utf8'));
const rounds = input.rounds || 3;
const { searchLanguage: language } = await import('../overrides/assets/search_language.js');
const { SearchEngine } = await import('../overrides/assets/search_engine.js');

function timed(fn) { const t = performance.now(); const r = fn(); return [r, performance.now() - t]; }
function median(xs) { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1] : 0; }
function p95(xs) { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(0.95 * (s.length - 1))] : 0; }
function run(search) {  // pages per query, and the median of `rounds` timings per query
  const pages = input.queries.map((q) => search(q));
  const times = input.queries.map((q) => median(Array.from({ length: rounds }, () => timed(() => search(q))[1])));
  return { pages, median: median(times), p95: p95(times) };
}
const out = { engines: {}, stemmers: {} };
const fields = ['code', 'naam', 'term', 'kern', 'tekst'];
const boost = { code: 7, naam: 7, term: 7, kern: 2, tekst: 1 };
const terms = (s) => language.tokens(s).filter((t) => !language.isStop(t)).map((t) => language.stem(t));

{ // the finder's engine, on the search files the build writes
  const read = (n) => JSON.parse(readFileSync(join(input.files, n), 'utf8'));
  const [engine, ms] = timed(() => new SearchEngine(SearchEngine.products(read('zoeken/producten.json')),
    read('zoeken/woorden.json'), read('manifest.json')));
  const r = run((q) => { const res = engine.search(q); return res.gemeenten.map((m) => m.g[2]).concat(res.hits.map((i) => engine.data.producten[i].u)); });
  out.engines.finder = { build_ms: ms, ...r };
}
try { // MiniSearch: BM25+, prefix and fuzzy search, fields boosted as ours, our tokens and stems
  const { default: MiniSearch } = await import('minisearch');
  const [ms, build] = timed(() => {
    const m = new MiniSearch({ fields, storeFields: ['u'], idField: 'u',
      tokenize: (s) => language.tokens(s), processTerm: (t) => (language.isStop(t) ? null : language.stem(t)),
      searchOptions: { boost, prefix: true, fuzzy: 0.2, combineWith: 'OR' } });
    m.addAll(input.docs);
    return m;
  });
  out.engines.MiniSearch = { build_ms: build, ...run((q) => ms.search(q).map((h) => h.u)) };
} catch (e) { out.engines.MiniSearch = { error: String(e).slice(0, 120) }; }
try { // FlexSearch: Document index over the same fields, forward (prefix) tokenizer, our tokens and stems
  const FlexSearch = await import('flexsearch');
  const Document = FlexSearch.Document || FlexSearch.default.Document;
  const Encoder = FlexSearch.Encoder || FlexSearch.default.Encoder;
  const [ix, build] = timed(() => {
    const encoder = new Encoder({ normalize: false, dedupe: false, finalize: (ts) => ts.flatMap((t) => terms(t)) });
    const d = new Document({ document: { id: 'i', index: fields.map((f) => ({ field: f, tokenize: 'forward', encoder })) } });
    input.docs.forEach((doc, i) => d.add({ i, ...doc }));
    return d;
  });
  const search = (q) => {
    const score = new Map();
    for (const r of ix.search(q, { limit: 1000 })) {
      r.result.forEach((id, rank) => score.set(id, (score.get(id) || 0) + boost[r.field] / (1 + rank / 50)));
    }
    return [...score.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => input.docs[id].u);
  };
  out.engines.FlexSearch = { build_ms: build, ...run(search) };
} catch (e) { out.engines.FlexSearch = { error: String(e).slice(0, 120) }; }

{ // stemmers: the hand-ported one and Snowball's JavaScript port, against Python's snowballstemmer (input.stems)
  const words = input.words;
  const ours = timed(() => words.map((w) => language.stem(w)));
  out.stemmers['search_language.js (hand port of dutch_porter + end rules)'] = { stems: ours[0], ms: ours[1] };
  try {
    const snowball = require('snowball-stemmers').newStemmer('dutch');
    const theirs = timed(() => words.map((w) => snowball.stem(w)));
    out.stemmers['snowball-stemmers 0.6 "dutch" (alone)'] = { stems: theirs[0], ms: theirs[1] };
  } catch (e) { out.stemmers['snowball-stemmers'] = { error: String(e).slice(0, 120) }; }
}
process.stdout.write(JSON.stringify(out));
