// The whole-entry check (overrides/assets/cms/entry_check.js) on every product file of the data, read as the
// form reads it: each passes unchanged; with one number replaced by what a person might have left in it
// (empty, '2,5' as text, '1e3'), it is refused, naming the field. This is what preSave and prePublish
// run, so an entry that fails validation is neither saved nor published.
//   node entry_check.mjs CONFIG_JSON MODEL_JSON DATA_DIR
import fs from 'fs';
import path from 'path';
import * as YAML from 'yaml';
import { entryProblems } from '../../overrides/assets/cms/entry_check.js';
import { makeCheck } from '../../overrides/assets/cms/widgets.js';
import { READ_OPTIONS } from '../../overrides/assets/cms/yaml_file.js';
import { groupKeys } from '../../overrides/assets/cms/groups.js';

const [configPath, modelPath, dataDir] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
const model = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
const { check } = makeCheck(model);
const fail = [];
let files = 0, refused = 0;
function numbers(v, at = [], out = []) {
  if (typeof v === 'number') out.push(at);
  else if (v && typeof v === 'object') for (const [k, w] of Object.entries(v)) numbers(w, [...at, k], out);
  return out;
}
for (const c of config.collections.filter(x => x.name.startsWith('producten-'))) {
  const dir = path.join(dataDir, '..', c.folder);
  if (!fs.existsSync(dir)) continue; // a region without products yet
  for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.yaml')).sort()) {
    files++;
    // as the form holds it: in its sections (groups.js, what the YAML format's fromFile gives Decap)
    const data = groupKeys(YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'), READ_OPTIONS), model.groepen.product);
    const p = entryProblems(c.fields, data, check);
    if (p.length) fail.push(`${f}: refused as it is: ${p.join('; ')}`);
    for (const at of numbers(data)) {
      for (const wrong of ['', '2,5', '1e3']) {
        const copy = structuredClone(data);
        let o = copy;
        for (const k of at.slice(0, -1)) o = o[k];
        o[at.at(-1)] = wrong;
        if (entryProblems(c.fields, copy, check).length === 0) fail.push(`${f}: ${at.join('.')} = '${wrong}' not refused`);
        else refused++;
      }
    }
  }
}
if (fail.length) { process.stderr.write(fail.slice(0, 20).join('\n')); process.exit(1); }
process.stdout.write(`ok: ${files} files, ${refused} wrong numbers refused\n`);
