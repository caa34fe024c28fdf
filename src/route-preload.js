// Release builds only (.ci/build appends this to theme-boot.js and fills
// in ROUTE_MODULES): starts downloading the wasm modules of the page a
// person lands on, and the file of their language, beside the main module
// instead of after it has started, and the dialect file config.json names
// (the app reads it next). Keys match src/session.rs and src/config.rs.
(function (ROUTE_MODULES) {
  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  // Remembered (localStorage) or kept for this tab (sessionStorage): src/session.rs.
  var signedIn = stored('profile-app.credential') || stored('profile-app.cookie-session') || (function () {
    try { var tab = window.sessionStorage; return tab.getItem('profile-app.credential') || tab.getItem('profile-app.cookie-session'); } catch (e) { return null; }
  })();
  var path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') path = '/profile';
  // The profile page sends someone who is not signed in to the sign-in page.
  if (path === '/profile' && !signedIn) path = '/sign-in';
  var files = (ROUTE_MODULES[path] || ROUTE_MODULES['*']).slice();
  var locale = document.documentElement.getAttribute('lang');
  if (locale && locale !== 'en') files.push('i18n/' + locale + '.json');
  function preload(href) {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    // The loader fetches with the default mode: same-origin credentials.
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.appendChild(link);
  }
  for (var i = 0; i < files.length; i++) preload('/' + files[i]);
  function preloadDialect(text) {
    try {
      var name = String(JSON.parse(text).dialect || '').trim();
      if (name) preload(/\.json$/.test(name) ? name : '/dialects/' + name + '.json');
    } catch (e) { /* the app shows what is wrong with the config */ }
  }
  var override = stored('profile-app.config-override');
  if (override) {
    preloadDialect(override);
  } else {
    // One request for config.json (it takes the preload above): its text
    // goes to the app (src/config.rs reads window.__profileConfig), and the
    // dialect file it names starts downloading now. null: the app fetches
    // it itself and says what went wrong.
    window.__profileConfig = fetch('/config.json')
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) { if (text) preloadDialect(text); return text; }, function () { return null; });
  }
})(/* ROUTE_MODULES */ {});
