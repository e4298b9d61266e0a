// The whole entry checked against the form's configuration (macros/cms/fields.py) with the same rules
// the widgets apply field by field (widgets.js `controleer`): before anything is saved (preSave) and
// again before an entry is published (prePublish), so an entry that fails validation, say one saved
// before these checks or edited elsewhere, cannot reach the published data. Pure: tests can run it in Node.
import { isObject } from '../util.js';

// Which alternative of a pb-keuze a value is (widgets.js has the same test for the radio buttons).
export const past = (keuze, v) => ('waarde' in keuze
  ? JSON.stringify(keuze.waarde) === JSON.stringify(v === undefined ? Symbol('leeg') : v)
  : v !== undefined && v !== null && (keuze.soort === 'array' ? Array.isArray(v)
    : keuze.soort === 'object' ? isObject(v) : typeof v === keuze.soort));

const leeg = v => v === undefined || v === null || v === '';

/** The problems of `data` against `velden` (Decap field configurations): a list of Dutch lines,
    each '<field label path>: <problem>'. `regel(pb_model, value)` is the widgets' check: true or {error}. */
export function problemen(velden, data, regel) {
  const out = [];
  const meld = (pad, tekst) => out.push(`${pad.join(' › ')}: ${tekst}`);
  const fout = (pad, r) => { if (r !== true && r?.error) meld(pad, r.error.message); };

  function veld(f, v, pad) {
    const hier = [...pad, f.label || f.name];
    if (f.widget === 'pb-groep' && (v === undefined || v === null)) v = {};
    if (v === undefined || (v === null && !['pb-keuze', 'pb-bron'].includes(f.widget))) {
      if (f.required !== false && !['pb-keuze', 'pb-bron', 'boolean'].includes(f.widget)) meld(hier, 'is niet ingevuld');
      else if (f.required !== false && f.widget === 'pb-bron') meld(hier, 'kies wat de bron zegt');
      else if (f.required !== false && f.widget === 'pb-keuze' && !f.keuzes.some(k => 'waarde' in k && k.waarde === null)) meld(hier, 'maak een keuze');
      return;
    }
    switch (f.widget) {
      case 'pb-getal':
        if (typeof v !== 'number') fout(hier, regel({ ...(f.pb_model || {}), type: f.pb_model?.type || 'number' }, String(v)));
        else fout(hier, regel(f.pb_model || {}, v));
        return;
      case 'pb-tekst':
        fout(hier, regel(f.pb_model || {}, v));
        return;
      case 'pb-lijst': {
        if (!Array.isArray(v)) { meld(hier, 'hoort een lijst te zijn'); return; }
        fout(hier, regel(f.pb_model || {}, v));
        v.forEach((item, i) => {
          const p = [...hier, String(i + 1)];
          if (f.pb_enkel) veld(f.pb_velden[0], item, p);
          else if (f.field) veld(f.field, item, p);
          else if (f.fields) blok(f.fields, item, p);
        });
        return;
      }
      case 'object':
        blok(f.fields, v, hier);
        return;
      case 'pb-groep': // a section of the form (groups.js): its fields, named after the section
        blok(f.fields, v, hier);
        return;
      case 'pb-keuze': {
        const keuze = f.keuzes.find(k => past(k, v));
        // Text in a number's place (typed, or written elsewhere: '' or '2,5'): the number's own reason.
        const getal = typeof v === 'string' && f.keuzes.find(k => k.soort === 'number' && k.veld);
        if (!keuze && getal) veld({ ...getal.veld, label: f.label }, v, pad);
        else if (!keuze) meld(hier, 'deze waarde past bij geen van de keuzes');
        else if (keuze.veld) veld({ ...keuze.veld, label: f.label }, v, pad);
        return;
      }
      case 'pb-bron': {
        const lang = isObject(v) && f.staten.some(s => s.staat === v.staat);
        const staat = f.staten.find(s => s.staat === (lang ? v.staat : 'vermeld'));
        for (const sub of staat.velden) {
          const w = lang ? v[sub.name] : sub.name === 'waarde' ? v : undefined;
          if (leeg(w) && sub.required === false) continue;
          veld(sub, w, pad);
        }
        return;
      }
      case 'select': {
        const opties = (f.options || []).map(o => (isObject(o) ? o.value : o));
        const waarden = f.multiple ? (Array.isArray(v) ? v : [v]) : [v];
        if (waarden.some(w => !opties.includes(w))) meld(hier, 'kies een van de mogelijkheden in de lijst');
        return;
      }
      default:
    }
  }

  function blok(velden, v, pad) {
    if (!isObject(v)) { meld(pad, 'hoort een blok met velden te zijn'); return; }
    for (const f of velden) veld(f, v[f.name], pad);
  }

  blok(velden, data, []);
  return out;
}
