// ESLint for the site's browser code (overrides/assets/) and the Node test helpers (tests/js/,
// tests/tools/) and benchmarks (benchmarks/*.mjs). Run by tests/test_lint_js.py in the fast lane; `npx eslint` runs it by hand.
//
// Rules, besides ESLint's recommended set (real errors: undefined names, unused variables,
// unreachable code, duplicate keys, …):
// - eqeqeq: no == / != (type coercion hides mistakes; `== null` is not used either);
// - no-eval, no-implied-eval, no-new-func, no-script-url: the site's content policy forbids them anyway
//   (macros/site/csp.py), so code that needs them would fail only in the browser;
// - no-restricted-properties / no-restricted-syntax: data is untrusted text (README, threat model):
//   it lands through textContent or attributes, never as HTML. innerHTML may only be emptied
//   (`x.innerHTML = ""`); outerHTML, insertAdjacentHTML and document.write are not used at all;
// - no-implicit-globals (the one classic script, the header search's worker file): nothing leaks
//   into the worker's global scope by accident;
// - prefer-const, no-shadow-restricted-names, no-self-compare, no-template-curly-in-string,
//   no-unmodified-loop-condition, no-use-before-define for classes and variables (not functions,
//   which the scripts define below their use on purpose): likely bugs.
// Style (quotes, semicolons, indentation, var vs let) is left to review: the older scripts use var
// and double quotes, the newer ones const and single quotes, and a style rule would only churn them.
import js from '@eslint/js';
import globals from 'globals';

const safety = {
  eqeqeq: ['error', 'always'],
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-script-url': 'error',
  'no-restricted-properties': ['error',
    { property: 'outerHTML', message: 'Zet tekst met textContent, nooit als HTML.' },
    { property: 'insertAdjacentHTML', message: 'Zet tekst met textContent, nooit als HTML.' },
    { object: 'document', property: 'write', message: 'Zet tekst met textContent, nooit als HTML.' },
    { object: 'document', property: 'writeln', message: 'Zet tekst met textContent, nooit als HTML.' }],
  'no-restricted-syntax': ['error', {
    selector: "AssignmentExpression[left.property.name='innerHTML']:not([right.type='Literal'][right.value=''])",
    message: 'innerHTML mag alleen geleegd worden (= ""); zet tekst met textContent, nooit als HTML.',
  }],
  'prefer-const': 'error',
  'no-self-compare': 'error',
  'no-template-curly-in-string': 'error',
  'no-unmodified-loop-condition': 'error',
  'no-use-before-define': ['error', { functions: false, classes: true, variables: true }],
};

export default [
  { ignores: ['node_modules/', 'site/', '.venv/', 'overrides/assets/vendor/'] },
  js.configs.recommended,
  {
    // The site's scripts: ES modules in the browser (and the CMS's yaml_file.js with yaml_text.js in Node's tests).
    files: ['overrides/assets/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser } },
    rules: safety,
  },
  {
    // The classic scripts: the head script of the tree and the comparison (state_pending.js), which runs
    // before the page is drawn, and instant_sitemap.js, which runs just before the theme's bundle.
    files: ['overrides/assets/state_pending.js', 'overrides/assets/instant_sitemap.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    rules: { ...safety, 'no-implicit-globals': 'error' },
  },
  {
    // Node helpers of the tests and the benchmarks.
    files: ['tests/**/*.mjs', 'tests/**/*.js', 'benchmarks/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: { eqeqeq: ['error', 'always'], 'prefer-const': 'error' },
  },
  {
    files: ['tests/**/*.cjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { eqeqeq: ['error', 'always'], 'prefer-const': 'error' },
  },
];
