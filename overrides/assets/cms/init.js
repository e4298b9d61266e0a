// Runs before decap-cms.js: the CMS starts only when cms.js has registered its format and widgets.
window.CMS_MANUAL_INIT = true;

// On this machine the bridge (macros/cms/bridge.py) writes a per-run token into this page; every request
// to its /api/v1 must carry it, so no other page can write through the bridge. Not on the published site.
{
  const bridgeToken = document.querySelector('meta[name="beheer-token"]')?.content;
  if (bridgeToken) {
    const api = new URL('/api/v1', location.href).href;
    const fetchWithoutToken = window.fetch.bind(window);
    window.fetch = (input, init = {}) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href).href;
      if (url !== api) return fetchWithoutToken(input, init);
      const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set('X-Beheer-Token', bridgeToken);
      return fetchWithoutToken(input, { ...init, headers });
    };
  }
}
