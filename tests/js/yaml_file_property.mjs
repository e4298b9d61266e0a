// Property: every text the CMS's YAML writer (overrides/assets/cms/yaml_file.js) writes is read
// back by the build's real loader (macros/catalogue/yamlfile.py, PyYAML, through load_yaml.py in one
// Python process) as exactly that text, wherever it stands: a new file's value, a list item, a key,
// a sourced value's one-line form ({staat: …, citaat: …}), and an edited value that was plain, quoted
// or a block before. A text the writer refuses (with a Dutch message naming the field) is one no
// file can carry: the loader refuses it or reads something else, raw between double quotes and as
// an escape alike.
//   node yaml_file_property.mjs PYTHON SEED RUNS
// Exit 0 when the property holds; otherwise fast-check's report (with the shrunk text) on stderr.
import { spawn } from 'child_process';
import path from 'path';
import readline from 'readline';
import { fileURLToPath } from 'url';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { makeFormat } from '../../overrides/assets/cms/yaml_file.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const [python, seed, runs] = process.argv.slice(2);

// One loader process for the whole run; one request at a time (the property is sequential).
const loader = spawn(python, [path.join(here, 'load_yaml.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
const answers = readline.createInterface({ input: loader.stdout });
const waiting = [];
answers.on('line', line => waiting.shift()(JSON.parse(line)));
const load = text => new Promise(resolve => { waiting.push(resolve); loader.stdin.write(`${JSON.stringify(text)}\n`); });

const format = makeFormat(YAML, null);

// The places a text can stand, each as [data to write, where the text is in what the loader reads].
const PLACES = [
  ['value', s => format.toFile({ code: 'X1', naam: s }), d => d.naam],
  ['list item', s => format.toFile({ lijst: ['een', s, 'drie'] }), d => d.lijst[1]],
  ['key', s => format.toFile({ edities: { [s]: 'x' } }), d => (Object.keys(d.edities).length === 1 ? Object.keys(d.edities)[0] : d.edities)],
  ['sourced one-line form', s => format.toFile({ tarief: { staat: 'leeg', citaat: s } }), d => d.tarief.citaat],
  ...[['plain', 'oud'], ['single-quoted', "'oud'"], ['double-quoted', '"oud"'], ['block', '|-\n  oud'], ['two-line block', '|-\n  oud\n  oud']]
    .map(([style, old]) => [`edit of a ${style} value`, s => {
      const data = format.fromFile(`code: X1\nnaam: ${old}\nnoot: blijft # commentaar\n`);
      data.naam = s;
      return format.toFile(data);
    }, d => (d.noot === 'blijft' ? d.naam : d)]),
  ['edit inside a one-line form', s => {
    const data = format.fromFile("tarief: {staat: leeg, citaat: 'oud'}\nnoot: blijft\n");
    data.tarief.citaat = s;
    return format.toFile(data);
  }, d => (d.noot === 'blijft' && d.tarief.staat === 'leeg' ? d.tarief.citaat : d)],
];

// Texts YAML reads as something else, or that break its syntax, or that the loader refuses.
const TOKENS = [
  'yes', 'no', 'Yes', 'NO', 'on', 'Off', 'y', 'n', 'Y', 'N', 'true', 'False', '~', 'null', 'Null', 'NULL', '',
  '0x1F', '0o17', '017', '0b101', '1_000', '1:20', '190:20:30.15', '.inf', '-.Inf', '.NaN', '.5', '1.', '1e3', '1.5e-3',
  '+12', '-0', '2024-02-30', '2001-12-14t21:59:43.10-05:00', '2002-12-14', '2001-12-14 21:59:43.10 -5', '12:30',
  '<<', '=', '---', '...', '%YAML 1.1', '- x', '? x', ': x', 'a: b', 'a #b', '#x', '&a', '*a', '!x', '!!str', '|', '>',
  "'", '"', '%', '@', '`', ',', '[', ']', '{', '}', '-', '?', ':', ' ', '  ', '\t', '\n', '\n\n', ' \n', '\n ', '\r\n', '\r',
  '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u00a0', '\u200b', '\u202e', '\u0000', '\u0007', '\u001b',
  '\u007f', '\u009f', '\ud800', '\udfff', '\ud83d\ude00', 'é', '\\', '\\n', '"\\0"', '{{ 7*7 }}', '<script>', 'x: {staat: geen}',
];
const token = fc.constantFrom(...TOKENS);
const texts = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  { weight: 4, arbitrary: token },
  { weight: 6, arbitrary: fc.array(fc.oneof(token, fc.string({ unit: 'grapheme-ascii', maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 5 }).map(a => a.join('')) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant('\ud800'), fc.constant('\udc00'), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 4 }).map(a => a.join('')) },
);

const show = s => JSON.stringify(s);

// The loader reads `s` from no file: raw between double quotes, or escaped as JSON escapes it.
// (A loader crash on these hand-made files is a refusal here, noted on stderr: a defect of the
// loader, not of the writer.)
const crashes = new Set();
async function noFileHolds(s) {
  const raw = `naam: "${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
  const escaped = `naam: ${JSON.stringify(s)}\n`;
  for (const text of [raw, escaped]) {
    const r = await load(text);
    if (r.crash) crashes.add(`${r.crash.split('\n')[0]} for ${show(text)}`);
    if (r.ok && r.data.naam === s) return false;
  }
  return true;
}

const property = fc.asyncProperty(texts, async s => {
  for (const [place, write, read] of PLACES) {
    let out;
    try {
      out = write(s);
    } catch (e) {
      if (!/^Het veld '.*' bevat op positie \d+ een onzichtbaar teken \(U\+[0-9A-F]{4,}\)/.test(e.message)) throw e;
      if (!(await noFileHolds(s))) throw new Error(`${place}: the writer refused ${show(s)}, which the loader can read`, { cause: e });
      continue;
    }
    const r = await load(out);
    if (r.crash) throw new Error(`${place}: the loader crashed on the writer's file for ${show(s)}: ${r.crash}\n${out}`);
    if (!r.ok) throw new Error(`${place}: the loader refused the writer's file for ${show(s)}: ${r.error}\n${out}`);
    const got = read(r.data);
    if (got !== s) throw new Error(`${place}: wrote ${show(s)}, the loader read ${show(got)}\n${out}`);
  }
});

let failed = false;
try {
  await fc.assert(property, { seed: Number(seed), numRuns: Number(runs), endOnFailure: false });
  process.stdout.write(`ok: ${runs} texts in ${PLACES.length} places\n`);
} catch (e) {
  failed = true;
  process.stderr.write(`${e.message}\n${e.cause ? e.cause.stack || e.cause : ""}\n`);
}
for (const c of crashes) process.stderr.write(`note: the loader crashed (not a refusal in Dutch): ${c}\n`);
loader.stdin.end();
process.exitCode = failed ? 1 : 0;
