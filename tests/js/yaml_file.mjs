// Drives the CMS's YAML format (overrides/assets/cms/yaml_file.js) from the tests, in Node.
//   node yaml_file.mjs roundtrip ORDERS.json FILE...        prints the files whose round trip is not exact
//   node yaml_file.mjs edit ORDERS.json KIND FILE EDITS.json  prints the file after the edits
// EDITS: [[path, value], ...]; a value {"$delete": true} removes the key.
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const YAML = await import(path.join(root, 'node_modules', 'yaml', 'dist', 'index.js'));
const { makeFormat } = await import(path.join(root, 'overrides', 'assets', 'cms', 'yaml_file.js'));

const [mode, ordersFile, ...rest] = process.argv.slice(2);
const orders = JSON.parse(fs.readFileSync(ordersFile, 'utf8'));

function kindOf(file) {
  const p = file.split(path.sep).join('/');
  for (const [dir, kind] of [['/products/', 'product'], ['/regions/', 'regio'], ['/secties/', 'sectie'],
    ['/beslisbomen/', 'beslisboom'], ['/codetabellen/', 'codetabel'], ['/matrices/', 'matrix']]) {
    if (p.includes(dir)) return kind;
  }
  return p.endsWith('/synoniemen.yaml') ? 'synoniemen' : null;
}

if (mode === 'roundtrip') {
  const bad = [];
  for (const file of rest) {
    const text = fs.readFileSync(file, 'utf8');
    const f = makeFormat(YAML, orders[kindOf(file)] ?? null);
    if (f.toFile(f.fromFile(text)) !== text) bad.push(file);
  }
  process.stdout.write(JSON.stringify(bad));
} else if (mode === 'edit') {
  const [kind, file, editsFile] = rest;
  const f = makeFormat(YAML, orders[kind] ?? null);
  const data = fs.existsSync(file) ? f.fromFile(fs.readFileSync(file, 'utf8')) : {};
  for (const [p, value] of JSON.parse(fs.readFileSync(editsFile, 'utf8'))) {
    let node = data;
    for (const k of p.slice(0, -1)) node = node[k];
    const last = p[p.length - 1];
    if (value && value.$delete) {
      if (Array.isArray(node)) node.splice(last, 1); else delete node[last];
    } else if (value && value.$insert !== undefined) {
      node.splice(last, 0, value.$insert);
    } else node[last] = value;
  }
  process.stdout.write(f.toFile(data));
} else {
  console.error('usage: roundtrip|edit');
  process.exit(2);
}
