// The whole entry checked against the form's configuration (macros/cms/fields.py) with the same rules
// the widgets apply field by field (widgets.js `check`): before anything is saved (preSave) and
// again before an entry is published (prePublish), so an entry that fails validation, say one saved
// before these checks or edited elsewhere, cannot reach the published data. Pure: tests can run it in Node.
import { isObject } from '../util.js';

// Which alternative of a pb-keuze a value is (widgets.js has the same test for the radio buttons).
export const fitsChoice = (choice, v) => ('waarde' in choice
  ? JSON.stringify(choice.waarde) === JSON.stringify(v === undefined ? Symbol('leeg') : v)
  : v !== undefined && v !== null && (choice.soort === 'array' ? Array.isArray(v)
    : choice.soort === 'object' ? isObject(v) : typeof v === choice.soort));

const isEmpty = v => v === undefined || v === null || v === '';

/** The problems of `data` against `fields` (Decap field configurations): a list of Dutch lines,
    each '<field label path>: <problem>'. `check(pb_model, value)` is the widgets' check: true or {error}. */
export function entryProblems(fields, data, check) {
  const out = [];
  const report = (path, text) => out.push(`${path.join(' › ')}: ${text}`);
  const reportCheck = (path, r) => { if (r !== true && r?.error) report(path, r.error.message); };

  function field(f, v, path) {
    const here = [...path, f.label || f.name];
    if (f.widget === 'pb-groep' && (v === undefined || v === null)) v = {};
    if (v === undefined || (v === null && !['pb-keuze', 'pb-bron'].includes(f.widget))) {
      if (f.required !== false && !['pb-keuze', 'pb-bron', 'boolean'].includes(f.widget)) report(here, 'is niet ingevuld');
      else if (f.required !== false && f.widget === 'pb-bron') report(here, 'kies wat de bron zegt');
      else if (f.required !== false && f.widget === 'pb-keuze' && !f.keuzes.some(k => 'waarde' in k && k.waarde === null)) report(here, 'maak een keuze');
      return;
    }
    switch (f.widget) {
      case 'pb-getal':
        if (typeof v !== 'number') reportCheck(here, check({ ...(f.pb_model || {}), type: f.pb_model?.type || 'number' }, String(v)));
        else reportCheck(here, check(f.pb_model || {}, v));
        return;
      case 'pb-tekst':
        reportCheck(here, check(f.pb_model || {}, v));
        return;
      case 'pb-lijst': {
        if (!Array.isArray(v)) { report(here, 'hoort een lijst te zijn'); return; }
        reportCheck(here, check(f.pb_model || {}, v));
        v.forEach((item, i) => {
          const p = [...here, String(i + 1)];
          if (f.pb_enkel) field(f.pb_velden[0], item, p);
          else if (f.field) field(f.field, item, p);
          else if (f.fields) block(f.fields, item, p);
        });
        return;
      }
      case 'object':
        block(f.fields, v, here);
        return;
      case 'pb-groep': // a section of the form (groups.js): its fields, named after the section
        block(f.fields, v, here);
        return;
      case 'pb-keuze': {
        const choice = f.keuzes.find(k => fitsChoice(k, v));
        // Text in a number's place (typed, or written elsewhere: '' or '2,5'): the number's own reason.
        const numberChoice = typeof v === 'string' && f.keuzes.find(k => k.soort === 'number' && k.veld);
        if (!choice && numberChoice) field({ ...numberChoice.veld, label: f.label }, v, path);
        else if (!choice) report(here, 'deze waarde past bij geen van de keuzes');
        else if (choice.veld) field({ ...choice.veld, label: f.label }, v, path);
        return;
      }
      case 'pb-bron': {
        const long = isObject(v) && f.staten.some(s => s.staat === v.staat);
        const state = f.staten.find(s => s.staat === (long ? v.staat : 'vermeld'));
        for (const sub of state.velden) {
          const w = long ? v[sub.name] : sub.name === 'waarde' ? v : undefined;
          if (isEmpty(w) && sub.required === false) continue;
          field(sub, w, path);
        }
        return;
      }
      case 'select': {
        const options = (f.options || []).map(o => (isObject(o) ? o.value : o));
        const values = f.multiple ? (Array.isArray(v) ? v : [v]) : [v];
        if (values.some(w => !options.includes(w))) report(here, 'kies een van de mogelijkheden in de lijst');
        return;
      }
      default:
    }
  }

  function block(fields, v, path) {
    if (!isObject(v)) { report(path, 'hoort een blok met velden te zijn'); return; }
    for (const f of fields) field(f, v[f.name], path);
  }

  block(fields, data, []);
  return out;
}
