// The product form's sections (overrides/assets/cms/groups.js) with the CMS's YAML format, on every product
// file of the data: read as the form holds it, every model key sits in a section and none at the top; written
// back unchanged, the file is byte for byte the same; one field edited inside its section (the name, and the
// first number anywhere) changes exactly one line.
//   node groups.mjs MODEL_JSON DATA_DIR
import fs from 'fs';
import path from 'path';
import * as YAML from 'yaml';
import { makeFormat } from '../../overrides/assets/cms/yaml_file.js';
import { withGroups } from '../../overrides/assets/cms/groups.js';

const [modelPath, dataDir] = process.argv.slice(2);
const model = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
const groups = model.groepen.product;
const format = withGroups(makeFormat(YAML, model.volgorde.product), groups);
const modelKeys = new Set(Object.keys(model.volgorde.product));
const fail = [];
let files = 0, edits = 0;
const changedLines = (a, b) => {
  const x = a.split('\n'), y = b.split('\n');
  if (x.length !== y.length) return -1;
  return x.filter((line, i) => line !== y[i]).length;
};
function firstNumber(v, at = []) {
  if (typeof v === 'number') return at;
  if (v && typeof v === 'object') {
    for (const [k, w] of Object.entries(v)) {
      const found = firstNumber(w, [...at, k]);
      if (found) return found;
    }
  }
  return null;
}
const productsDir = path.join(dataDir, 'products');
for (const region of fs.readdirSync(productsDir).sort()) {
  for (const f of fs.readdirSync(path.join(productsDir, region)).filter(n => n.endsWith('.yaml')).sort()) {
    files++;
    const file = path.join(productsDir, region, f);
    const text = fs.readFileSync(file, 'utf8');
    const data = format.fromFile(text);
    const loose = Object.keys(data).filter(k => modelKeys.has(k));
    if (loose.length) fail.push(`${file}: not in a section: ${loose.join(', ')}`);
    if (format.toFile(structuredClone(data)) !== text) fail.push(`${file}: round trip not exact`);
    const renamed = structuredClone(data);
    renamed.groep_kern.naam = `${renamed.groep_kern.naam} (nieuw)`;
    if (changedLines(text, format.toFile(renamed)) !== 1) fail.push(`${file}: renaming changed more than one line`);
    else edits++;
    const at = firstNumber(data);
    if (at) {
      const copy = structuredClone(data);
      let o = copy;
      for (const k of at.slice(0, -1)) o = o[k];
      o[at.at(-1)] += 1;
      if (changedLines(text, format.toFile(copy)) !== 1) fail.push(`${file}: ${at.join('.')} + 1 changed more than one line`);
      else edits++;
    }
  }
}
if (fail.length) { process.stderr.write(fail.slice(0, 20).join('\n')); process.exit(1); }
process.stdout.write(`ok: ${files} files, ${edits} one-line edits\n`);
