// Release builds only (.ci/build appends this to theme-boot.js and fills
// in ROUTE_MODULES): starts downloading the wasm modules of the page a
// person lands on, and the file of their language, beside the main module
// instead of after it has started, the dialect file config.json names
// (the app reads it next), and a kept session's profile read. Keys match
// src/session.rs and src/config.rs.
(function (ROUTE_MODULES) {
  function stored(key, store) {
    try { return window[store || 'localStorage'].getItem(key); } catch (e) { return null; }
  }
  // A session is kept remembered (localStorage) or for this tab
  // (sessionStorage), with its read's recipe beside it: src/session.rs.
  var keptIn = ['localStorage', 'sessionStorage'].filter(function (store) {
    return stored('profile-app.credential', store) || stored('profile-app.cookie-session', store);
  })[0];
  var signedIn = !!keptIn;
  var path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') path = '/profile';
  // The profile page sends someone who is not signed in to the sign-in page.
  if (path === '/profile' && !signedIn) path = '/sign-in';
  // The frame index.html paints first takes the landing page's layout:
  // profile and settings have their sections listed beside them
  // (style/boot-frame.css).
  if (path === '/profile' || path === '/settings') document.documentElement.setAttribute('data-frame', 'sectioned');
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
  // The profile read, sent now where a session is kept: the app wrote its
  // recipe after its last read (src/api/early_read.rs) and takes this
  // answer only if that is still the read it would send. No rule here:
  // the recipe says everything but the secret, and where that is kept.
  if (path === '/profile' || path === '/settings') {
    try {
      var recipe = stored('profile-app.read-recipe', keptIn);
      var r = JSON.parse(recipe);
      var kept = stored(r.key, keptIn);
      if (kept != null) {
        if (r.secret) {
          var secret = JSON.parse(kept);
          for (var s = 0; s < r.secret.length; s++) secret = secret[r.secret[s]];
          if (typeof secret !== 'string') throw 0;
          r.headers.push([r.auth[0], r.auth[1] + secret]);
        }
        var signal = AbortSignal.timeout(r.timeout);
        var response = fetch(r.url, { method: r.method, headers: r.headers, credentials: r.credentials, signal: signal });
        response.catch(function () { /* the app reports it */ });
        window.__profileRead = { recipe: recipe, response: response, signal: signal };
      }
    } catch (e) { /* no recipe, or no secret where it says: the app reads */ }
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
