// Release builds only (.ci/build appends this to theme-boot.js and fills
// in ROUTE_MODULES and MAIN_MODULE): starts downloading the wasm modules
// of the page a person lands on just before the main module has arrived
// instead of after it has started, the file of their language, the
// dialect file config.json names (the app reads it next), and a kept
// session's profile read. Keys match src/session.rs and src/config.rs.
(function (ROUTE_MODULES, MAIN_MODULE) {
  function stored(key, store) {
    try { return window[store || 'localStorage'].getItem(key); } catch (e) { return null; }
  }
  // A session is kept remembered (localStorage) or for this tab
  // (sessionStorage), with its read's recipe beside it: src/session.rs,
  // which looks in that order too. A remembered one leaves sessionStorage
  // untouched: a page's first read of it costs ~2 ms at 4x CPU, which the
  // drafts then pay after the first screen.
  // (`find` stops at the first store that holds one.)
  var keptIn = ['localStorage', 'sessionStorage'].find(function (store) {
    return stored('profile-app.credential', store) || stored('profile-app.cookie-session', store);
  });
  var signedIn = !!keptIn;
  var path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') path = '/profile';
  // The profile page sends someone who is not signed in to the sign-in page.
  if (path === '/profile' && !signedIn) path = '/sign-in';
  // The frame index.html paints first takes the landing page's layout:
  // profile and settings have their sections listed beside them
  // (style/boot-frame.css).
  if (path === '/profile' || path === '/settings') document.documentElement.setAttribute('data-frame', 'sectioned');
  var modules = ROUTE_MODULES[path] || ROUTE_MODULES['*'];
  var locale = document.documentElement.getAttribute('lang');
  if (locale && locale !== 'en') preload('/i18n/' + locale + '.json');
  function preload(href) {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    // The loader fetches with the default mode: same-origin credentials.
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.appendChild(link);
  }
  // The route's modules are asked for about one round trip before the
  // main module has arrived, not beside it: downloads share a slow link,
  // so all at once the main module (which must be whole before anything
  // runs) arrives with the last of them; asked for late, they arrive
  // while it starts. Slow 4G, form ready: 1,801 -> 1,669 ms median (A/B,
  // 8 loads each); unthrottled unchanged.
  // Each is compiled as it arrives and left for the split loader, which
  // takes it instead of fetching (.ci/dist.py): compiled when the page
  // first asks, its main-thread part ran between the app's first paint
  // and its form (~17 ms at 4x CPU).
  var asked = false;
  var compiled = (window.__wasmModules = {});
  function askForModules() {
    if (asked) return;
    asked = true;
    for (var i = 0; i < modules.length; i++) {
      if (!WebAssembly.compileStreaming) {
        preload('/' + modules[i]);
        continue;
      }
      compiled[modules[i]] = WebAssembly.compileStreaming(fetch('/' + modules[i]));
      compiled[modules[i]].catch(function () { /* the loader fetches it again */ });
    }
  }
  // Follows the main module's download (index.html preloads it before
  // this script runs, so this fetch takes that response) and hands it,
  // compiled, to the glue (window.__mainWasm, read by the app module's
  // start-up).
  function followMain(main, roundTrip) {
    return fetch(main.href).then(function (response) {
      if (!response.ok || !response.body || !response.body.tee) {
        askForModules();
        return response;
      }
      var branches = response.body.tee(), reader = branches[1].getReader();
      var received = 0, first = 0;
      (function read() {
        reader.read().then(function (chunk) {
          if (chunk.done) return askForModules();
          var now = performance.now();
          first = first || now;
          received += chunk.value.length;
          // The rate is judged once a quarter has come, not from the
          // first chunk's burst.
          var perMs = received / Math.max(1, now - first);
          if (received * 4 >= main.bytes && main.bytes - received <= perMs * roundTrip) askForModules();
          if (asked) return reader.cancel();
          read();
        }, askForModules);
      })();
      var whole = new Response(branches[0], { headers: { 'content-type': 'application/wasm' } });
      // Compiled as it arrives: decoding 430 KB at once when the app
      // module runs took ~30 ms at 4x CPU on the way to the first screen.
      // The glue instantiates a Module as it would a Response.
      return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(whole) : whole;
    });
  }
  // A round trip: what this small file took to come over the network.
  // From the cache (transferSize 0), the main module is likely cached too:
  // the glue then fetches it by its URL, which keeps the browser's cache
  // of its compiled code (a Response made here has no URL to key it by).
  var boot = document.currentScript && performance.getEntriesByName(document.currentScript.src)[0];
  var roundTrip = boot && boot.transferSize > 0 ? boot.responseEnd - boot.requestStart : 0;
  if (MAIN_MODULE && window.ReadableStream && roundTrip > 0) {
    window.__mainWasm = followMain(MAIN_MODULE, roundTrip);
    window.__mainWasm.catch(askForModules);
  } else {
    askForModules();
  }
  // The dialect file the config names, read here: the app takes its text
  // when it resolves the same URL (src/config.rs, window.__profileDialect)
  // instead of sending a request of its own, whose code then stays off
  // the first screen. null: the app asks again and says what went wrong.
  function fetchDialect(text) {
    try {
      var name = String(JSON.parse(text).dialect || '').trim();
      if (!name) return;
      var url = /\.json$/.test(name) ? name : '/dialects/' + name + '.json';
      var answer = fetch(url).then(function (r) { return r.ok ? r.text() : null; }, function () { return null; });
      window.__profileDialect = { url: url, text: answer };
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
        // Read whole here, body and all: the app then has the answer in
        // the task that asks for it, and draws the form there, not after
        // another task (and a paint of its skeleton) waiting for the body.
        var answer = fetch(r.url, { method: r.method, headers: r.headers, credentials: r.credentials, signal: signal })
          .then(function (response) {
            return response.text().then(function (body) {
              var header = function (name) { return response.headers.get(name); };
              return { status: response.status, contentType: header('content-type'), retryAfter: header('retry-after'), body: body };
            });
          });
        answer.catch(function () { /* the app reports it */ });
        window.__profileRead = { recipe: recipe, answer: answer, signal: signal };
      }
    } catch (e) { /* no recipe, or no secret where it says: the app reads */ }
  }
  var override = stored('profile-app.config-override');
  if (override) {
    fetchDialect(override);
  } else {
    // One request for config.json (it takes the preload above): its text
    // goes to the app (src/config.rs reads window.__profileConfig), and the
    // dialect file it names is asked for now. null: the app fetches it
    // itself and says what went wrong.
    window.__profileConfig = fetch('/config.json')
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) { if (text) fetchDialect(text); return text; }, function () { return null; });
  }
})(/* ROUTE_MODULES */ {}, /* MAIN_MODULE */ null);
