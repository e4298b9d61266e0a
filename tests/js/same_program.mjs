// Whether each minified script is the same program as its source (macros/site/minify.py, tests/test_minify.py):
// reads [{"name", "source", "minified"}] on stdin and answers {name: verdict}, where the verdict is
// "same", or says what differs. Both texts are parsed by espree (ESLint's parser, the latest ECMAScript) and
// their syntax trees compared without positions: a minifier that dropped, joined or reordered a token, or
// removed a line break that ended a statement (automatic semicolon insertion), gives another tree. A file is read
// as an ES module, or as a classic script when its source is not a valid module (the site has both kinds).
import { readFileSync } from 'node:fs';
import * as espree from 'espree';

const POSITION = new Set(['start', 'end', 'range', 'loc']);

function tree(text, module) {
  const ast = espree.parse(text, { ecmaVersion: 'latest', sourceType: module ? 'module' : 'script' });
  return JSON.stringify(ast, (key, value) => (POSITION.has(key) ? undefined : value));
}

const verdicts = {};
for (const { name, source, minified } of JSON.parse(readFileSync(0, 'utf8'))) {
  try {
    let module = true;
    let a;
    try {
      a = tree(source, true);
    } catch {
      module = false;
      a = tree(source, false);
    }
    const b = tree(minified, module);
    if (a === b) {
      verdicts[name] = 'same';
    } else {
      let i = 0;
      while (a[i] === b[i]) i += 1;
      verdicts[name] = `other tree at ${a.slice(Math.max(0, i - 60), i + 60)} / ${b.slice(Math.max(0, i - 60), i + 60)}`;
    }
  } catch (error) {
    verdicts[name] = `parse error: ${error.message}`;
  }
}
process.stdout.write(JSON.stringify(verdicts));
