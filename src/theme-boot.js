// Runs from <head> before the first paint: applies the remembered theme
// and language so the page never shows the wrong colours or direction
// while the app loads. A file, not an inline script, so a strict CSP
// (script-src 'self') allows it. Keys and values match src/prefs.rs,
// src/theme.rs and src/i18n/mod.rs.
(function () {
  var root = document.documentElement;
  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  // The languages of src/i18n/*.json: .ci/dist.py writes the list from
  // those files (this one is for development builds).
  var languages = /* LANGUAGES */ ['en', 'fa', 'es'];
  function known(code) {
    var primary = String(code || '').split(/[-_]/)[0].toLowerCase();
    return languages.indexOf(primary) >= 0 ? primary : null;
  }

  var theme = stored('profile-app.theme');
  root.setAttribute('data-theme', theme === 'light' || theme === 'dark' ? theme : 'system');

  var locale = known(stored('profile-app.locale'));
  var preferred = navigator.languages || [navigator.language];
  for (var i = 0; !locale && i < preferred.length; i++) locale = known(preferred[i]);
  locale = locale || 'en';
  root.setAttribute('lang', locale);
  root.setAttribute('dir', locale === 'fa' ? 'rtl' : 'ltr');
})();
