// Texts in the CMS's YAML files (yaml_file.js): what YAML 1.1 reads back as exactly that text written plain
// or as a literal block, and what no data file may hold (refused with a Dutch message naming the field). The
// build's loader (PyYAML, macros/catalogue/yamlfile.py) reads what the form writes by the same rules.
// Pure: the tests run it in Node (tests/js/yaml_file_property.mjs).

// What the loader refuses in a file (yamlfile.py FORBIDDEN_IN_FILE and yamlnodes.py FORBIDDEN_IN_VALUE: C0
// controls but tab and line feed, DEL and C1, the line and paragraph separators; YAML's reader: the
// non-characters U+FFFE and U+FFFF; macros/catalogue/invisible.py: invisible characters by property,
// general category Cf and Default_Ignorable_Code_Point, plus U+2800), and a lone surrogate (there is no
// UTF-8 for it; with the u flag a paired surrogate is one code point and does not match).
// eslint-disable-next-line no-control-regex -- these control characters are what the expression finds
const REFUSED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u2800\ufffe\uffff\ud800-\udfff\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

// The implicit types of YAML 1.1 (PyYAML's resolver, plus y/n and the spellings other YAML 1.1 and
// 1.2 readers take for numbers): a plain scalar matching one is not read as text.
const IMPLICIT = [
  /^(?:y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/, // bool
  /^(?:~|null|Null|NULL|)$/, // null
  /^(?:<<|=)$/, // merge key and value key
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/, // float (1.5, .5, 1., 1.5e3)
  /^[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)$/, // 1e3 (YAML 1.2)
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/, // sexagesimal (1:20, 190:20:30.15)
  /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/, // infinity, not-a-number
  /^[-+]?(?:0b[0-1_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/, // int: binary, octal, hex, decimal
  /^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?$/, // timestamp
];

// Characters a plain scalar may hold: printable, not a line break of YAML 1.1 (U+0085, U+2028/9),
// not the byte order mark or a non-character; everything else is written between quotes.
const PLAIN_CHARS = /^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}\t]*$/u;

/** Whether YAML 1.1 reads `text`, written as a plain scalar on one line, as exactly that text
    (`inFlow`: inside {…} or […], where also : , [ ] { } and ? end or break a plain scalar). */
export function plainIsText(text, inFlow = false) {
  if (text === '' || text.includes('\n') || !PLAIN_CHARS.test(text)) return false;
  if (inFlow && /[:,[\]{}?#]/.test(text)) return false;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /\s$/.test(text)) return false; // indicators, outer blanks
  if (/:(?:\s|$)|\s#/.test(text) || /^(?:---|\.\.\.)/.test(text)) return false; // key separator, comment, document markers
  if (text.includes('\t')) return false; // blanks around a tab are folded away by some readers
  return !IMPLICIT.some(re => re.test(text));
}

/** Whether a text is read back exactly from a literal block (|). Blanks at the
    start or end of a line and line breaks at the start make a block's indentation and folding
    ambiguous: such a text goes between double quotes. */
export function blockIsText(text) {
  return text !== '' && PLAIN_CHARS.test(text.replace(/\n/g, '')) && !/^\n|[ \t]\n|\n[ \t]|^[ \t]|[ \t]$/.test(text);
}

const codePoint = ch => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
// A field's path for a message: invisible and control characters (a key may hold one) as their
// code point, at most 80 characters.
const visible = text => text.replace(/[^\x20-\x7e\xa0-\u200a\u2010-\u2027\u2030-\u205f\u2070-\ud7ff\ue000-\ufefe\uff00-\ufffd]/g, ch => `[${codePoint(ch)}]`);
const fieldName = path => {
  const name = visible(path.map(k => (typeof k === 'number' ? `[${k + 1}]` : `.${k}`)).join('').replace(/^\./, '')) || '(bestand)';
  return name.length > 80 ? `${name.slice(0, 79)}…` : name;
};

/** Refuse a text the loader would refuse, naming the field and the character (a Dutch message). */
export function checkText(text, path) {
  const m = REFUSED.exec(text);
  if (!m) return;
  const where = m.index + 1;
  throw new Error(`Het veld '${fieldName(path)}' bevat op positie ${where} een onzichtbaar teken (${codePoint(m[0])}) ` +
    'dat niet in een gegevensbestand mag. Verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf) ' +
    'en sla opnieuw op.');
}
