/* Dutch word forms for both searches, the same steps as macros/search/language.py (which builds the
   index): folding, tokens, stop words, Snowball's classic Dutch stemmer plus two end rules, and a
   bounded edit distance for typos. Codes (tokens with a digit) are never stemmed or matched by
   similarity. An ES module, imported by the finder's search (search_engine.js) and by the header
   search's worker (javascripts/lunr/min/lunr.nl.min.js). tests/test_search_language.py checks that browser and
   Python agree on every word of the data. No DOM here: it runs in a worker too. */
import { fold } from './util.js';

var STOP = {};
("aan al als bij daar dan dat de deze die dit door een elk en er het hier hij hun ieder in is je maar " +
 "met na naar nog of om omdat onder ook op over te tot u uit van voor want was wat we wel wie wij wordt " +
 "worden zal ze zich zij zijn zo zodat welke welk hoe waar wanneer waarom kan kunnen moet moeten mag " +
 "mogen heeft hebben heb ik mijn jij jouw ons onze jullie iets zou zouden wil wilt willen kun kunt zullen zult").split(" ").forEach(function (w) { STOP[w] = true; });

/* runs of letters and digits; an abbreviation with '&' as printed ('J&O') is one token, and so is a word or
   number with a '+' after it ('WO+', '18+'); a round-the-clock pair is '24/7' however printed ('7 x 24', '24x7') */
var TOKEN = /(?<![a-z0-9])[0-9]{1,2} ?[x/] ?[0-9]{1,2}(?![a-z0-9/])|[0-9]+(?:\/[0-9]+)+|[a-z0-9]+(?:&[a-z0-9]+)*\+?/g;
function pair(t) {
  var m = /^([0-9]{1,2}) ?[x/] ?([0-9]{1,2})$/.exec(t);
  if (!m) return t;
  var a = +m[1], b = +m[2];
  return a >= b ? m[1] + "/" + m[2] : m[2] + "/" + m[1];
}
function tokens(s) { return (fold(s).match(TOKEN) || []).map(pair); }
function isCode(t) { return /[0-9&+]/.test(t); }

/* The words a diminutive may be made of, most likely first ('groepje' -> 'groep', 'gezinnetje' -> 'gezin',
   'boompje' -> 'boom', 'kaartje' -> 'kaart', 'kaar'; 'kindjes' -> 'kind'), or [] for a word that is none.
   The finder tries them in order when the word itself is no key of the index (search_engine.js term). */
function diminutives(t) {
  var m = /^(.{3,}?)je(s?)$/.exec(t), out = [];
  if (!m || isCode(t) || t.length < 6) return out;
  var b = m[1];
  if (/([bdfgklmnprst])\1et$/.test(b)) out.push(b.slice(0, -3));
  if (/mp$/.test(b)) out.push(b.slice(0, -1));
  out.push(b);
  if (/[aeiouy][aeiouy]t$|[lnrw]t$/.test(b)) out.push(b.slice(0, -1));
  return out.filter(function (w) { return w.length >= 3; });
}
/* a word followed by a number under three digits, joined as the sources also print it ('niveau 3' -> 'niveau3'),
   and an age: a number under three digits followed by 'jaar' ('6 jaar' -> '6jaar') */
function levels(ts) {
  var out = [];
  for (var i = 0; i + 1 < ts.length; i++) {
    if (/^[a-z]+$/.test(ts[i]) && /^[0-9]{1,2}$/.test(ts[i + 1])) out.push(ts[i] + ts[i + 1]);
    else if (/^[0-9]{1,2}$/.test(ts[i]) && ts[i + 1] === "jaar") out.push(ts[i] + "jaar");
  }
  return out;
}

/* Snowball "dutch_porter" (snowballstemmer 3.x), ported from its generated code step by step. */
var V = "aeiouy\u00e8", VI = "Iaeiouy\u00e8", VJ = "aeijouy\u00e8";
function vowel(set, ch) { return ch !== undefined && ch !== "" && set.indexOf(ch) >= 0; }

function porter(word) {
  var a = word.replace(/[\u00e1\u00e4]/g, "a").replace(/[\u00e9\u00eb]/g, "e").replace(/[\u00ed\u00ef]/g, "i")
    .replace(/[\u00f3\u00f6]/g, "o").replace(/[\u00fa\u00fc]/g, "u").split("");
  var n = a.length, c = 0, i;
  /* prelude: initial y, y after a vowel -> Y; i between vowels -> I */
  if (a[0] === "y") a[0] = "Y";
  for (;;) {
    while (c < n && !vowel(V, a[c])) c++;
    if (c >= n) break;
    c++;
    if (a[c] === "i") { if (vowel(V, a[c + 1])) a[c] = "I"; c++; }
    else if (a[c] === "y") { a[c] = "Y"; c++; }
  }
  /* regions: R1 after the first non-vowel following a vowel (at least 3 letters in), R2 likewise after R1 */
  var p1 = n, p2 = n;
  if (n >= 3) {
    i = 0;
    while (i < n && !vowel(V, a[i])) i++;
    if (i < n) {
      i++; while (i < n && vowel(V, a[i])) i++;
      if (i < n) {
        i++; p1 = Math.max(i, 3);
        while (i < n && !vowel(V, a[i])) i++;
        if (i < n) { i++; while (i < n && vowel(V, a[i])) i++; if (i < n) p2 = i + 1; }
      }
    }
  }
  var s = a.join(""), eFound = false, m, st;
  function undouble() { if (/(dd|kk|tt)$/.test(s)) { s = s.slice(0, -1); return true; } return false; }
  function enEnding(at) {
    if (p1 > at || at <= 0 || vowel(V, s[at - 1]) || s.slice(0, at).slice(-3) === "gem") return false;
    s = s.slice(0, at); return undouble();
  }
  function eEnding() {
    eFound = false; var at = s.length - 1;
    if (s[at] !== "e" || p1 > at || at <= 0 || vowel(V, s[at - 1])) return false;
    s = s.slice(0, at); eFound = true; return undouble();
  }
  /* step 1 */
  if ((m = /(heden|ene|en|se|s)$/.exec(s))) {
    st = s.length - m[1].length;
    if (m[1] === "heden") { if (p1 <= st) s = s.slice(0, st) + "heid"; }
    else if (m[1] === "en" || m[1] === "ene") enEnding(st);
    else if (p1 <= st && st > 0 && !vowel(VJ, s[st - 1])) s = s.slice(0, st);
  }
  /* step 2 */
  eEnding();
  /* step 3a */
  if (/heid$/.test(s)) {
    st = s.length - 4;
    if (p2 <= st && !(st > 0 && s[st - 1] === "c")) { s = s.slice(0, st); if (/en$/.test(s)) enEnding(s.length - 2); }
  }
  /* step 3b */
  if ((m = /(end|ing|ig|lijk|baar|bar)$/.exec(s))) {
    st = s.length - m[1].length;
    if (m[1] === "end" || m[1] === "ing") {
      if (p2 <= st) {
        s = s.slice(0, st);
        var g = s.length - 2;
        if (/ig$/.test(s) && p2 <= g && !(g > 0 && s[g - 1] === "e")) s = s.slice(0, g); else undouble();
      }
    } else if (m[1] === "ig") { if (p2 <= st && !(st > 0 && s[st - 1] === "e")) s = s.slice(0, st); }
    else if (m[1] === "lijk") { if (p2 <= st) { s = s.slice(0, st); eEnding(); } }
    else if (m[1] === "baar") { if (p2 <= st) s = s.slice(0, st); }
    else if (p2 <= st && eFound) s = s.slice(0, st);
  }
  /* step 4: undouble a vowel before a final consonant (maan -> man) */
  var L = s.length;
  if (L >= 4 && !vowel(VI, s[L - 1]) && /(aa|ee|oo|uu)$/.test(s.slice(0, L - 1)) && !vowel(V, s[L - 4])) {
    s = s.slice(0, L - 2) + s[L - 1];
  }
  return s.replace(/I/g, "i").replace(/Y/g, "y");
}

/* The search key of a folded token: codes as they are; words stemmed, then plural meets singular. */
function stem(t) {
  if (isCode(t)) return t;
  var s = porter(t), L = s.length;
  if (L >= 4 && s[L - 1] === s[L - 2] && "aeiouy".indexOf(s[L - 1]) < 0) s = s.slice(0, -1);
  if (/v$/.test(s)) s = s.slice(0, -1) + "f"; else if (/z$/.test(s)) s = s.slice(0, -1) + "s";
  return s;
}

/* Typos allowed for a word: none below 4 letters, one for 4-7, two from 8; never for codes. */
function maxEdits(t) { return isCode(t) || t.length < 4 ? 0 : t.length <= 7 ? 1 : 2; }

/* Edit distance with adjacent transpositions (optimal string alignment), or max + 1 when larger.
   Three rows reused between calls: it runs over thousands of words per keystroke. */
var rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
function distance(a, b, max) {
  var la = a.length, lb = b.length, i, j;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > rows[0].length) rows = [new Int32Array(lb + 1), new Int32Array(lb + 1), new Int32Array(lb + 1)];
  var prev2 = rows[0], prev = rows[1], cur = rows[2], t;
  for (j = 0; j <= lb; j++) prev[j] = j;
  for (i = 1; i <= la; i++) {
    cur[0] = i;
    var low = i, ai = a.charCodeAt(i - 1);
    for (j = 1; j <= lb; j++) {
      var bj = b.charCodeAt(j - 1), v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v; if (v < low) low = v;
    }
    if (low > max) return max + 1;
    t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[lb] > max ? max + 1 : prev[lb];
}

/* Compounds (macros/search/language.py compound_parts): the split of a word into the fewest known words,
   a linking 's', 'e' or 'en' allowed between them, or [] when there is none. known(w) says whether w is
   a word the split may use (the index's own vocabulary). Only whole splits: no tail without a head. */
var MIN_PART = 4, MIN_COMPOUND = 8, LINKS = ["", "s", "e", "en"];
var FALSE_TAILS = {};
"ding dingen ring ling heid eren even uren open allen".split(" ").forEach(function (w) { FALSE_TAILS[w] = true; });

function splitCompound(t, known) {
  var n = t.length, best = new Array(n + 1), i, j, l;
  if (n < MIN_COMPOUND || isCode(t)) return [];
  best[n] = [];
  for (i = n - MIN_PART; i >= 0; i--) {
    for (j = i + MIN_PART; j <= (i ? n : n - 1); j++) {
      var part = t.slice(i, j);
      if (STOP[part] || FALSE_TAILS[part] || !known(part)) continue;
      for (l = 0; l < LINKS.length; l++) {
        var link = LINKS[l], k = j + link.length;
        if (k > n || t.slice(j, k) !== link || !best[k] || (link && k === n)) continue;
        if (!best[i] || best[k].length + 1 < best[i].length) best[i] = [part].concat(best[k]);
      }
    }
  }
  return best[0] || [];
}

export const searchLanguage = {
  fold: fold, tokens: tokens, isCode: isCode, isStop: function (t) { return STOP[t] === true; },
  stem: stem, maxEdits: maxEdits, distance: distance, splitCompound: splitCompound, levels: levels,
  diminutives: diminutives
};
