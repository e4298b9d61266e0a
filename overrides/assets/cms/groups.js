// The product form's sections (Kern, Bron, Duur en omvang, …: macros/cms/groups.py PRODUCT_GROUPS).
// Decap holds an entry's fields per section ({groep_kern: {code, naam, …}, …}); a data file keeps its flat
// keys. The YAML format groups a file's keys as it reads them and flattens them again before it writes,
// so yaml_file.js still sees the flat data and keeps every untouched line byte for byte. Pure: tests run
// it in Node.
import { isObject } from '../util.js';

/** Flat file data as the form holds it: each key in its section (model.json `groepen`: section -> keys);
    a key no section names (not in the model) stays where it is, so nothing read is lost. */
export function groupKeys(data, groups) {
  if (!groups || !isObject(data)) return data;
  const sectionOf = new Map();
  for (const [section, keys] of Object.entries(groups)) for (const v of keys) sectionOf.set(v, section);
  const out = Object.fromEntries(Object.keys(groups).map(g => [g, {}]));
  for (const [k, v] of Object.entries(data)) {
    if (sectionOf.has(k)) out[sectionOf.get(k)][k] = v;
    else out[k] = v;
  }
  return out;
}

/** The form's data as the file holds it: every section's keys back at the top, in the order they come. */
export function flatten(data, groups) {
  if (!groups || !isObject(data)) return data;
  const out = {};
  for (const [k, v] of Object.entries(data)) {
    if (!Object.prototype.hasOwnProperty.call(groups, k)) out[k] = v;
    else if (isObject(v)) Object.assign(out, v);
  }
  return out;
}

/** A file format (yaml_file.js makeFormat) whose entries the form holds in sections. */
export function withGroups(format, groups) {
  if (!groups) return format;
  return {
    fromFile: text => groupKeys(format.fromFile(text), groups),
    toFile: data => format.toFile(flatten(data, groups)),
  };
}

/** A value at a dotted path of an entry's data ('groep_kern.code'), Immutable or plain. */
export function atPath(data, path) {
  let v = data;
  for (const k of String(path).split('.')) {
    if (v === undefined || v === null) return undefined;
    v = typeof v.get === 'function' ? v.get(k) : v[k];
  }
  return v;
}
