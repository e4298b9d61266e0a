// The CMS at /beheer/: registers the data files' YAML format and the model's widgets, then starts Decap CMS.
// config.yml and model.json next to the page are generated at build time (macros/cms/config.py).
import * as YAML from '../vendor/yaml/index.js';
import { maakFormaat } from './yamlbestand.js';
import { maakWidgets } from './widgets.js';

const { CMS, createClass, h } = window;

// The local backend (decap-server) when editing on this machine: same origin under /api/v1 when the
// page is served with it (tests, scripts/beheer.sh), else Decap's default port 8081.
async function lokaleApi() {
  if (!['localhost', '127.0.0.1'].includes(location.hostname)) return null;
  const hier = new URL('/api/v1', location.href).href;
  try {
    const r = await fetch(hier, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' });
    if (r.ok && (await r.json()).repo) return hier;
  } catch { /* not served here */ }
  return `${location.protocol}//${location.hostname}:8081/api/v1`;
}

const model = await (await fetch(new URL('model.json', location.href))).json();
for (const [soort, volgorde] of Object.entries(model.volgorde)) {
  CMS.registerCustomFormat(`pb-${soort}`, 'yaml', maakFormaat(YAML, volgorde));
}
maakWidgets(CMS, createClass, h, model);
// The configuration is read here (not by Decap from its <link>), so a server that sends .yml with
// another content type does not matter.
const config = YAML.parse(await (await fetch(new URL('config.yml', location.href))).text());
const api = await lokaleApi();
if (api) config.local_backend = { ...config.local_backend, url: api };
CMS.init({ config: { ...config, load_config_file: false } });
