// The form widget of a sourced value (macros/model/sourced.py, config from macros/cms/fields.py):
// a select with the model's states (stated in the source, stated absent, blank, not mentioned,
// inferred by the editors) and, below it, the fields that state has (waarde, citaat, reden).
// What it writes is what the model reads: the plain value when a stated value has no quote (the
// short form), otherwise {staat: …, waarde: …, citaat: …, reden: …} with only the filled fields.
// Values are shown as text by Decap's own widgets, never as HTML.
import { isObject } from '../util.js';

const js = v => (v && typeof v.toJS === 'function' ? v.toJS() : v);
const leeg = v => v === undefined || v === null || v === '';

// The numbers in a value by where they stand in its plain value ('' for a plain number, 'waarde' in
// {tekst, waarde}); a long form ({staat, waarde, citaat}) is read through its waarde.
function getallen(v, pad = '', out = new Map()) {
  if (pad === '' && isObject(v) && typeof v.staat === 'string') return getallen(v.waarde, '', out);
  if (typeof v === 'number') out.set(pad, v);
  else if (isObject(v)) for (const [k, w] of Object.entries(v)) getallen(w, pad ? `${pad}.${k}` : k, out);
  return out;
}
const kort = t => (t.length > 80 ? `${t.slice(0, 79)}…` : t);

/** The stale-quote warning (macros/model/mentions.py, as the spreadsheet import warns): a number that was
    changed while the source's words kept with it (the citaat, or the text as the source prints it)
    do not name the new number. `patroon` is model.json's noemt_getal. */
export function verouderd(patroon, oud, nieuw) {
  const voor = getallen(js(oud)), na = getallen(js(nieuw));
  const v = js(nieuw);
  const plain = isObject(v) && typeof v.staat === 'string' ? v.waarde : v;
  const teksten = [];
  if (isObject(plain) && typeof plain.tekst === 'string') teksten.push(['de tekst zoals de bron hem drukt', plain.tekst]);
  if (isObject(v) && typeof v.citaat === 'string' && v.citaat.trim()) teksten.push(['het citaat uit de bron', v.citaat]);
  const uit = [];
  for (const [pad, getal] of na) {
    if (voor.get(pad) === getal) continue;
    const gedrukt = String(getal).replace('.', ',');
    const noemt = t => new RegExp(patroon.replace('{getal}', gedrukt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).test(t);
    for (const [wat, tekst] of teksten) {
      if (!noemt(tekst)) {
        uit.push(`Let op: ${wat} ('${kort(tekst)}') noemt ${gedrukt} niet. Pas die tekst aan als de bron iets anders zegt, `
          + 'of controleer het getal.');
      }
    }
  }
  return [...new Set(uit)];
}

export function makeSourcedWidget(createClass, h, melding, patroon) {
  return createClass({
    componentDidMount() { this.begin = this.props.value; },
    getInitialState() { return { gekozen: null }; },
    shouldComponentUpdate() { return true; }, // the sub-form must see new values and errors
    staten() { return js(this.props.field.get('staten')); },
    names() { return this.staten().map(s => s.staat); },
    // The state the value is in: a long form names it; a plain value is stated; nothing yet: as chosen.
    staat() {
      const v = js(this.props.value);
      if (isObject(v) && this.names().includes(v.staat)) return v.staat;
      return leeg(v) ? this.state.gekozen : 'vermeld';
    },
    isLang() {
      const v = js(this.props.value);
      return isObject(v) && this.names().includes(v.staat);
    },
    // The value of one of the state's fields (kept as Decap holds it: Immutable for blocks and lists).
    deel(name) {
      const { value } = this.props;
      if (this.isLang()) return value.get(name);
      return name === 'waarde' && !leeg(js(value)) ? value : undefined;
    },
    // The value to write for a state and its fields' values.
    waarde(staat, delen) {
      const velden = this.staten().find(s => s.staat === staat).velden.map(f => f.name);
      if (staat === 'vermeld' && leeg(js(delen.citaat))) return delen.waarde;
      let m = this.props.field.clear().set('staat', staat); // an empty Immutable Map, in Decap's own copy
      for (const name of velden) if (!leeg(js(delen[name]))) m = m.set(name, delen[name]);
      return m;
    },
    delen() {
      return Object.fromEntries(['waarde', 'citaat', 'reden'].map(n => [n, this.deel(n)]));
    },
    kies(staat) {
      this.setState({ gekozen: staat || null });
      this.props.onChange(staat ? this.waarde(staat, this.delen()) : undefined);
    },
    wijzig(name, nieuw) {
      const staat = this.staat();
      this.props.onChange(this.waarde(staat, { ...this.delen(), [name]: nieuw }));
    },
    getValidateValue() { return this.staat() ? 'gekozen' : undefined; },
    isValid() {
      if (!this.staat() && this.props.field.get('required', true)) return melding('sourced_geen_staat', {});
      return true;
    },
    validate() {
      this.props.validate();
      const staat = this.staat();
      if (!staat) return;
      for (const f of this.staten().find(s => s.staat === staat).velden) {
        const w = this.binnen?.[f.name];
        const check = w && (w.innerWrappedControl?.validate ?? w.validate);
        if (check) check();
      }
    },
    focus() { document.getElementById(this.props.forID)?.focus(); },
    render() {
      const { field, forID, classNameWrapper, editorControl: EditorControl, parentIds = [] } = this.props;
      const staat = this.staat();
      const staten = this.staten();
      const opties = staten.map(s => h('option', { key: s.staat, value: s.staat }, s.label));
      if (!staat) opties.unshift(h('option', { key: '', value: '' }, '— kies wat de bron zegt —'));
      const keuze = h('select', {
        id: forID, className: `${classNameWrapper} pb-bron__staat`, value: staat || '',
        onChange: e => this.kies(e.target.value),
      }, opties);
      const i = staten.findIndex(s => s.staat === staat);
      const velden = i < 0 ? [] : staten[i].velden.map((f, j) => h(EditorControl, {
        key: `${staat}-${f.name}`,
        field: field.get('staten').get(i).get('velden').get(j),
        value: this.deel(f.name),
        onChange: (_, nieuw) => this.wijzig(f.name, nieuw),
        clearFieldErrors: this.props.clearFieldErrors,
        fieldsMetaData: this.props.metadata,
        fieldsErrors: this.props.fieldsErrors,
        onValidate: this.props.onValidateObject,
        controlRef: w => { if (w) (this.binnen ||= {})[f.name] = w; },
        parentIds: [...parentIds, forID],
        locale: this.props.locale,
        isFieldDuplicate: this.props.isFieldDuplicate,
        isFieldHidden: this.props.isFieldHidden,
      }));
      const let_op = patroon && this.begin !== undefined ? verouderd(patroon, this.begin, this.props.value) : [];
      const waarschuwing = h('div', { role: 'status', className: let_op.length ? 'pb-waarschuwing' : 'pb-stil' },
        let_op.map(t => h('p', { key: t }, t)));
      return h('div', { className: 'pb-bron-veld' }, keuze, ...velden, waarschuwing);
    },
  });
}
