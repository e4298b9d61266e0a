// The product form's sections (Kern, Bron, Duur en omvang, …: macros/cms/config.py PRODUCT_GROUPS).
// Decap holds an entry's fields per section ({groep_kern: {code, naam, …}, …}); a data file keeps its flat
// keys. The YAML format groups a file's keys as it reads them and flattens them again before it writes,
// so yaml_file.js still sees the flat data and keeps every untouched line byte for byte. Pure: tests run
// it in Node.
import { isObject } from '../util.js';

/** Flat file data as the form holds it: each key in its section (model.json `groepen`: section -> keys);
    a key no section names (not in the model) stays where it is, so nothing read is lost. */
export function groepeer(data, groepen) {
  if (!groepen || !isObject(data)) return data;
  const waar = new Map();
  for (const [groep, velden] of Object.entries(groepen)) for (const v of velden) waar.set(v, groep);
  const out = Object.fromEntries(Object.keys(groepen).map(g => [g, {}]));
  for (const [k, v] of Object.entries(data)) {
    if (waar.has(k)) out[waar.get(k)][k] = v;
    else out[k] = v;
  }
  return out;
}

/** The form's data as the file holds it: every section's keys back at the top, in the order they come. */
export function plat(data, groepen) {
  if (!groepen || !isObject(data)) return data;
  const out = {};
  for (const [k, v] of Object.entries(data)) {
    if (!Object.prototype.hasOwnProperty.call(groepen, k)) out[k] = v;
    else if (isObject(v)) Object.assign(out, v);
  }
  return out;
}

/** A file format (yaml_file.js makeFormat) whose entries the form holds in sections. */
export function metGroepen(format, groepen) {
  if (!groepen) return format;
  return {
    fromFile: text => groepeer(format.fromFile(text), groepen),
    toFile: data => format.toFile(plat(data, groepen)),
  };
}

/** A value at a dotted path of an entry's data ('groep_kern.code'), Immutable or plain. */
export function opPad(data, pad) {
  let v = data;
  for (const k of String(pad).split('.')) {
    if (v === undefined || v === null) return undefined;
    v = typeof v.get === 'function' ? v.get(k) : v[k];
  }
  return v;
}
