// The CMS at /beheer/: registers the data files' YAML format and the model's widgets, then starts Decap CMS.
// config.yml and model.json next to the page are generated at build time (macros/cms/config.py).
import * as YAML from '../vendor/yaml/index.js';
import { makeFormat } from './yaml_file.js';
import { makeWidgets, existingFiles } from './widgets.js';
import { entryProblems } from './entry_check.js';
import { registerDutch, keepNamingButtons } from './locale.js';
import { withGroups, atPath } from './groups.js';

const { CMS, createClass, h } = window;

// The local backend (decap-server) when editing on this machine: served on the page's own address
// under /api/v1 (macros/cms/local.py, scripts/beheer.sh, the tests); the page's CSP allows no other.
async function localApi() {
  if (!['localhost', '127.0.0.1'].includes(location.hostname)) return null;
  const here = new URL('/api/v1', location.href).href;
  try {
    const r = await fetch(here, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' });
    if (r.ok && (await r.json()).repo) return here;
  } catch { /* not served here */ }
  return null;
}

const model = await (await fetch(new URL('model.json', location.href))).json();
for (const [kind, keyOrder] of Object.entries(model.volgorde)) {
  CMS.registerCustomFormat(`pb-${kind}`, 'yaml', withGroups(makeFormat(YAML, keyOrder), model.groepen?.[kind]));
}
const { check } = makeWidgets(CMS, createClass, h, model);
registerDutch(CMS);
// The configuration is read here (not by Decap from its <link>), so a server that sends .yml with
// another content type does not matter. It is JSON after its comment lines (macros/cms/config.py):
// JSON.parse reads it in milliseconds, where the YAML parser took seconds at a few hundred products.
const config = JSON.parse((await (await fetch(new URL('config.yml', location.href))).text()).replace(/^(?:#.*\n)*/, ''));

// Nothing is saved or published that the model's rules refuse (entry_check.js): the widgets refuse a
// wrong value as it is typed; these checks cover the whole entry, whatever state it was loaded in.
const fieldsOf = Object.fromEntries(config.collections.filter(c => c.fields).map(c => [c.name, c.fields]));
const js = v => (v && typeof v.toJS === 'function' ? v.toJS() : v);
// A refusal as Decap shows it in its message ('Niet gepubliceerd: %{details}', locale.js): the text alone,
// without the 'Error: ' that a plain Error prints.
class Refusal extends Error {
  toString() { return this.message; }
}
function refuseInvalid(entry, action) {
  const fields = fieldsOf[entry.get('collection')];
  if (!fields) return;
  const data = { ...js(entry.get('data')) };
  for (const k of Object.keys(data)) if (k.startsWith('_pb_')) delete data[k];
  const problems = entryProblems(fields, data, check);
  if (problems.length) {
    throw new Refusal(`${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (en nog ${problems.length - 3})` : ''}. `
      + (action === 'publish' ? 'Herstel dit in het formulier, sla op en publiceer opnieuw.' : 'Herstel dit in het formulier en sla opnieuw op.'));
  }
}
const codePath = fields => {
  for (const f of fields || []) {
    const path = f.pb_pad || codePath(f.fields);
    if (path) return path;
  }
  return null;
};
const fileName = text => String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    refuseInvalid(entry, 'save');
    const collection = entry.get('collection');
    if (!entry.get('newRecord') || !collection.startsWith('producten-')) return entry.get('data');
    // A new product's file: its code, or without a code its name (never 'null'); a name that is taken is refused.
    // Where they are in the form's sections: the code field's pb_pad, the collection's identifier_field.
    const data = entry.get('data');
    const c = config.collections.find(x => x.name === collection);
    const name = fileName(atPath(data, codePath(c.fields) || 'code') || atPath(data, c.identifier_field || 'naam') || '');
    if (!name) throw new Refusal('geef het product een code of een naam; daarmee krijgt het bestand zijn naam.');
    const taken = existingFiles.get(collection);
    if (taken?.has(name)) {
      throw new Refusal(`er is al een bestand ${name}.yaml in deze regio. Kies een andere code of naam, `
        + 'of open het bestaande product en wijzig dat.');
    }
    return data.set('_pb_bestand', name);
  },
});
CMS.registerEventListener({ name: 'prePublish', handler: ({ entry }) => refuseInvalid(entry, 'publish') });
keepNamingButtons();
const api = await localApi();
if (api) config.local_backend = { ...config.local_backend, url: api };
else delete config.local_backend; // no decap-server here: GitHub (the page's CSP allows no other origin)
CMS.init({ config: { ...config, load_config_file: false } });
