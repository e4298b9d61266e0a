// Runs before decap-cms.js: the CMS starts only when cms.js has registered its format and widgets.
window.CMS_MANUAL_INIT = true;
