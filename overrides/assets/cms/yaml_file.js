// The CMS's file format for data/*.yaml: it edits the file it read instead of rewriting it.
//
// Decap CMS hands a format the whole entry and expects the whole file back. Written out afresh,
// every untouched line could change (quotes, key order, comments, blocks). So fromFile keeps the
// text it parsed in a hidden key, and toFile parses that text again as a yaml Document, changes only
// the nodes whose value differs, and prints the document: untouched nodes print exactly as they were
// (the data files are kept in the one style both this and the spreadsheet import print,
// macros/editing/yamlstyle.py; a test checks every file). New keys go where the model puts them.
// The yaml library is passed in, so the same code runs in the browser and in the tests (Node).
//
// Every text the form writes is read back by the build's loader (PyYAML, YAML 1.1,
// macros/catalogue/yamlfile.py) as exactly that text: a plain scalar only where YAML 1.1 reads it as
// text, quotes otherwise; a text the loader refuses (control characters) is refused here, in Dutch
// (the rules for texts are yaml_text.js).
// toFile is linear in the size of the file: lists are matched item by item after their common
// start and end, with a bounded table for the changed middle (tests/js/yaml_file_property.mjs,
// tests/test_yaml_style.py).
import { isObject } from '../util.js';
import { blockIsText, checkText, plainIsText } from './yaml_text.js';

export const SOURCE_KEY = '_pb_bron';
// A new product's file name (macros/cms/config.py FILE_NAME_KEY, set by cms.js): the form's, never written.
export const FILE_NAME_KEY = '_pb_bestand';
// YAML 1.1, as the build reads the files (PyYAML): 'ja'/'yes'/'on', '12:30' and dates mean the same.
// No merge keys (the library's 1.1 schema has them): the loader refuses the anchors they need, and
// with them the library would write the text '<<' as a bare merge key.
const customTags = tags => tags.filter(t => t.tag !== 'tag:yaml.org,2002:merge');
export const READ_OPTIONS = { version: '1.1', uniqueKeys: true, customTags };
export const WRITE_OPTIONS = {
  version: '1.1', customTags, lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false,
  indentSeq: true, blockQuote: 'literal', nullStr: 'null',
};

// --- Values ---------------------------------------------------------------------------------------------

export function equal(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter(k => a[k] !== undefined);
    const kb = Object.keys(b).filter(k => b[k] !== undefined);
    return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
  }
  return false;
}

// The subtree of the key order for a key of a mapping (a map's free keys share '*').
const sub = (order, key) => (order ? (Object.prototype.hasOwnProperty.call(order, key) ? order[key] : order['*']) : null) ?? null;

// The state of a sourced value's long form ({staat: niet-vermeld}); null for a plain value.
const stateOf = v => (isObject(v) && typeof v.staat === 'string' ? v.staat : null);
// A sourced field's order has '$bron': the order of its long form (macros/cms/schema.py key_order).
const orderFor = (order, value) => (order && order.$bron && stateOf(value) !== null ? order.$bron : order);

// The rank of each key of an order (its position), computed once per order object.
const ranks = new WeakMap();
function rankOf(order) {
  if (!order || typeof order !== 'object') return () => Infinity;
  let r = ranks.get(order);
  if (!r) {
    r = new Map(Object.keys(order).map((k, i) => [k, i]));
    ranks.set(order, r);
  }
  return k => r.get(k) ?? Infinity;
}

// A plain value with its keys in model order (for nodes that are new).
export function ordered(value, order) {
  if (Array.isArray(value)) return value.map(v => ordered(v, order));
  if (!isObject(value)) return value;
  order = orderFor(order, value);
  const rank = rankOf(order);
  const keys = Object.keys(value).filter(k => value[k] !== undefined);
  keys.sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map(k => [k, ordered(value[k], sub(order, k))]));
}

// A pair's key as the data has it (toJS makes every key a string).
function keyOf(pair) {
  return String(pair.key && typeof pair.key === 'object' && 'value' in pair.key ? pair.key.value : pair.key);
}
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;

// At most this many cells for the table that matches the changed middle of two lists (about 8 MB);
// a larger middle is matched item by item, in order.
const MAX_CELLS = 1 << 20;

// Which old item stays as which new item: the common start and end as they are, and for the middle
// the longest common subsequence of equal items when its table is small. Linear in the list lengths
// (plus a bounded table), so saving a long list stays fast whatever changed.
export function match(old, next) {
  const n = old.length, m = next.length;
  let head = 0;
  while (head < n && head < m && equal(old[head], next[head])) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && equal(old[n - 1 - tail], next[m - 1 - tail])) tail++;
  const pairs = [];
  for (let i = 0; i < head; i++) pairs.push([i, i]);
  const a = n - head - tail, b = m - head - tail;
  if (a > 0 && b > 0 && (a + 1) * (b + 1) <= MAX_CELLS) {
    const w = b + 1;
    const t = new Uint32Array((a + 1) * w);
    const same = (i, j) => equal(old[head + i], next[head + j]);
    for (let i = a - 1; i >= 0; i--) {
      for (let j = b - 1; j >= 0; j--) {
        t[i * w + j] = same(i, j) ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
      }
    }
    let i = 0, j = 0;
    while (i < a && j < b) {
      if (same(i, j)) { pairs.push([head + i, head + j]); i++; j++; } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) i++; else j++;
    }
  }
  for (let k = tail; k > 0; k--) pairs.push([n - k, m - k]);
  return pairs;
}

export function makeFormat(YAML, keyOrder) {
  // Quote a new or changed text where YAML would not read it plainly as that text; refuse one the
  // loader refuses. `path` names the field in the message.
  function styleText(node, path, inFlow) {
    if (!YAML.isScalar(node) || typeof node.value !== 'string') return;
    checkText(node.value, path);
    if (node.value.includes('\n')) {
      // A literal block (|) where it holds the text exactly, else double quotes.
      node.type = blockIsText(node.value) ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
    } else if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && blockIsText(node.value)) {
      // a one-line text in a block stays there
    } else if (!plainIsText(node.value, inFlow)) {
      // Quotes (double ones stay); the library turns single into double quotes where single cannot hold the text.
      if (node.type !== 'QUOTE_DOUBLE') node.type = 'QUOTE_SINGLE';
    } else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      node.type = undefined;
    }
  }

  // Every text in a new node (keys and values), checked and quoted where needed.
  function styleTree(node, path, inFlow) {
    const stack = [[node, path, inFlow]];
    while (stack.length) {
      const [n, p, f] = stack.pop();
      if (YAML.isMap(n)) {
        for (const pair of n.items) {
          const key = keyOf(pair);
          styleText(pair.key, p.concat(key), f || n.flow);
          stack.push([pair.value, p.concat(key), f || n.flow]);
        }
      } else if (YAML.isSeq(n)) {
        n.items.forEach((item, i) => stack.push([item, p.concat(i), f || n.flow]));
      } else {
        styleText(n, p, f);
      }
    }
  }

  // A new node in the house style: a sourced value's long form with only plain values on one line
  // without line breaks on one line ({staat: leeg, citaat: …}), as the data writes it; else block style.
  function newNode(doc, value, order, path, inFlow) {
    const node = doc.createNode(ordered(value, order));
    YAML.visit(node, {
      Map(_, map) {
        const oneLine = p => YAML.isScalar(p.value) && !String(p.value.value).includes('\n');
        if (map.items.some(p => keyOf(p) === 'staat') && map.items.every(oneLine)) map.flow = true;
      },
    });
    styleTree(node, path, inFlow);
    return node;
  }

  // Change `node` (holding `old`) so that it holds `next`; returns the node to keep in its place.
  function update(doc, node, old, next, order, path, inFlow) {
    if (equal(old, next)) return node;
    if (order && order.$bron) {
      // A sourced value that changes state (plain ↔ long form, or another staat) is written anew.
      if (stateOf(old) !== stateOf(next)) return newNode(doc, next, order, path, inFlow);
      order = orderFor(order, next);
    }
    if (isObject(old) && isObject(next) && YAML.isMap(node)) {
      const flow = inFlow || !!node.flow;
      const rank = rankOf(order);
      const byKey = new Map(node.items.map(p => [keyOf(p), p]));
      const added = [];
      for (const key of Object.keys(next)) {
        if (next[key] === undefined) continue;
        const kind = sub(order, key);
        if (has(old, key) && byKey.has(key)) {
          const pair = byKey.get(key);
          pair.value = update(doc, pair.value, old[key], next[key], kind, path.concat(key), flow);
        } else {
          const pair = doc.createPair(key, null);
          styleText(pair.key, path.concat(key), flow);
          pair.value = newNode(doc, next[key], kind, path.concat(key), flow);
          added.push(pair);
        }
      }
      // Removed keys go; a new key goes before the first item of a later rank (in one pass: the
      // running maximum of the ranks is ordered, so the new keys merge in by their rank).
      const kept = node.items.filter(p => has(next, keyOf(p)));
      added.sort((x, y) => rank(keyOf(x)) - rank(keyOf(y)));
      const items = [];
      let max = -Infinity, a = 0;
      for (const p of kept) {
        max = Math.max(max, rank(keyOf(p)));
        while (a < added.length && rank(keyOf(added[a])) < max) items.push(added[a++]);
        items.push(p);
      }
      while (a < added.length) items.push(added[a++]);
      node.items = items;
      return node;
    }
    if (Array.isArray(old) && Array.isArray(next) && YAML.isSeq(node)) {
      const flow = inFlow || !!node.flow;
      const pairs = match(old, next);
      const items = [];
      let oi0 = 0, nj0 = 0;
      for (const [pi, pj] of [...pairs, [old.length, next.length]]) {
        // Between two kept items: changed items pair up in order, the rest is removed or new.
        for (let k = 0; nj0 + k < pj; k++) {
          const oi = oi0 + k, nj = nj0 + k;
          items.push(oi < pi ? update(doc, node.items[oi], old[oi], next[nj], order, path.concat(nj), flow)
            : newNode(doc, next[nj], order, path.concat(nj), flow));
        }
        if (pi < old.length) items.push(node.items[pi]);
        oi0 = pi + 1;
        nj0 = pj + 1;
      }
      node.items = items;
      return node;
    }
    if (YAML.isScalar(node) && !isObject(next) && !Array.isArray(next) && next !== null &&
        old !== null && typeof old === typeof next && !(typeof next === 'string' && next.includes('\n') !== String(old).includes('\n'))) {
      node.value = next; // keeps the scalar's style (quotes) where the new value allows it
      styleText(node, path, inFlow);
      return node;
    }
    return newNode(doc, next, order, path, inFlow);
  }

  return {
    fromFile(text) {
      const data = YAML.parse(text, READ_OPTIONS) ?? {};
      if (!isObject(data)) throw new Error('Het bestand bevat geen blok met velden.');
      data[SOURCE_KEY] = text;
      return data;
    },
    toFile(data) {
      const next = { ...data };
      const source = next[SOURCE_KEY];
      delete next[SOURCE_KEY];
      delete next[FILE_NAME_KEY];
      if (typeof source !== 'string') {
        const doc = new YAML.Document(null, WRITE_OPTIONS);
        doc.contents = newNode(doc, next, keyOrder, [], false);
        return doc.toString(WRITE_OPTIONS);
      }
      const doc = YAML.parseDocument(source, READ_OPTIONS);
      const old = doc.toJS();
      doc.contents = update(doc, doc.contents, old, JSON.parse(JSON.stringify(next)), keyOrder, [], false);
      return doc.toString(WRITE_OPTIONS);
    },
  };
}
