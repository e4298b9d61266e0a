// A number as a person types it in the form (pb-getal, widgets.js): the Dutch decimal comma ("2,5",
// "85,50"), the point some type instead ("2.5"), and thousands grouped by points, commas or spaces
// ("1.250,00", "1,250.00", "1 250"). What cannot be read as exactly one number is refused with a
// Dutch reason rather than guessed: an exponent ("1e3"), a unit or euro sign, two commas, a lone
// point before exactly three digits ("1.250": 1250 in Dutch, 1.25 to a computer), groups that are
// not three digits. Pure functions: the browser and the tests (tests/js/number_property.mjs) share them.
// macros/imports/typed_number.py is the spreadsheet import's port of readTypedNumber (the same names).

// Blanks a person or a copy from a document puts between thousands: space, no-break and thin spaces.
const BLANK = /[\s\u00a0\u202f\u2009]/g;

// Thousands groups: a first group of 1 to 3 digits, then groups of exactly 3.
const groups = (text, sep) => {
  const parts = text.split(sep);
  return parts.length > 1 && /^[0-9]{1,3}$/.test(parts[0]) && parts.slice(1).every(d => /^[0-9]{3}$/.test(d));
};

const twoSeparators = t => ({ problem: `'${t}' heeft meer dan één decimaalteken`,
  fix: 'typ één komma voor de decimalen (bv. 1250,50) en laat punten tussen de duizendtallen weg' });
const badGroups = t => ({ problem: `'${t}' is geen getal: spaties of punten staan niet tussen groepen van drie cijfers`,
  fix: 'typ het getal zonder spaties of punten, met een komma voor de decimalen (bv. 1250,50)' });

/** What `text` means as a number: {value} or {problem, fix} in Dutch. `euro`: the field is an amount in
    euros, so one euro sign before or after the number is its unit, not text ("€ 85,50"). */
export function readTypedNumber(text, euro = false) {
  let t = String(text ?? '').trim();
  if (euro && (t.startsWith('€') || t.endsWith('€')) && t.split('€').length === 2) t = t.replace('€', '').trim();
  if (t === '') return { problem: 'het veld is leeg', fix: 'typ een getal, bv. 85,50' };
  const m = /^([-+]?)([0-9][0-9.,\s\u00a0\u202f\u2009]*)$/.exec(t);
  if (!m || /[.,\s\u00a0\u202f\u2009]$/.test(t)) {
    return { problem: `'${t.slice(0, 40)}' is geen getal`, fix: 'typ alleen cijfers, met een komma voor de decimalen (bv. 85,50), zonder eenheid, euroteken, e of andere tekst' };
  }
  const [, sign, digits] = m;
  const body = digits.replace(BLANK, ' ');
  const points = (body.match(/\./g) || []).length;
  const commas = (body.match(/,/g) || []).length;
  let whole, decimals = '';
  if (points && commas) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const dec = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    if ((body.match(dec === ',' ? /,/g : /\./g) || []).length > 1) return twoSeparators(t);
    [whole, decimals] = body.split(dec);
    if (decimals.includes(group)) return twoSeparators(t);
    if (!groups(whole, group)) return badGroups(t);
    whole = whole.split(group).join('');
  } else if (commas) {
    if (commas > 1) return twoSeparators(t);
    [whole, decimals] = body.split(',');
  } else if (points > 1) {
    if (!groups(body, '.')) return badGroups(t);
    whole = body.split('.').join('');
  } else if (points === 1) {
    [whole, decimals] = body.split('.');
    if (decimals.length === 3 && /^[1-9][0-9]{0,2}$/.test(whole)) {
      const thousand = `${whole}${decimals}`.replace(/^0+(?=\d)/, '');
      return { problem: `'${t}' kan twee getallen zijn (${thousand} of ${whole},${decimals})`,
        fix: `typ ${thousand} zonder punt, of ${whole},${decimals} met een komma` };
    }
  } else {
    whole = body;
  }
  if (/\s/.test(decimals)) return badGroups(t);
  if (whole.includes(' ')) {
    if (!groups(whole, ' ')) return badGroups(t);
    whole = whole.split(' ').join('');
  }
  if (!/^[0-9]+$/.test(whole) || !/^[0-9]*$/.test(decimals)) return badGroups(t);
  const value = Number(`${sign}${whole}${decimals ? `.${decimals}` : ''}`);
  if (!Number.isFinite(value)) return { problem: `'${t.slice(0, 40)}' is te groot`, fix: 'typ een kleiner getal' };
  return { value: Object.is(value, -0) ? 0 : value };
}

/** A number as the form shows it: the Dutch decimal comma, no grouping ("2,5", "1250"). */
export function showNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }).replace('.', ',');
}
