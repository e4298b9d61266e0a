// The CMS at /beheer/: registers the data files' YAML format and the model's widgets, then starts Decap CMS.
// config.yml and model.json next to the page are generated at build time (macros/cms/config.py).
import * as YAML from '../vendor/yaml/index.js';
import { makeFormat } from './yaml_file.js';
import { makeWidgets, bestaande } from './widgets.js';
import { problemen } from './entry_check.js';
import { registreerTaal, benoemKnoppen } from './taal.js';
import { withGroups, atPath } from './groups.js';

const { CMS, createClass, h } = window;

// The local backend (decap-server) when editing on this machine: served on the page's own address
// under /api/v1 (macros/cms/local.py, scripts/beheer.sh, the tests); the page's CSP allows no other.
async function lokaleApi() {
  if (!['localhost', '127.0.0.1'].includes(location.hostname)) return null;
  const hier = new URL('/api/v1', location.href).href;
  try {
    const r = await fetch(hier, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' });
    if (r.ok && (await r.json()).repo) return hier;
  } catch { /* not served here */ }
  return null;
}

const model = await (await fetch(new URL('model.json', location.href))).json();
for (const [soort, volgorde] of Object.entries(model.volgorde)) {
  CMS.registerCustomFormat(`pb-${soort}`, 'yaml', withGroups(makeFormat(YAML, volgorde), model.groepen?.[soort]));
}
const { controleer } = makeWidgets(CMS, createClass, h, model);
registreerTaal(CMS);
// The configuration is read here (not by Decap from its <link>), so a server that sends .yml with
// another content type does not matter. It is JSON after its comment lines (macros/cms/config.py):
// JSON.parse reads it in milliseconds, where the YAML parser took seconds at a few hundred products.
const config = JSON.parse((await (await fetch(new URL('config.yml', location.href))).text()).replace(/^(?:#.*\n)*/, ''));

// Nothing is saved or published that the model's rules refuse (entry_check.js): the widgets refuse a
// wrong value as it is typed; these checks cover the whole entry, whatever state it was loaded in.
const velden = Object.fromEntries(config.collections.filter(c => c.fields).map(c => [c.name, c.fields]));
const js = v => (v && typeof v.toJS === 'function' ? v.toJS() : v);
// A refusal as Decap shows it in its message ('Niet gepubliceerd: %{details}', taal.js): the text alone,
// without the 'Error: ' that a plain Error prints.
class Weigering extends Error {
  toString() { return this.message; }
}
function weiger(entry, wat) {
  const fields = velden[entry.get('collection')];
  if (!fields) return;
  const data = { ...js(entry.get('data')) };
  for (const k of Object.keys(data)) if (k.startsWith('_pb_')) delete data[k];
  const fout = problemen(fields, data, controleer);
  if (fout.length) {
    throw new Weigering(`${fout.slice(0, 3).join('; ')}${fout.length > 3 ? ` (en nog ${fout.length - 3})` : ''}. `
      + (wat === 'Publiceren' ? 'Herstel dit in het formulier, sla op en publiceer opnieuw.' : 'Herstel dit in het formulier en sla opnieuw op.'));
  }
}
const codePad = fields => {
  for (const f of fields || []) {
    const pad = f.pb_pad || codePad(f.fields);
    if (pad) return pad;
  }
  return null;
};
const bestandsnaam = tekst => String(tekst).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    weiger(entry, 'Opslaan');
    const collection = entry.get('collection');
    if (!entry.get('newRecord') || !collection.startsWith('producten-')) return entry.get('data');
    // A new product's file: its code, or without a code its name (never 'null'); a name that is taken is refused.
    // Where they are in the form's sections: the code field's pb_pad, the collection's identifier_field.
    const data = entry.get('data');
    const c = config.collections.find(x => x.name === collection);
    const naam = bestandsnaam(atPath(data, codePad(c.fields) || 'code') || atPath(data, c.identifier_field || 'naam') || '');
    if (!naam) throw new Weigering('geef het product een code of een naam; daarmee krijgt het bestand zijn naam.');
    const al = bestaande.get(collection);
    if (al?.has(naam)) {
      throw new Weigering(`er is al een bestand ${naam}.yaml in deze regio. Kies een andere code of naam, `
        + 'of open het bestaande product en wijzig dat.');
    }
    return data.set('_pb_bestand', naam);
  },
});
CMS.registerEventListener({ name: 'prePublish', handler: ({ entry }) => weiger(entry, 'Publiceren') });
benoemKnoppen();
const api = await lokaleApi();
if (api) config.local_backend = { ...config.local_backend, url: api };
else delete config.local_backend; // no decap-server here: GitHub (the page's CSP allows no other origin)
CMS.init({ config: { ...config, load_config_file: false } });
