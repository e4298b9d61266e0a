// The CMS at /beheer/: registers the data files' YAML format and the model's widgets, then starts Decap CMS.
// config.yml and model.json next to the page are generated at build time (macros/cms/config.py).
import * as YAML from '../vendor/yaml/index.js';
import { makeFormat } from './yaml_file.js';
import { makeWidgets } from './widgets.js';

const { CMS, createClass, h } = window;

// The local backend (decap-server) when editing on this machine: served on the page's own address
// under /api/v1 (macros/cms/local.py, scripts/beheer.sh, the tests); the page's CSP allows no other.
async function lokaleApi() {
  if (!['localhost', '127.0.0.1'].includes(location.hostname)) return null;
  const hier = new URL('/api/v1', location.href).href;
  try {
    const r = await fetch(hier, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' });
    if (r.ok && (await r.json()).repo) return hier;
  } catch { /* not served here */ }
  return null;
}

const model = await (await fetch(new URL('model.json', location.href))).json();
for (const [soort, volgorde] of Object.entries(model.volgorde)) {
  CMS.registerCustomFormat(`pb-${soort}`, 'yaml', makeFormat(YAML, volgorde));
}
makeWidgets(CMS, createClass, h, model);
// The configuration is read here (not by Decap from its <link>), so a server that sends .yml with
// another content type does not matter.
const config = YAML.parse(await (await fetch(new URL('config.yml', location.href))).text());
const api = await lokaleApi();
if (api) config.local_backend = { ...config.local_backend, url: api };
else delete config.local_backend; // no decap-server here: GitHub (the page's CSP allows no other origin)
CMS.init({ config: { ...config, load_config_file: false } });
