// Properties of the form's number reading (overrides/assets/cms/number.js), with fast-check:
//  1. a number written in any of the habits people type (decimal comma, decimal point, thousands by
//     points, commas or spaces) reads as exactly that number;
//  2. any string of digits, commas, points, spaces, signs and e either is refused with a Dutch reason or
//     reads as a number whose digits are the typed digits (nothing invented, nothing dropped), never
//     from an exponent, two decimal commas or a lone point before three digits;
//  3. what the form shows for a number reads back as that number.
//   node number_property.mjs SEED RUNS      exit 0 when every property holds
import fc from 'fast-check';
import { readTypedNumber, showNumber } from '../../overrides/assets/cms/number.js';

const [seed, runs] = process.argv.slice(2).map(Number);
const opts = { seed, numRuns: runs };

const group = (digits, sep) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const habits = [
  (i, d) => (d ? `${i},${d}` : i), // 1234,5
  (i, d) => (d ? `${i}.${d}` : i), // 1234.5 (a decimal point)
  (i, d) => group(i, '.') + (d ? `,${d}` : ''), // 1.234,5
  (i, d) => group(i, ',') + (d ? `.${d}` : ''), // 1,234.5
  (i, d) => group(i, ' ') + (d ? `,${d}` : ''), // 1 234,5
  (i, d) => group(i, '\u00a0') + (d ? `,${d}` : ''), // 1 234,5 with a no-break space (a copy from a document)
];

fc.assert(fc.property(fc.nat({ max: 99_999_999 }), fc.option(fc.stringMatching(/^[0-9]{1,2}$|^[0-9]{4,6}$/), { nil: '' }),
  fc.integer({ min: 0, max: habits.length - 1 }), fc.constantFrom('', ' ', '  '),
  (whole, decimals, h, pad) => {
    const i = String(whole);
    const written = pad + habits[h](i, decimals) + pad;
    const ambiguous = h === 1 && decimals === '' ? false : h === 3 && !decimals && i.length > 3 ? true : false;
    const r = readTypedNumber(written);
    if (ambiguous) return true; // '1,234' alone: a comma habit (1,234) or a grouped thousand; covered below
    if (!('value' in r)) throw new Error(`refused ${JSON.stringify(written)}: ${r.problem}`);
    return r.value === Number(`${i}${decimals ? `.${decimals}` : ''}`);
  }), opts);

const digitsOf = s => s.replace(/[^0-9]/g, '').replace(/^0+/, '');
const canon = n => digitsOf(n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })).replace(/0+$/, '');
fc.assert(fc.property(fc.stringMatching(/^[-+]?[0-9.,  e]{0,12}$/), typed => {
  const r = readTypedNumber(typed);
  if (!('value' in r)) return typeof r.problem === 'string' && typeof r.fix === 'string' && r.problem.length > 0;
  const t = typed.trim();
  if (/e/.test(t)) return false; // never an exponent
  if (/^[-+]?[1-9][0-9]{0,2}\.[0-9]{3}$/.test(t)) return false; // '1.250' is never guessed
  if ((t.match(/,/g) || []).length > 1 && (t.match(/\./g) || []).length === 0) return false; // two decimal commas
  // The typed digits, no more and no fewer (leading zeros and trailing decimal zeros aside).
  if (canon(r.value) !== digitsOf(t).replace(/0+$/, '') && !(r.value === 0 && digitsOf(t) === '')) return false;
  return (r.value < 0) === (t.startsWith('-') && r.value !== 0);
}), opts);

// Numbers as the data holds them: up to six decimals.
fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (n, k) => {
  const x = n / 10 ** k;
  const r = readTypedNumber(showNumber(x));
  return 'value' in r && r.value === (Object.is(x, -0) ? 0 : x);
}), opts);

process.stdout.write(`ok: ${runs} runs of 3 properties\n`);
