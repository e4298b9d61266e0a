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
import { leesGetal, toonGetal } from './number.js';
import { past } from './entry_check.js';
import { atPath } from './groups.js';

const js = v => (v && typeof v.toJS === 'function' ? v.toJS() : v);

// The files of each collection as the backend lists them (slug -> code), loaded once per collection by
// the code field of a new entry: a new product's code and file name must not be taken (cms.js, preSave).
export const bestaande = new Map();

/** The model's rules on one value with its Dutch messages (also used by entry_check.js through cms.js). */
export function makeCheck(model) {
  const toon = v => {
    if (isObject(v)) return 'een blok met velden';
    if (Array.isArray(v)) return 'een lijst';
    if (v === null || v === undefined) return 'null (leeg)';
    const t = String(v);
    return t.length > 60 ? `'${t.slice(0, 60)}…'` : `'${t}'`;
  };
  const melding = (soort, ctx) => {
    const [probleem, oplossing] = model.berichten[soort];
    const vul = s => s.replace(/\{(\w+)\}/g, (_, k) => (k in ctx ? String(ctx[k]) : `{${k}}`));
    return { error: { type: 'CUSTOM', message: `${vul(probleem)}. Oplossing: ${vul(oplossing)}` } };
  };

  // The model's constraints on one value (JSON Schema keywords, as the model generates them).
  function controleer(regels, waarde) {
    const v = js(waarde);
    const ctx = { invoer: toon(v) };
    if (v === undefined || v === null) return true;
    if (v === '' && regels.type !== 'string' && regels.type !== 'number' && regels.type !== 'integer') {
      return melding('float_type', ctx);
    }
    if (regels.type === 'string') {
      if (typeof v !== 'string') return melding('string_type', ctx);
      if (regels.minLength && v.trim().length < regels.minLength) return melding('string_too_short', ctx);
      if (regels.maxLength && v.trim().length > regels.maxLength) return melding('string_too_long', { ...ctx, max_length: regels.maxLength });
      if (regels.pattern && !new RegExp(regels.pattern).test(v)) {
        return melding('string_pattern_mismatch', { ...ctx, patroon_uitleg: model.patronen[regels.pattern] || `volg het patroon ${regels.pattern}` });
      }
    } else if (regels.type === 'number' || regels.type === 'integer') {
      if (typeof v === 'string') {
        const gelezen = leesGetal(v);
        return { error: { type: 'CUSTOM', message: gelezen.fout ? `${gelezen.fout}. Oplossing: ${gelezen.oplossing}`
          : `'${v}' is nog geen getal. Oplossing: typ het getal opnieuw` } };
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) return melding('float_type', ctx);
      if (regels.type === 'integer' && !Number.isInteger(v)) return melding('int_type', ctx);
      if ('minimum' in regels && v < regels.minimum) return melding('greater_than_equal', { ...ctx, ge: regels.minimum });
      if ('exclusiveMinimum' in regels && v <= regels.exclusiveMinimum) return melding('greater_than', { ...ctx, gt: regels.exclusiveMinimum });
      if ('maximum' in regels && v > regels.maximum) return melding('less_than_equal', { ...ctx, le: regels.maximum });
    } else if (Array.isArray(v)) {
      if (regels.minItems && v.length < regels.minItems) return melding('too_short', { ...ctx, min_length: regels.minItems });
      if (regels.maxItems && v.length > regels.maxItems) return melding('too_long', { ...ctx, max_length: regels.maxItems });
    }
    return true;
  }

  return { controleer, melding };
}

export function makeWidgets(CMS, createClass, h, model) {
  const { controleer, melding } = makeCheck(model);
  const innerValidate = w => w && (w.innerWrappedControl?.validate ?? w.validate);

  function metModel(standaardBasis) {
    return createClass({
      shouldComponentUpdate() { return true; },
      isValid() {
        const regels = js(this.props.field.get('pb_model')) || {};
        return controleer(regels, this.props.value);
      },
      validate() {
        // A list validates its items and then itself (through props.validate, which asks isValid here).
        if (this.binnen && typeof this.binnen.validate === 'function') this.binnen.validate();
        else this.props.validate();
      },
      focus(path) {
        if (this.binnen?.focus) this.binnen.focus(path);
        else document.getElementById(this.props.forID)?.focus();
      },
      render() {
        const basis = CMS.getWidget(this.props.field.get('pb_basis') || standaardBasis).control;
        const ref = r => { this.binnen = r && r.getWrappedInstance ? r.getWrappedInstance() : r; };
        const enkel = this.props.field.get('pb_enkel');
        if (!enkel) return h(basis, { ...this.props, ref });
        // A list whose items may be text or a block (opmerkingen: text | {tekst, velden}): Decap's list
        // would read a block item as a block of fields, so each item is held as {<naam>: item} here.
        const leeg = this.props.field.clear();
        const { value, onChange } = this.props;
        return h(basis, {
          ...this.props, ref, field: this.props.field.set('fields', this.props.field.get('pb_velden')),
          value: value && typeof value.map === 'function' ? value.map(item => leeg.set(enkel, item)) : value,
          onChange: (nieuw, meta) => onChange(nieuw && typeof nieuw.map === 'function'
            ? nieuw.map(item => (item && typeof item.get === 'function' ? item.get(enkel) : item)) : nieuw, meta),
        });
      },
    });
  }

  // A number typed as a person types it (number.js): a text input; what reads as one number is written
  // as that number, anything else is held as the typed text, which validation refuses with its reason.
  const Getal = createClass({
    getInitialState() { return { tekst: null }; },
    shouldComponentUpdate() { return true; },
    isValid() {
      const regels = js(this.props.field.get('pb_model')) || {};
      const v = js(this.props.value);
      if (v === undefined || v === null) return { error: { type: 'CUSTOM', message: `${leesGetal('').fout}. Oplossing: ${leesGetal('').oplossing}` } };
      return controleer(regels, v);
    },
    focus() { document.getElementById(this.props.forID)?.focus(); },
    wijzig(tekst) {
      this.setState({ tekst });
      const gelezen = leesGetal(tekst, !!this.props.field.get('pb_euro'));
      this.props.onChange('getal' in gelezen ? gelezen.getal : tekst);
    },
    render() {
      const { forID, value, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const v = js(value);
      // What the person typed stays as typed while it means the value held; otherwise the value, in Dutch.
      const getoond = this.state.tekst !== null && (leesGetal(this.state.tekst, !!this.props.field.get('pb_euro')).getal ?? this.state.tekst) === v
        ? this.state.tekst : typeof v === 'number' ? toonGetal(v) : (v ?? '');
      return h('input', {
        type: 'text', inputMode: 'decimal', autoComplete: 'off', id: forID, className: classNameWrapper,
        value: getoond, onChange: e => this.wijzig(e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
      });
    },
  });

  const Keuze = createClass({
    getInitialState() { return { gekozen: null }; },
    // Always re-render, as Decap's object widget does: the sub-form must see new errors.
    shouldComponentUpdate() { return true; },
    keuzes() { return js(this.props.field.get('keuzes')); },
    huidig() {
      const v = js(this.props.value);
      const keuzes = this.keuzes();
      // A number field holding what was typed but is no number yet stays on its own alternative.
      const vorige = this.vorige ?? this.state.gekozen;
      if (typeof v === 'string' && vorige >= 0 && keuzes[vorige]?.soort === 'number') return vorige;
      const gevonden = keuzes.findIndex(k => past(k, v));
      if (gevonden >= 0) this.vorige = gevonden;
      // Text where a number belongs, as loaded (written elsewhere: '' or '2,5'): shown in the number's own field,
      // which says why it is refused (entry_check.js reads it the same way).
      const getal = typeof v === 'string' && gevonden < 0 ? keuzes.findIndex(k => k.soort === 'number') : -1;
      if (getal >= 0) return getal;
      return gevonden >= 0 ? gevonden : this.state.gekozen ?? -1;
    },
    kies(i) {
      const keuze = this.keuzes()[i];
      this.setState({ gekozen: i });
      this.vorige = i;
      if ('waarde' in keuze) this.props.onChange(keuze.waarde);
      else if (this.huidig() !== i) this.props.onChange(undefined);
    },
    getValidateValue() {
      const i = this.huidig();
      return i >= 0 && 'waarde' in this.keuzes()[i] ? 'gekozen' : js(this.props.value);
    },
    componentDidMount() { this.laadBestaande(); },
    componentDidUpdate() { this.laadBestaande(); },
    laadBestaande() {
      // The code of a new entry: the entries already there, to refuse a code that is taken.
      const { field, entry, collection, query, forID } = this.props;
      if (!field.get('pb_uniek') || !entry?.get('newRecord') || !collection || !query) return;
      const naam = collection.get('name');
      if (bestaande.has(naam)) return;
      bestaande.set(naam, new Map()); // once: the answer fills it
      // pb_pad: where the code sits in an entry's data (in the form's first section, macros/cms/config.py);
      // the query searches the name, which every entry has (Decap's search fails on a code left null).
      const pad = field.get('pb_pad') || field.get('name');
      Promise.resolve(query(forID, naam, [field.get('pb_zoek') || 'naam'], '', undefined, 0)).then(antwoord => {
        const hits = antwoord?.payload?.hits || [];
        bestaande.set(naam, new Map(hits.map(e => [String(e.slug), atPath(js(e.data), pad) ?? null])));
        this.props.validate?.();
      }).catch(() => {});
    },
    isValid() {
      const i = this.huidig();
      const v = js(this.props.value);
      if (this.props.field.get('pb_uniek') && this.props.entry?.get('newRecord') && typeof v === 'string') {
        const naam = this.props.collection?.get('name');
        const al = [...(bestaande.get(naam) || new Map())].find(([slug, code]) =>
          (code !== null && String(code).toLowerCase() === v.trim().toLowerCase()) || slug === v.trim().toLowerCase());
        if (al) {
          return { error: { type: 'CUSTOM', message: `de code ${v.trim()} bestaat al in deze regio (bestand ${al[0]}.yaml). `
            + 'Oplossing: kies een andere code, of open het bestaande product in de lijst en wijzig dat' } };
        }
      }
      if (i < 0 && this.props.field.get('required', true)) return melding('missing', {});
      if (i >= 0 && !('waarde' in this.keuzes()[i]) && this.props.value === undefined) return melding('missing', {});
      return true;
    },
    validate() {
      this.props.validate();
      const f = innerValidate(this.binnen);
      if (f && this.huidig() >= 0 && !('waarde' in this.keuzes()[this.huidig()])) f();
    },
    render() {
      const { field, forID, classNameWrapper, editorControl: EditorControl, parentIds = [] } = this.props;
      const keuzes = this.keuzes();
      const i = this.huidig();
      const label = field.get('label', field.get('name'));
      const knoppen = h('div', { role: 'radiogroup', 'aria-label': label, id: forID, className: `${classNameWrapper} pb-keuze` },
        keuzes.map((k, j) => h('label', { key: j, className: 'pb-keuze__optie' },
          h('input', { type: 'radio', name: forID, checked: i === j, onChange: () => this.kies(j) }), ' ', k.label)));
      const sub = i >= 0 && !('waarde' in keuzes[i]) ? h(EditorControl, {
        field: field.get('keuzes').get(i).get('veld'),
        value: this.props.value,
        onChange: (_, waarde, meta) => this.props.onChange(waarde, meta),
        clearFieldErrors: this.props.clearFieldErrors,
        fieldsMetaData: this.props.metadata,
        fieldsErrors: this.props.fieldsErrors,
        onValidate: this.props.onValidateObject,
        controlRef: w => { this.binnen = w; },
        parentIds: [...parentIds, forID],
        locale: this.props.locale,
        isFieldDuplicate: this.props.isFieldDuplicate,
        isFieldHidden: this.props.isFieldHidden,
      }) : null;
      return h('div', { className: 'pb-keuze-veld' }, knoppen, sub);
    },
  });

  // A section of the product form (Kern, Bron, …: macros/cms/config.py PRODUCT_GROUPS): a heading with a
  // button that opens and closes it (aria-expanded), its fields below. A closed section opens itself when a
  // field in it is refused, so no error is hidden; its fields stay mounted (hidden), so they are validated.
  const Groep = createClass({
    getInitialState() { return { dicht: !!this.props.field.get('collapsed') }; },
    shouldComponentUpdate() { return true; },
    componentDidUpdate() { if (this.state.dicht && this.foutBinnen()) this.setState({ dicht: false }); },
    foutBinnen() {
      const fouten = js(this.props.fieldsErrors) || {};
      return Object.values(fouten).some(lijst => (lijst || []).some(e => (e.parentIds || []).includes(this.props.forID)));
    },
    kinderen() { return this.refs_ || (this.refs_ = {}); },
    validate() {
      for (const w of Object.values(this.kinderen())) {
        const f = innerValidate(w);
        if (f) f();
      }
    },
    focus(pad) {
      this.setState({ dicht: false }, () => {
        const [naam, ...rest] = String(pad || '').split('.');
        this.kinderen()[naam]?.focus?.(rest.join('.'));
      });
    },
    render() {
      const { field, forID, value, editorControl: EditorControl, parentIds = [] } = this.props;
      const { dicht } = this.state;
      const inhoud = `${forID}-inhoud`;
      const ouders = [...parentIds, forID];
      const velden = field.get('fields');
      return h('section', { id: forID, className: 'pb-groep', 'aria-labelledby': `${forID}-kop` },
        h('h2', { className: 'pb-groep__kop', id: `${forID}-kop` },
          h('button', { type: 'button', className: 'pb-groep__knop', 'aria-expanded': String(!dicht), 'aria-controls': inhoud,
            onClick: () => this.setState({ dicht: !dicht }) }, field.get('label'))),
        h('div', { id: inhoud, className: 'pb-groep__velden', hidden: dicht },
          velden.map(f => h(EditorControl, {
            key: f.get('name'),
            field: f,
            value: value && typeof value.get === 'function' ? value.get(f.get('name')) : undefined,
            onChange: this.props.onChangeObject,
            clearFieldErrors: this.props.clearFieldErrors,
            fieldsMetaData: this.props.metadata,
            fieldsErrors: this.props.fieldsErrors,
            onValidate: this.props.onValidateObject,
            controlRef: w => { if (w) this.kinderen()[w.props.field.get('name')] = w; },
            parentIds: ouders,
            locale: this.props.locale,
            isFieldDuplicate: this.props.isFieldDuplicate,
            isFieldHidden: this.props.isFieldHidden,
          }))));
    },
  });

  CMS.registerWidget('pb-groep', Groep);
  CMS.registerWidget('pb-tekst', metModel('string'));
  CMS.registerWidget('pb-getal', Getal);
  CMS.registerWidget('pb-lijst', metModel('list'));
  CMS.registerWidget('pb-keuze', Keuze);
  CMS.registerWidget('pb-bron', makeSourcedWidget(createClass, h, melding, model.noemt_getal));
  return { controleer };
}
