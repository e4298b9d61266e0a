// A number as a person types it in the form (pb-getal, widgets.js): the Dutch decimal comma ("2,5",
// "85,50"), the point some type instead ("2.5"), and thousands grouped by points, commas or spaces
// ("1.250,00", "1,250.00", "1 250"). What cannot be read as exactly one number is refused with a
// Dutch reason rather than guessed: an exponent ("1e3"), a unit or euro sign, two commas, a lone
// point before exactly three digits ("1.250": 1250 in Dutch, 1.25 to a computer), groups that are
// not three digits. Pure functions: the browser and the tests (tests/js/number_property.mjs) share them.

// Blanks a person or a copy from a document puts between thousands: space, no-break and thin spaces.
const BLANK = /[\s\u00a0\u202f\u2009]/g;

// Thousands groups: a first group of 1 to 3 digits, then groups of exactly 3.
const groepen = (tekst, sep) => {
  const delen = tekst.split(sep);
  return delen.length > 1 && /^[0-9]{1,3}$/.test(delen[0]) && delen.slice(1).every(d => /^[0-9]{3}$/.test(d));
};

const dubbel = t => ({ fout: `'${t}' heeft meer dan één decimaalteken`,
  oplossing: 'typ één komma voor de decimalen (bv. 1250,50) en laat punten tussen de duizendtallen weg' });
const slechteGroep = t => ({ fout: `'${t}' is geen getal: spaties of punten staan niet tussen groepen van drie cijfers`,
  oplossing: 'typ het getal zonder spaties of punten, met een komma voor de decimalen (bv. 1250,50)' });

/** What `tekst` means as a number: {getal} or {fout, oplossing} in Dutch (fout: what is wrong). `euro`: the field
    is an amount in euros, so one euro sign before or after the number is its unit, not text ("€ 85,50"). */
export function leesGetal(tekst, euro = false) {
  let t = String(tekst ?? '').trim();
  if (euro && (t.startsWith('€') || t.endsWith('€')) && t.split('€').length === 2) t = t.replace('€', '').trim();
  if (t === '') return { fout: 'het veld is leeg', oplossing: 'typ een getal, bv. 85,50' };
  const m = /^([-+]?)([0-9][0-9.,\s\u00a0\u202f\u2009]*)$/.exec(t);
  if (!m || /[.,\s\u00a0\u202f\u2009]$/.test(t)) {
    return { fout: `'${t.slice(0, 40)}' is geen getal`, oplossing: 'typ alleen cijfers, met een komma voor de decimalen (bv. 85,50), zonder eenheid, euroteken, e of andere tekst' };
  }
  const [, teken, romp] = m;
  const body = romp.replace(BLANK, ' ');
  const punten = (body.match(/\./g) || []).length;
  const kommas = (body.match(/,/g) || []).length;
  let geheel, decimalen = '';
  if (punten && kommas) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const dec = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const groep = dec === ',' ? '.' : ',';
    if ((body.match(dec === ',' ? /,/g : /\./g) || []).length > 1) return dubbel(t);
    [geheel, decimalen] = body.split(dec);
    if (decimalen.includes(groep)) return dubbel(t);
    if (!groepen(geheel, groep)) return slechteGroep(t);
    geheel = geheel.split(groep).join('');
  } else if (kommas) {
    if (kommas > 1) return dubbel(t);
    [geheel, decimalen] = body.split(',');
  } else if (punten > 1) {
    if (!groepen(body, '.')) return slechteGroep(t);
    geheel = body.split('.').join('');
  } else if (punten === 1) {
    [geheel, decimalen] = body.split('.');
    if (decimalen.length === 3 && /^[1-9][0-9]{0,2}$/.test(geheel)) {
      const duizend = `${geheel}${decimalen}`.replace(/^0+(?=\d)/, '');
      return { fout: `'${t}' kan twee getallen zijn (${duizend} of ${geheel},${decimalen})`,
        oplossing: `typ ${duizend} zonder punt, of ${geheel},${decimalen} met een komma` };
    }
  } else {
    geheel = body;
  }
  if (/\s/.test(decimalen)) return slechteGroep(t);
  if (geheel.includes(' ')) {
    if (!groepen(geheel, ' ')) return slechteGroep(t);
    geheel = geheel.split(' ').join('');
  }
  if (!/^[0-9]+$/.test(geheel) || !/^[0-9]*$/.test(decimalen)) return slechteGroep(t);
  const getal = Number(`${teken}${geheel}${decimalen ? `.${decimalen}` : ''}`);
  if (!Number.isFinite(getal)) return { fout: `'${t.slice(0, 40)}' is te groot`, oplossing: 'typ een kleiner getal' };
  return { getal: Object.is(getal, -0) ? 0 : getal };
}

/** A number as the form shows it: the Dutch decimal comma, no grouping ("2,5", "1250"). */
export function toonGetal(getal) {
  if (typeof getal !== 'number' || !Number.isFinite(getal)) return '';
  return getal.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }).replace('.', ',');
}
