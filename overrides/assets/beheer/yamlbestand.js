// The CMS's file format for data/*.yaml: it edits the file it read instead of rewriting it.
//
// Decap CMS hands a format the whole entry and expects the whole file back. Written out afresh,
// every untouched line could change (quotes, key order, comments, blocks). So fromFile keeps the
// text it parsed in a hidden key, and toFile parses that text again as a yaml Document, changes only
// the nodes whose value differs, and prints the document: untouched nodes print exactly as they were
// (the data files are kept in the one style both this and the spreadsheet import print,
// macros/editing/yamlstyle.py; a test checks every file). New keys go where the model puts them.
// The yaml library is passed in, so the same code runs in the browser and in the tests (Node).

export const BRON = '_pb_bron';
// YAML 1.1, as the build reads the files (PyYAML): 'ja'/'yes'/'on', '12:30' and dates mean the same.
export const LEES = { version: '1.1', uniqueKeys: true };
export const SCHRIJF = {
  version: '1.1', lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false,
  indentSeq: true, blockQuote: 'literal', nullStr: 'null',
};

const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);

export function gelijk(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => gelijk(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter(k => a[k] !== undefined);
    const kb = Object.keys(b).filter(k => b[k] !== undefined);
    return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && gelijk(a[k], b[k]));
  }
  return false;
}

// The subtree of the key order for a key of a mapping (a map's free keys share '*').
const sub = (volgorde, key) => (volgorde ? (key in volgorde ? volgorde[key] : volgorde['*']) : null) ?? null;

// A plain value with its keys in model order (for nodes that are new).
export function geordend(value, volgorde) {
  if (Array.isArray(value)) return value.map(v => geordend(v, volgorde));
  if (!isObject(value)) return value;
  const keys = Object.keys(value).filter(k => value[k] !== undefined);
  const rank = k => (volgorde && k in volgorde ? Object.keys(volgorde).indexOf(k) : Infinity);
  keys.sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map(k => [k, geordend(value[k], sub(volgorde, k))]));
}

function keyOf(pair) {
  return pair.key && typeof pair.key === 'object' && 'value' in pair.key ? pair.key.value : pair.key;
}

// Longest common subsequence of equal items: which old item stays as which new item.
function koppel(oud, nieuw) {
  const n = oud.length, m = nieuw.length;
  const t = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i][j] = gelijk(oud[i], nieuw[j]) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    }
  }
  const paren = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (gelijk(oud[i], nieuw[j])) { paren.push([i, j]); i++; j++; } else if (t[i + 1][j] >= t[i][j + 1]) i++; else j++;
  }
  return paren;
}

export function maakFormaat(YAML, volgorde) {
  const nieuweNode = (doc, value, order) => doc.createNode(geordend(value, order));

  // Change `node` (holding `oud`) so that it holds `nieuw`; returns the node to keep in its place.
  function pas(doc, node, oud, nieuw, order) {
    if (gelijk(oud, nieuw)) return node;
    if (isObject(oud) && isObject(nieuw) && YAML.isMap(node)) {
      for (const key of Object.keys(oud)) {
        if (nieuw[key] === undefined) node.delete(key);
      }
      const rank = k => (order && k in order ? Object.keys(order).indexOf(k) : Infinity);
      for (const key of Object.keys(nieuw)) {
        if (nieuw[key] === undefined) continue;
        const kind = sub(order, key);
        if (Object.prototype.hasOwnProperty.call(oud, key)) {
          const pair = node.items.find(p => keyOf(p) === key);
          pair.value = pas(doc, pair.value, oud[key], nieuw[key], kind);
        } else {
          const pair = doc.createPair(key, geordend(nieuw[key], kind));
          const at = node.items.findIndex(p => rank(keyOf(p)) > rank(key));
          node.items.splice(at < 0 ? node.items.length : at, 0, pair);
        }
      }
      return node;
    }
    if (Array.isArray(oud) && Array.isArray(nieuw) && YAML.isSeq(node)) {
      const paren = koppel(oud, nieuw);
      const items = [];
      let vi = 0, vj = 0;
      for (const [pi, pj] of [...paren, [oud.length, nieuw.length]]) {
        // Between two kept items: changed items pair up in order, the rest is removed or new.
        for (let k = 0; vj + k < pj; k++) {
          const oi = vi + k;
          items.push(oi < pi ? pas(doc, node.items[oi], oud[oi], nieuw[vj + k], order) : nieuweNode(doc, nieuw[vj + k], order));
        }
        if (pi < oud.length) items.push(node.items[pi]);
        vi = pi + 1;
        vj = pj + 1;
      }
      node.items = items;
      return node;
    }
    if (YAML.isScalar(node) && !isObject(nieuw) && !Array.isArray(nieuw) && nieuw !== null &&
        oud !== null && typeof oud === typeof nieuw && !(typeof nieuw === 'string' && nieuw.includes('\n') !== String(oud).includes('\n'))) {
      node.value = nieuw; // keeps the scalar's style (quotes) where the new value allows it
      return node;
    }
    return nieuweNode(doc, nieuw, order);
  }

  return {
    fromFile(text) {
      const data = YAML.parse(text, LEES) ?? {};
      if (!isObject(data)) throw new Error('Het bestand bevat geen blok met velden.');
      data[BRON] = text;
      return data;
    },
    toFile(data) {
      const nieuw = { ...data };
      const bron = nieuw[BRON];
      delete nieuw[BRON];
      if (typeof bron !== 'string') {
        return new YAML.Document(geordend(nieuw, volgorde), SCHRIJF).toString(SCHRIJF);
      }
      const doc = YAML.parseDocument(bron, LEES);
      const oud = doc.toJS();
      doc.contents = pas(doc, doc.contents, oud, JSON.parse(JSON.stringify(nieuw)), volgorde);
      return doc.toString(SCHRIJF);
    },
  };
}
