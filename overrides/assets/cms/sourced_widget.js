// The form widget of a sourced value (macros/model/sourced.py, config from macros/cms/fields.py):
// a select with the model's states (stated in the source, stated absent, blank, not mentioned,
// inferred by the editors) and, below it, the fields that state has (waarde, citaat, reden).
// What it writes is what the model reads: the plain value when a stated value has no quote (the
// short form), otherwise {staat: …, waarde: …, citaat: …, reden: …} with only the filled fields.
// Values are shown as text by Decap's own widgets, never as HTML.
import { isObject } from '../util.js';

const js = v => (v && typeof v.toJS === 'function' ? v.toJS() : v);
const isEmpty = v => v === undefined || v === null || v === '';

// The numbers in a value by where they stand in its plain value ('' for a plain number, 'waarde' in
// {tekst, waarde}); a long form ({staat, waarde, citaat}) is read through its waarde.
function numbersIn(v, path = '', out = new Map()) {
  if (path === '' && isObject(v) && typeof v.staat === 'string') return numbersIn(v.waarde, '', out);
  if (typeof v === 'number') out.set(path, v);
  else if (isObject(v)) for (const [k, w] of Object.entries(v)) numbersIn(w, path ? `${path}.${k}` : k, out);
  return out;
}
const shorten = t => (t.length > 80 ? `${t.slice(0, 79)}…` : t);

/** The stale-quote warning (macros/model/mentions.py, as the spreadsheet import warns): a number that was
    changed while the source's words kept with it (the citaat, or the text as the source prints it)
    do not name the new number. `pattern` is model.json's noemt_getal. */
export function staleQuoteWarnings(pattern, before, after) {
  const old = numbersIn(js(before)), changed = numbersIn(js(after));
  const v = js(after);
  const plain = isObject(v) && typeof v.staat === 'string' ? v.waarde : v;
  const texts = [];
  if (isObject(plain) && typeof plain.tekst === 'string') texts.push(['de tekst zoals de bron hem drukt', plain.tekst]);
  if (isObject(v) && typeof v.citaat === 'string' && v.citaat.trim()) texts.push(['het citaat uit de bron', v.citaat]);
  const out = [];
  for (const [path, number] of changed) {
    if (old.get(path) === number) continue;
    const printed = String(number).replace('.', ',');
    const names = t => new RegExp(pattern.replace('{getal}', printed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).test(t);
    for (const [what, text] of texts) {
      if (!names(text)) {
        out.push(`Let op: ${what} ('${shorten(text)}') noemt ${printed} niet. Pas die tekst aan als de bron iets anders zegt, `
          + 'of controleer het getal.');
      }
    }
  }
  return [...new Set(out)];
}

export function makeSourcedWidget(createClass, h, message, pattern) {
  return createClass({
    componentDidMount() { this.begin = this.props.value; },
    getInitialState() { return { chosen: null }; },
    shouldComponentUpdate() { return true; }, // the sub-form must see new values and errors
    states() { return js(this.props.field.get('staten')); },
    names() { return this.states().map(s => s.staat); },
    // The state the value is in: a long form names it; a plain value is stated; nothing yet: as chosen.
    currentState() {
      const v = js(this.props.value);
      if (isObject(v) && this.names().includes(v.staat)) return v.staat;
      return isEmpty(v) ? this.state.chosen : 'vermeld';
    },
    isLongForm() {
      const v = js(this.props.value);
      return isObject(v) && this.names().includes(v.staat);
    },
    // The value of one of the state's fields (kept as Decap holds it: Immutable for blocks and lists).
    part(name) {
      const { value } = this.props;
      if (this.isLongForm()) return value.get(name);
      return name === 'waarde' && !isEmpty(js(value)) ? value : undefined;
    },
    // The value to write for a state and its fields' values.
    valueFor(state, parts) {
      const fieldNames = this.states().find(s => s.staat === state).velden.map(f => f.name);
      if (state === 'vermeld' && isEmpty(js(parts.citaat))) return parts.waarde;
      let m = this.props.field.clear().set('staat', state); // an empty Immutable Map, in Decap's own copy
      for (const name of fieldNames) if (!isEmpty(js(parts[name]))) m = m.set(name, parts[name]);
      return m;
    },
    parts() {
      return Object.fromEntries(['waarde', 'citaat', 'reden'].map(n => [n, this.part(n)]));
    },
    choose(state) {
      this.setState({ chosen: state || null });
      this.props.onChange(state ? this.valueFor(state, this.parts()) : undefined);
    },
    change(name, next) {
      const state = this.currentState();
      this.props.onChange(this.valueFor(state, { ...this.parts(), [name]: next }));
    },
    getValidateValue() { return this.currentState() ? 'chosen' : undefined; },
    isValid() {
      if (!this.currentState() && this.props.field.get('required', true)) return message('sourced_geen_staat', {});
      return true;
    },
    validate() {
      this.props.validate();
      const state = this.currentState();
      if (!state) return;
      for (const f of this.states().find(s => s.staat === state).velden) {
        const w = this.inner?.[f.name];
        const check = w && (w.innerWrappedControl?.validate ?? w.validate);
        if (check) check();
      }
    },
    focus() { document.getElementById(this.props.forID)?.focus(); },
    render() {
      const { field, forID, classNameWrapper, editorControl: EditorControl, parentIds = [] } = this.props;
      const state = this.currentState();
      const states = this.states();
      const options = states.map(s => h('option', { key: s.staat, value: s.staat }, s.label));
      if (!state) options.unshift(h('option', { key: '', value: '' }, '— kies wat de bron zegt —'));
      const select = h('select', {
        id: forID, className: `${classNameWrapper} pb-bron__staat`, value: state || '',
        onChange: e => this.choose(e.target.value),
      }, options);
      const i = states.findIndex(s => s.staat === state);
      const fields = i < 0 ? [] : states[i].velden.map((f, j) => h(EditorControl, {
        key: `${state}-${f.name}`,
        field: field.get('staten').get(i).get('velden').get(j),
        value: this.part(f.name),
        onChange: (_, next) => this.change(f.name, next),
        clearFieldErrors: this.props.clearFieldErrors,
        fieldsMetaData: this.props.metadata,
        fieldsErrors: this.props.fieldsErrors,
        onValidate: this.props.onValidateObject,
        controlRef: w => { if (w) (this.inner ||= {})[f.name] = w; },
        parentIds: [...parentIds, forID],
        locale: this.props.locale,
        isFieldDuplicate: this.props.isFieldDuplicate,
        isFieldHidden: this.props.isFieldHidden,
      }));
      const warnings = pattern && this.begin !== undefined ? staleQuoteWarnings(pattern, this.begin, this.props.value) : [];
      const warningBox = h('div', { role: 'status', className: warnings.length ? 'pb-waarschuwing' : 'pb-stil' },
        warnings.map(t => h('p', { key: t }, t)));
      return h('div', { className: 'pb-bron-veld' }, select, ...fields, warningBox);
    },
  });
}
