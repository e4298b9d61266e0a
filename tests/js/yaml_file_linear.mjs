// Saving a long list in the form is linear (overrides/assets/cms/yaml_file.js), measured without a clock:
// - the work of matching old and new list items, counted as reads of the items' fields, at 4,000
//   and at 16,000 items, for the edits a form makes (one item changed, one inserted at the top, one
//   removed, the list reversed, every item changed);
// - whole saves of a 16,000-item file (one item changed, the list reversed), run by the test under a small heap limit
//   (node --max-old-space-size): the old item-by-item table of 16,000 × 16,000 cells needed 2.2 GB.
//   node yaml_file_linear.mjs   prints {"reads": {edit: [at 4000, at 16000]}, "saved": {edit: bytes}}
import * as YAML from 'yaml';
import { makeFormat, match } from '../../overrides/assets/cms/yaml_file.js';

const EDITS = {
  'one item changed': list => list.map((x, i) => (i === list.length >> 1 ? { ...x, omschrijving: 'anders' } : x)),
  'one inserted at the top': list => [{ code: 'NIEUW', omschrijving: 'nieuw' }, ...list],
  'one removed': list => list.filter((_, i) => i !== list.length >> 2),
  'reversed': list => [...list].reverse(),
  'every item changed': list => list.map(x => ({ ...x, omschrijving: `${x.omschrijving}!` })),
};

// The saves: the edit the issue measured (2.2 GB before), and the worst case for the matching.
const SAVES = ['one item changed', 'reversed'];

const item = i => ({ code: `C${String(i).padStart(5, '0')}`, omschrijving: `Regel ${i} van de tabel` });

// Items whose fields count their reads: the matching's work, whatever it is made of.
let reads = 0;
function counted(x) {
  const out = {};
  for (const [k, v] of Object.entries(x)) Object.defineProperty(out, k, { enumerable: true, get() { reads++; return v; } });
  return out;
}

function work(n, edit) {
  const old = Array.from({ length: n }, (_, i) => item(i));
  const next = edit(old);
  const a = old.map(counted), b = next.map(counted);
  reads = 0;
  match(a, b);
  return reads;
}

const out = { reads: {}, saved: {} };
for (const [name, edit] of Object.entries(EDITS)) out.reads[name] = [work(4000, edit), work(16000, edit)];

// Whole saves of a 16,000-item file (the heap limit is the test's).
const format = makeFormat(YAML, null);
// The file as the house style writes it (built as text: the library's own parse is the costly part).
const list = Array.from({ length: 16000 }, (_, i) => item(i));
const lines = list.map(x => `  - code: ${x.code}\n    omschrijving: ${x.omschrijving}\n`);
const source = `code: T1\nregels:\n${lines.join('')}`;
for (const name of SAVES) {
  const data = format.fromFile(source);
  data.regels = EDITS[name](data.regels);
  const text = format.toFile(data);
  // The list as edited, in the house style, item by item (without a second parse).
  const want = `code: T1\nregels:\n${data.regels.map(x => `  - code: ${x.code}\n    omschrijving: ${x.omschrijving}\n`).join('')}`;
  if (text !== want) throw new Error(`${name}: the saved file is not the edited list`);
  out.saved[name] = text.length;
}
process.stdout.write(JSON.stringify(out));
