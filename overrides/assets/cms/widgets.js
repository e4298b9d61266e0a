// Form widgets that check values with the model's own rules and Dutch messages (macros/cms/fields.py).
//   pb-tekst, pb-getal, pb-lijst: Decap's string/text, number and list widgets plus the model's constraints
//   pb-bron:   a sourced value: the model's states and per state its fields (sourced_widget.js)
//   pb-groep: a section of the product form (Kern, Bron, …) that opens and closes; Decap holds its fields
//             under the section's key, the YAML format flattens them (groups.js)
//   pb-keuze: one radio button per alternative of a union (X | null, 'alle' | lijst, ...); a constant
//             alternative (null: blank in the source) is a value of its own, the others open a sub-form.
// Uses only what Decap CMS puts on window (CMS, createClass, h); values are shown as text, never as HTML.
import { isObject } from '../util.js';
import { makeSourcedWidget } from './sourced_widget.js';
import { readTypedNumber, showNumber } from './number.js';
import { fitsChoice } from './entry_check.js';
import { atPath } from './groups.js';

const js = v => (v && typeof v.toJS === 'function' ? v.toJS() : v);

// The files of each collection as the backend lists them (slug -> code), loaded once per collection by
// the code field of a new entry: a new product's code and file name must not be taken (cms.js, preSave).
export const existingFiles = new Map();

/** The model's rules on one value with its Dutch messages (also used by entry_check.js through cms.js). */
export function makeCheck(model) {
  const describe = v => {
    if (isObject(v)) return 'een blok met velden';
    if (Array.isArray(v)) return 'een lijst';
    if (v === null || v === undefined) return 'null (leeg)';
    const t = String(v);
    return t.length > 60 ? `'${t.slice(0, 60)}…'` : `'${t}'`;
  };
  const message = (kind, ctx) => {
    const [problem, fix] = model.berichten[kind];
    const fill = s => s.replace(/\{(\w+)\}/g, (_, k) => (k in ctx ? String(ctx[k]) : `{${k}}`));
    return { error: { type: 'CUSTOM', message: `${fill(problem)}. Oplossing: ${fill(fix)}` } };
  };

  // The model's constraints on one value (JSON Schema keywords, as the model generates them).
  function check(rules, value) {
    const v = js(value);
    const ctx = { invoer: describe(v) };
    if (v === undefined || v === null) return true;
    if (v === '' && rules.type !== 'string' && rules.type !== 'number' && rules.type !== 'integer') {
      return message('float_type', ctx);
    }
    if (rules.type === 'string') {
      if (typeof v !== 'string') return message('string_type', ctx);
      if (rules.minLength && v.trim().length < rules.minLength) return message('string_too_short', ctx);
      if (rules.maxLength && v.trim().length > rules.maxLength) return message('string_too_long', { ...ctx, max_length: rules.maxLength });
      if (rules.pattern && !new RegExp(rules.pattern).test(v)) {
        return message('string_pattern_mismatch', { ...ctx, patroon_uitleg: model.patronen[rules.pattern] || `volg het patroon ${rules.pattern}` });
      }
    } else if (rules.type === 'number' || rules.type === 'integer') {
      if (typeof v === 'string') {
        const read = readTypedNumber(v);
        return { error: { type: 'CUSTOM', message: read.problem ? `${read.problem}. Oplossing: ${read.fix}`
          : `'${v}' is nog geen getal. Oplossing: typ het getal opnieuw` } };
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) return message('float_type', ctx);
      if (rules.type === 'integer' && !Number.isInteger(v)) return message('int_type', ctx);
      if ('minimum' in rules && v < rules.minimum) return message('greater_than_equal', { ...ctx, ge: rules.minimum });
      if ('exclusiveMinimum' in rules && v <= rules.exclusiveMinimum) return message('greater_than', { ...ctx, gt: rules.exclusiveMinimum });
      if ('maximum' in rules && v > rules.maximum) return message('less_than_equal', { ...ctx, le: rules.maximum });
    } else if (Array.isArray(v)) {
      if (rules.minItems && v.length < rules.minItems) return message('too_short', { ...ctx, min_length: rules.minItems });
      if (rules.maxItems && v.length > rules.maxItems) return message('too_long', { ...ctx, max_length: rules.maxItems });
    }
    return true;
  }

  return { check, message };
}

export function makeWidgets(CMS, createClass, h, model) {
  const { check, message } = makeCheck(model);
  const innerValidate = w => w && (w.innerWrappedControl?.validate ?? w.validate);

  function withModel(defaultBase) {
    return createClass({
      shouldComponentUpdate() { return true; },
      isValid() {
        const rules = js(this.props.field.get('pb_model')) || {};
        return check(rules, this.props.value);
      },
      validate() {
        // A list validates its items and then itself (through props.validate, which asks isValid here).
        if (this.inner && typeof this.inner.validate === 'function') this.inner.validate();
        else this.props.validate();
      },
      focus(path) {
        if (this.inner?.focus) this.inner.focus(path);
        else document.getElementById(this.props.forID)?.focus();
      },
      render() {
        const base = CMS.getWidget(this.props.field.get('pb_basis') || defaultBase).control;
        const ref = r => { this.inner = r && r.getWrappedInstance ? r.getWrappedInstance() : r; };
        const single = this.props.field.get('pb_enkel');
        if (!single) return h(base, { ...this.props, ref });
        // A list whose items may be text or a block (opmerkingen: text | {tekst, velden}): Decap's list
        // would read a block item as a block of fields, so each item is held as {<naam>: item} here.
        const empty = this.props.field.clear();
        const { value, onChange } = this.props;
        return h(base, {
          ...this.props, ref, field: this.props.field.set('fields', this.props.field.get('pb_velden')),
          value: value && typeof value.map === 'function' ? value.map(item => empty.set(single, item)) : value,
          onChange: (next, meta) => onChange(next && typeof next.map === 'function'
            ? next.map(item => (item && typeof item.get === 'function' ? item.get(single) : item)) : next, meta),
        });
      },
    });
  }

  // A number typed as a person types it (number.js): a text input; what reads as one number is written
  // as that number, anything else is held as the typed text, which validation refuses with its reason.
  const NumberWidget = createClass({
    getInitialState() { return { typed: null }; },
    shouldComponentUpdate() { return true; },
    isValid() {
      const rules = js(this.props.field.get('pb_model')) || {};
      const v = js(this.props.value);
      if (v === undefined || v === null) return { error: { type: 'CUSTOM', message: `${readTypedNumber('').problem}. Oplossing: ${readTypedNumber('').fix}` } };
      return check(rules, v);
    },
    focus() { document.getElementById(this.props.forID)?.focus(); },
    change(typed) {
      this.setState({ typed });
      const read = readTypedNumber(typed, !!this.props.field.get('pb_euro'));
      this.props.onChange('value' in read ? read.value : typed);
    },
    render() {
      const { forID, value, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const v = js(value);
      // What the person typed stays as typed while it means the value held; otherwise the value, in Dutch.
      const shown = this.state.typed !== null && (readTypedNumber(this.state.typed, !!this.props.field.get('pb_euro')).value ?? this.state.typed) === v
        ? this.state.typed : typeof v === 'number' ? showNumber(v) : (v ?? '');
      return h('input', {
        type: 'text', inputMode: 'decimal', autoComplete: 'off', id: forID, className: classNameWrapper,
        value: shown, onChange: e => this.change(e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
      });
    },
  });

  const ChoiceWidget = createClass({
    getInitialState() { return { chosen: null }; },
    // Always re-render, as Decap's object widget does: the sub-form must see new errors.
    shouldComponentUpdate() { return true; },
    choices() { return js(this.props.field.get('keuzes')); },
    current() {
      const v = js(this.props.value);
      const choices = this.choices();
      // A number field holding what was typed but is no number yet stays on its own alternative.
      const previous = this.previous ?? this.state.chosen;
      if (typeof v === 'string' && previous >= 0 && choices[previous]?.soort === 'number') return previous;
      const found = choices.findIndex(k => fitsChoice(k, v));
      if (found >= 0) this.previous = found;
      // Text where a number belongs, as loaded (written elsewhere: '' or '2,5'): shown in the number's own field,
      // which says why it is refused (entry_check.js reads it the same way).
      const numberChoice = typeof v === 'string' && found < 0 ? choices.findIndex(k => k.soort === 'number') : -1;
      if (numberChoice >= 0) return numberChoice;
      return found >= 0 ? found : this.state.chosen ?? -1;
    },
    choose(i) {
      const choice = this.choices()[i];
      this.setState({ chosen: i });
      this.previous = i;
      if ('waarde' in choice) this.props.onChange(choice.waarde);
      else if (this.current() !== i) this.props.onChange(undefined);
    },
    getValidateValue() {
      const i = this.current();
      return i >= 0 && 'waarde' in this.choices()[i] ? 'chosen' : js(this.props.value);
    },
    componentDidMount() { this.loadExisting(); },
    componentDidUpdate() { this.loadExisting(); },
    loadExisting() {
      // The code of a new entry: the entries already there, to refuse a code that is taken.
      const { field, entry, collection, query, forID } = this.props;
      if (!field.get('pb_uniek') || !entry?.get('newRecord') || !collection || !query) return;
      const name = collection.get('name');
      if (existingFiles.has(name)) return;
      existingFiles.set(name, new Map()); // once: the answer fills it
      // pb_pad: where the code sits in an entry's data (in the form's first section, macros/cms/groups.py);
      // the query searches the name, which every entry has (Decap's search fails on a code left null).
      const path = field.get('pb_pad') || field.get('name');
      Promise.resolve(query(forID, name, [field.get('pb_zoek') || 'naam'], '', undefined, 0)).then(answer => {
        const hits = answer?.payload?.hits || [];
        existingFiles.set(name, new Map(hits.map(e => [String(e.slug), atPath(js(e.data), path) ?? null])));
        this.props.validate?.();
      }).catch(() => {});
    },
    isValid() {
      const i = this.current();
      const v = js(this.props.value);
      if (this.props.field.get('pb_uniek') && this.props.entry?.get('newRecord') && typeof v === 'string') {
        const name = this.props.collection?.get('name');
        const taken = [...(existingFiles.get(name) || new Map())].find(([slug, code]) =>
          (code !== null && String(code).toLowerCase() === v.trim().toLowerCase()) || slug === v.trim().toLowerCase());
        if (taken) {
          return { error: { type: 'CUSTOM', message: `de code ${v.trim()} bestaat al in deze regio (bestand ${taken[0]}.yaml). `
            + 'Oplossing: kies een andere code, of open het bestaande product in de lijst en wijzig dat' } };
        }
      }
      if (i < 0 && this.props.field.get('required', true)) return message('missing', {});
      if (i >= 0 && !('waarde' in this.choices()[i]) && this.props.value === undefined) return message('missing', {});
      return true;
    },
    validate() {
      this.props.validate();
      const f = innerValidate(this.inner);
      if (f && this.current() >= 0 && !('waarde' in this.choices()[this.current()])) f();
    },
    render() {
      const { field, forID, classNameWrapper, editorControl: EditorControl, parentIds = [] } = this.props;
      const choices = this.choices();
      const i = this.current();
      const label = field.get('label', field.get('name'));
      const radios = h('div', { role: 'radiogroup', 'aria-label': label, id: forID, className: `${classNameWrapper} pb-keuze` },
        choices.map((k, j) => h('label', { key: j, className: 'pb-keuze__optie' },
          h('input', { type: 'radio', name: forID, checked: i === j, onChange: () => this.choose(j) }), ' ', k.label)));
      const sub = i >= 0 && !('waarde' in choices[i]) ? h(EditorControl, {
        field: field.get('keuzes').get(i).get('veld'),
        value: this.props.value,
        onChange: (_, value, meta) => this.props.onChange(value, meta),
        clearFieldErrors: this.props.clearFieldErrors,
        fieldsMetaData: this.props.metadata,
        fieldsErrors: this.props.fieldsErrors,
        onValidate: this.props.onValidateObject,
        controlRef: w => { this.inner = w; },
        parentIds: [...parentIds, forID],
        locale: this.props.locale,
        isFieldDuplicate: this.props.isFieldDuplicate,
        isFieldHidden: this.props.isFieldHidden,
      }) : null;
      return h('div', { className: 'pb-keuze-veld' }, radios, sub);
    },
  });

  // A section of the product form (Kern, Bron, …: macros/cms/groups.py PRODUCT_GROUPS): a heading with a
  // button that opens and closes it (aria-expanded), its fields below. A closed section opens itself when a
  // field in it is refused, so no error is hidden; its fields stay mounted (hidden), so they are validated.
  const SectionWidget = createClass({
    getInitialState() { return { closed: !!this.props.field.get('collapsed') }; },
    shouldComponentUpdate() { return true; },
    componentDidUpdate() { if (this.state.closed && this.hasErrorInside()) this.setState({ closed: false }); },
    hasErrorInside() {
      const errors = js(this.props.fieldsErrors) || {};
      return Object.values(errors).some(list => (list || []).some(e => (e.parentIds || []).includes(this.props.forID)));
    },
    controls() { return this.refs_ || (this.refs_ = {}); },
    validate() {
      for (const w of Object.values(this.controls())) {
        const f = innerValidate(w);
        if (f) f();
      }
    },
    focus(path) {
      this.setState({ closed: false }, () => {
        const [name, ...rest] = String(path || '').split('.');
        this.controls()[name]?.focus?.(rest.join('.'));
      });
    },
    render() {
      const { field, forID, value, editorControl: EditorControl, parentIds = [] } = this.props;
      const { closed } = this.state;
      const bodyId = `${forID}-inhoud`;
      const parents = [...parentIds, forID];
      const fields = field.get('fields');
      return h('section', { id: forID, className: 'pb-groep', 'aria-labelledby': `${forID}-kop` },
        h('h2', { className: 'pb-groep__kop', id: `${forID}-kop` },
          h('button', { type: 'button', className: 'pb-groep__knop', 'aria-expanded': String(!closed), 'aria-controls': bodyId,
            onClick: () => this.setState({ closed: !closed }) }, field.get('label'))),
        h('div', { id: bodyId, className: 'pb-groep__velden', hidden: closed },
          fields.map(f => h(EditorControl, {
            key: f.get('name'),
            field: f,
            value: value && typeof value.get === 'function' ? value.get(f.get('name')) : undefined,
            onChange: this.props.onChangeObject,
            clearFieldErrors: this.props.clearFieldErrors,
            fieldsMetaData: this.props.metadata,
            fieldsErrors: this.props.fieldsErrors,
            onValidate: this.props.onValidateObject,
            controlRef: w => { if (w) this.controls()[w.props.field.get('name')] = w; },
            parentIds: parents,
            locale: this.props.locale,
            isFieldDuplicate: this.props.isFieldDuplicate,
            isFieldHidden: this.props.isFieldHidden,
          }))));
    },
  });

  CMS.registerWidget('pb-groep', SectionWidget);
  CMS.registerWidget('pb-tekst', withModel('string'));
  CMS.registerWidget('pb-getal', NumberWidget);
  CMS.registerWidget('pb-lijst', withModel('list'));
  CMS.registerWidget('pb-keuze', ChoiceWidget);
  CMS.registerWidget('pb-bron', makeSourcedWidget(createClass, h, message, model.noemt_getal));
  return { check };
}
