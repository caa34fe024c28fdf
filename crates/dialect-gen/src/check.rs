//! `check`: a live backend tried from the command line the way the app in
//! a browser at `origin` would try it: the CORS preflight of every call
//! the dialect names with the headers the app sends (the account calls
//! are preflighted only, never made), the sign-in, the
//! read, an update of one field with its current value, the photo, and
//! for a session its cookies across sites and the CSRF round trip. Each
//! item prints ok or the problem with the Django setting that fixes it.
//! Passwords and tokens are never printed.

use profile_model::{AuthMode, Dialect, Endpoint, FieldKind};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Write;

/// What to check: the dialect, where the API is, where the app is served,
/// and a login to sign in with.
pub struct Target<'a> {
    pub dialect: &'a Dialect,
    /// The API's base URL without a trailing slash (`api_base_url`).
    pub api: String,
    /// The app's origin (`https://app.example.com`).
    pub origin: String,
    pub login: Option<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Works here, with a caveat.
    Warning,
    Problem,
    /// Not tried (no login, nothing to load).
    Skipped,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub verdict: Verdict,
    pub what: String,
    pub detail: String,
}

#[derive(Default)]
pub struct Report {
    pub items: Vec<Item>,
}

impl Report {
    /// The app would work from that origin: nothing failed and the
    /// sign-in, read and update were tried.
    pub fn works(&self) -> bool {
        let tried = |w: &str| self.items.iter().any(|i| i.what.starts_with(w) && i.verdict != Verdict::Skipped);
        self.problems() == 0 && tried("read") && tried("update")
    }

    pub fn problems(&self) -> usize {
        self.items.iter().filter(|i| i.verdict == Verdict::Problem).count()
    }
}

/// One answer, read.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// DRF's `detail` (or the first field error), never the whole body:
    /// a sign-in answer holds tokens.
    fn detail(&self) -> String {
        let Some(v) = self.json() else { return format!("HTTP {}", self.status) };
        let message = v
            .get("detail")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| v.pointer("/error/message").and_then(Value::as_str).map(str::to_string))
            .or_else(|| {
                v.as_object()?.iter().find_map(|(k, e)| {
                    let text = e.as_array()?.first()?.as_str()?;
                    Some(format!("{k}: {text}"))
                })
            });
        match message {
            // DRF's sentences end in a full stop; a hint follows after ":".
            Some(m) => format!("HTTP {}: {}", self.status, m.trim_end_matches('.')),
            None => format!("HTTP {}", self.status),
        }
    }
}

struct Checker<'a, W: Write> {
    target: &'a Target<'a>,
    agent: ureq::Agent,
    out: &'a mut W,
    report: Report,
    /// The cookies the API set, as a browser keeps them for it.
    cookies: BTreeMap<String, String>,
    session: bool,
    /// simplejwt's refresh token from the sign-in, for the refresh item.
    refresh_token: Option<String>,
}

/// Runs every check, printing each item as it is known.
pub fn run(target: &Target, out: &mut impl Write) -> Report {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(20)))
        .build()
        .new_agent();
    let session = target.dialect.auth == AuthMode::Session;
    let mut c = Checker {
        target,
        agent,
        out,
        report: Report::default(),
        cookies: BTreeMap::new(),
        session,
        refresh_token: None,
    };
    let _ = writeln!(
        c.out,
        "checking {} ({} auth) at {} for an app at {}{}",
        target.dialect.name,
        target.dialect.auth.name(),
        target.api,
        target.origin,
        if cross_site(&target.origin, &target.api) { " (another site)" } else { "" }
    );
    c.preflights();
    match target.login.clone() {
        Some((login, password)) => c.signed_in_calls(&login, &password),
        None => {
            for what in ["sign-in", "read", "update", "photo"] {
                c.item(Verdict::Skipped, what, "give --login and --password to try it".into());
            }
        }
    }
    let verdict = if c.report.works() {
        "the app would work from this origin".to_string()
    } else if c.report.problems() == 0 {
        "not proven: sign-in, read and update were not all tried".to_string()
    } else {
        format!("{} problem(s): the app would not work from this origin", c.report.problems())
    };
    let _ = writeln!(c.out, "{verdict}");
    c.report
}

/// The headers a browser lists in `Access-Control-Request-Headers` for a
/// call: what the app sets beyond the CORS-safelisted ones (`Accept` and
/// `Accept-Language` with a language code are safelisted).
fn requested_headers(dialect: &Dialect, key: &str, call: &Endpoint, csrf_known: bool) -> Vec<&'static str> {
    let mut headers = Vec::new();
    let with_credential = matches!(key, "read" | "update" | "sign_out" | "password_change" | "delete_account");
    if with_credential && matches!(dialect.auth, AuthMode::Token | AuthMode::Bearer | AuthMode::Basic) {
        headers.push("authorization");
    }
    let json_body = match key {
        "sign_in" | "refresh" | "update" => true,
        "sign_out" => dialect.sign_in.refresh_field.is_some(),
        "password_change" => true,
        "delete_account" => dialect.delete_account.as_ref().is_some_and(|a| a.needs_current_password()),
        _ => false,
    };
    if json_body {
        headers.push("content-type");
    }
    if dialect.auth == AuthMode::Session && !safe(&call.method) && csrf_known {
        headers.push("x-csrftoken");
    }
    headers
}

fn safe(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "OPTIONS")
}

/// `(scheme, registrable domain)`, approximated by the last two labels of
/// a name (no public-suffix list); an IP address or a single label is
/// its own site.
fn site(url: &str) -> (String, String) {
    let (scheme, host) = scheme_host(url);
    let is_ip = host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[');
    let labels: Vec<&str> = host.split('.').collect();
    let domain = if is_ip || labels.len() <= 2 { host.clone() } else { labels[labels.len() - 2..].join(".") };
    (scheme, domain)
}

/// Scheme and host (no port) of a URL.
fn scheme_host(url: &str) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split('/').next().unwrap_or_default();
    let host = if authority.starts_with('[') {
        authority.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h).to_string()
    };
    (scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

fn cross_site(origin: &str, api: &str) -> bool {
    site(origin) != site(api)
}

/// `scheme://host:port` of a URL.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    format!("{scheme}://{}", rest.split('/').next().unwrap_or_default())
}

/// The value at a dotted path (`details.bio`).
fn at<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, key| v.get(key))
}

/// `{"details": {"bio": value}}` for `details.bio`.
fn nested(path: &str, value: Value) -> Value {
    path.rsplit('.').fold(value, |inner, key| {
        let mut m = Map::new();
        m.insert(key.to_string(), inner);
        Value::Object(m)
    })
}

impl<W: Write> Checker<'_, W> {
    fn item(&mut self, verdict: Verdict, what: &str, detail: String) {
        let tag = match verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warning => "warn",
            Verdict::Problem => "FAIL",
            Verdict::Skipped => "skip",
        };
        let _ = writeln!(self.out, "{tag} {what}: {detail}");
        self.report.items.push(Item { verdict, what: what.to_string(), detail });
    }

    fn url(&self, call: &Endpoint, id: Option<&str>) -> String {
        format!("{}{}", self.target.api, call.path_for(id))
    }

    /// Whether the app will have a CSRF token to send: the cookie is
    /// readable on the API's own host, else the csrf endpoint gives it.
    fn csrf_known(&self) -> bool {
        self.target.dialect.endpoints.csrf.is_some()
            || scheme_host(&self.target.origin).1 == scheme_host(&self.target.api).1
    }

    fn send(
        &mut self,
        method: &str,
        url: &str,
        headers: &[(&str, String)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Result<Answer, String> {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("Origin", &self.target.origin)
            .header("Accept", "application/json")
            .header("Accept-Language", "en");
        if self.session && !self.cookies.is_empty() && method != "OPTIONS" {
            let jar: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            request = request.header("Cookie", jar.join("; "));
        }
        for (k, v) in headers {
            request = request.header(*k, v);
        }
        let (bytes, content_type) = match body {
            Some((ct, bytes)) => (bytes, Some(ct)),
            None => (Vec::new(), None),
        };
        if let Some(ct) = content_type {
            request = request.header("Content-Type", ct);
        }
        let request = request.body(bytes).map_err(|e| format!("{method} {url}: {e}"))?;
        let mut response = self.agent.run(request).map_err(|e| format!("{method} {url}: {e}"))?;
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        let answer = Answer { status, headers, body };
        for set in answer.all("set-cookie") {
            if let Some((name, value)) = set.split(';').next().and_then(|p| p.split_once('=')) {
                self.cookies.insert(name.trim().to_string(), value.trim().to_string());
            }
        }
        Ok(answer)
    }

    /// What is wrong with the CORS headers of an answer to the app's origin.
    /// One call as the app makes it: the answer, or `None` once the reason
    /// the app would not get one (no answer, or CORS hiding it) is said
    /// under `what`.
    fn exchange(
        &mut self,
        what: &str,
        method: &str,
        url: &str,
        headers: &[(&str, String)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Option<Answer> {
        let answer = match self.send(method, url, headers, body) {
            Ok(a) => a,
            Err(e) => {
                self.item(Verdict::Problem, what, format!("no answer: {e}"));
                return None;
            }
        };
        if let Some(p) = self.cors_problem(&answer) {
            self.item(Verdict::Problem, what, p);
            return None;
        }
        Some(answer)
    }

    fn cors_problem(&self, answer: &Answer) -> Option<String> {
        let origin = &self.target.origin;
        match answer.header("access-control-allow-origin") {
            None => {
                return Some(format!(
                    "no Access-Control-Allow-Origin for {origin}, so the browser hides the answer from the app: \
                     add \"{origin}\" to CORS_ALLOWED_ORIGINS (django-cors-headers, CorsMiddleware first in MIDDLEWARE)"
                ))
            }
            Some("*") if self.session => {
                return Some(format!(
                    "Access-Control-Allow-Origin: * refuses a request with cookies: list \"{origin}\" in CORS_ALLOWED_ORIGINS instead of CORS_ALLOW_ALL_ORIGINS"
                ))
            }
            Some(allowed) if allowed != "*" && allowed != origin => {
                return Some(format!(
                    "Access-Control-Allow-Origin is {allowed}, not {origin}: add \"{origin}\" to CORS_ALLOWED_ORIGINS"
                ))
            }
            _ => {}
        }
        if self.session && answer.header("access-control-allow-credentials") != Some("true") {
            return Some(
                "no Access-Control-Allow-Credentials: true, so the browser drops an answer to a request with cookies: \
                 set CORS_ALLOW_CREDENTIALS = True"
                    .into(),
            );
        }
        None
    }

    fn preflights(&mut self) {
        let d = self.target.dialect;
        let e = &d.endpoints;
        let calls: Vec<(&str, &Endpoint)> = [
            ("sign_in", e.sign_in.as_ref()),
            ("read", Some(&e.read)),
            ("update", Some(&e.update)),
            ("sign_out", e.sign_out.as_ref()),
            ("refresh", e.refresh.as_ref()),
            ("csrf", e.csrf.as_ref()),
            // Preflights only: the check never changes a password or
            // deletes an account.
            ("password_change", e.password_change.as_ref()),
            ("delete_account", e.delete_account.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, c)| c.map(|c| (k, c)))
        .collect();
        for (key, call) in calls {
            if key == "sign_in" && d.auth == AuthMode::Basic {
                continue;
            }
            let headers = requested_headers(d, key, call, self.csrf_known());
            let what = format!("preflight {key} {} {}", call.method, call.path);
            let simple = matches!(call.method.as_str(), "GET" | "HEAD" | "POST") && headers.is_empty();
            if simple {
                self.item(Verdict::Ok, &what, "a simple request: the browser sends no preflight".into());
                continue;
            }
            // `{id}` is filled from the read; any id answers the same preflight.
            let url = self.url(call, Some("1"));
            let asked = headers.join(", ");
            let answer = match self.send(
                "OPTIONS",
                &url,
                &[
                    ("Access-Control-Request-Method", call.method.clone()),
                    ("Access-Control-Request-Headers", asked.clone()),
                ],
                None,
            ) {
                Ok(a) => a,
                Err(e) => {
                    self.item(Verdict::Problem, &what, format!("no answer: {e}"));
                    continue;
                }
            };
            let problem = self.preflight_problem(&answer, &call.method, &headers);
            match problem {
                Some(p) => self.item(Verdict::Problem, &what, p),
                None => self.item(
                    Verdict::Ok,
                    &what,
                    format!(
                        "allows {} with {}",
                        call.method,
                        if asked.is_empty() { "no extra headers".into() } else { asked }
                    ),
                ),
            }
        }
    }

    fn preflight_problem(&self, answer: &Answer, method: &str, headers: &[&str]) -> Option<String> {
        if !(200..300).contains(&answer.status) {
            return Some(format!(
                "the preflight (OPTIONS) answers {}: a browser needs 2xx; django-cors-headers' CorsMiddleware answers it before the view",
                answer.status
            ));
        }
        if let Some(p) = self.cors_problem(answer) {
            return Some(p);
        }
        let list = |name: &str| -> Vec<String> {
            answer
                .header(name)
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let methods = list("access-control-allow-methods");
        let wildcard_methods = methods.iter().any(|m| m == "*") && !self.session;
        if !matches!(method, "GET" | "HEAD" | "POST")
            && !wildcard_methods
            && !methods.contains(&method.to_ascii_lowercase())
        {
            return Some(format!(
                "{method} is not in Access-Control-Allow-Methods ({}): add it to CORS_ALLOW_METHODS",
                methods.join(", ")
            ));
        }
        let allowed = list("access-control-allow-headers");
        let wildcard = allowed.iter().any(|h| h == "*") && !self.session;
        // `*` never covers Authorization.
        let missing: Vec<&str> = headers
            .iter()
            .copied()
            .filter(|h| !(allowed.iter().any(|a| a == h) || wildcard && *h != "authorization"))
            .collect();
        if !missing.is_empty() {
            return Some(format!(
                "the app sends {} but Access-Control-Allow-Headers is {}: CORS_ALLOW_HEADERS = (*default_headers, {})",
                missing.join(", "),
                if allowed.is_empty() { "empty".to_string() } else { allowed.join(", ") },
                missing.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
            ));
        }
        None
    }

    fn signed_in_calls(&mut self, login: &str, password: &str) {
        let d = self.target.dialect;
        let mut csrf_token = None;
        if self.session {
            csrf_token = self.csrf_round_trip();
        }
        let Some(authorization) = self.sign_in(login, password, csrf_token.as_deref()) else {
            for what in ["read", "update", "photo"] {
                self.item(Verdict::Skipped, what, "the sign-in failed".into());
            }
            return;
        };
        if self.session && self.csrf_known() {
            // Django rotates the CSRF token on sign-in; the app reads it
            // again (the cookie on its own host, else the endpoint). From
            // another host with no endpoint it has none to send.
            csrf_token = self.cookies.get("csrftoken").cloned().or(csrf_token);
            if d.endpoints.csrf.is_some() {
                if let Some(call) = d.endpoints.csrf.clone() {
                    let url = self.url(&call, None);
                    if let Ok(a) = self.send(&call.method, &url, &[], None) {
                        csrf_token = a.json().and_then(|v| v["csrftoken"].as_str().map(str::to_string)).or(csrf_token);
                    }
                }
            }
        }
        let auth_headers: Vec<(&str, String)> = authorization.iter().map(|a| ("Authorization", a.clone())).collect();
        let Some(user) = self.read(&auth_headers) else {
            for what in ["update", "photo"] {
                self.item(Verdict::Skipped, what, "the read failed".into());
            }
            return;
        };
        self.update(&user, &auth_headers, csrf_token.as_deref());
        self.photo(&user);
        self.refresh();
    }

    /// Trades the refresh token for an access token, as the app does when
    /// one expires.
    fn refresh(&mut self) {
        let d = self.target.dialect;
        let (Some(call), Some(field)) = (d.endpoints.refresh.clone(), d.sign_in.refresh_field.clone()) else { return };
        let what = format!("refresh {} {}", call.method, call.path);
        let Some(token) = self.refresh_token.clone() else {
            self.item(
                Verdict::Problem,
                &what,
                format!("the sign-in answer has no {field:?}: fix sign_in.refresh_field"),
            );
            return;
        };
        let body = serde_json::to_vec(&nested(&field, Value::String(token))).unwrap_or_default();
        let url = self.url(&call, None);
        let Some(answer) = self.exchange(&what, &call.method, &url, &[], Some(("application/json", body))) else {
            return;
        };
        if answer.json().and_then(|v| d.sign_in.token(&v)).is_some() && (200..300).contains(&answer.status) {
            let key = d.sign_in.token_field.clone().unwrap_or_default();
            self.item(Verdict::Ok, &what, format!("{} with a new token in {key:?}", answer.status));
        } else {
            self.item(Verdict::Problem, &what, format!("{}: expected a new access token", answer.detail()));
        }
    }

    /// The csrf endpoint (where the dialect names one) with its cookie;
    /// without one, whether the app can read the cookie at all.
    fn csrf_round_trip(&mut self) -> Option<String> {
        let d = self.target.dialect;
        let Some(call) = d.endpoints.csrf.clone() else {
            if self.csrf_known() {
                self.item(
                    Verdict::Ok,
                    "csrf token",
                    "the API is on the app's host: the app reads the csrftoken cookie".into(),
                );
            } else {
                self.item(
                    Verdict::Problem,
                    "csrf token",
                    format!(
                        "the app at {} cannot read the csrftoken cookie of {} and the dialect names no csrf endpoint: \
                         add a view answering {{\"csrftoken\": get_token(request)}} and name it in endpoints.csrf",
                        self.target.origin, self.target.api
                    ),
                );
            }
            return None;
        };
        let what = format!("csrf {} {}", call.method, call.path);
        let url = self.url(&call, None);
        let answer = self.exchange(&what, &call.method, &url, &[], None)?;
        let token = answer.json().and_then(|v| v["csrftoken"].as_str().map(str::to_string));
        match &token {
            Some(_) if (200..300).contains(&answer.status) => {
                self.item(Verdict::Ok, &what, format!("{} with {{\"csrftoken\"}}", answer.status))
            }
            _ => self.item(
                Verdict::Problem,
                &what,
                format!(
                    "{}: expected 200 with {{\"csrftoken\": …}} (a view returning get_token(request))",
                    answer.detail()
                ),
            ),
        }
        if let Some(set) = answer.all("set-cookie").into_iter().find(|c| c.starts_with("csrftoken=")) {
            let set = set.to_string();
            self.cookie_item("csrftoken cookie", &set, "CSRF_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE");
        }
        token
    }

    /// Whether a browser at the app's origin keeps and sends a cookie the
    /// API set: across sites only `SameSite=None; Secure` over https.
    fn cookie_item(&mut self, what: &str, set_cookie: &str, samesite_setting: &str, secure_setting: &str) {
        let attributes: Vec<String> = set_cookie.split(';').skip(1).map(|a| a.trim().to_ascii_lowercase()).collect();
        let samesite = attributes
            .iter()
            .find_map(|a| a.strip_prefix("samesite=").map(str::to_string))
            .unwrap_or_else(|| "lax (not set: the browsers' default)".into());
        let secure = attributes.iter().any(|a| a == "secure");
        let (origin, api) = (&self.target.origin, &self.target.api);
        if !cross_site(origin, api) {
            self.item(
                Verdict::Ok,
                what,
                format!("SameSite={samesite}: the app and the API are one site, so it is sent"),
            );
            return;
        }
        if samesite != "none" || !secure {
            self.item(
                Verdict::Problem,
                what,
                format!(
                    "SameSite={samesite}{}: a browser does not send it from {origin}, another site: \
                     {samesite_setting} = \"None\" and {secure_setting} = True (or serve app and API from one site)",
                    if secure { "; Secure" } else { "" }
                ),
            );
        } else if scheme_host(api).0 != "https" {
            self.item(
                Verdict::Problem,
                what,
                "SameSite=None; Secure over plain http: browsers keep Secure cookies only from https; serve the API over https".into(),
            );
        } else {
            self.item(
                Verdict::Warning,
                what,
                "SameSite=None; Secure: sent by browsers that allow third-party cookies; those that block them \
                 (Safari, Chromium with third-party cookies off) still do not: one site for app and API avoids this"
                    .into(),
            );
        }
    }

    /// Signs in as the app does; the `Authorization` header to send after,
    /// `Some(None)` for a cookie session.
    fn sign_in(&mut self, login: &str, password: &str, csrf: Option<&str>) -> Option<Option<String>> {
        let d = self.target.dialect;
        if d.auth == AuthMode::Basic {
            let credential = base64(&format!("{login}:{password}"));
            self.item(Verdict::Ok, "sign-in", "Basic: no call; the read proves the password".into());
            return Some(Some(format!("Basic {credential}")));
        }
        let Some(call) = d.endpoints.sign_in.clone() else {
            self.item(Verdict::Skipped, "sign-in", "the dialect has no sign-in call (a pasted token)".into());
            return None;
        };
        let what = format!("sign-in {} {}", call.method, call.path);
        let body = serde_json::to_vec(&d.sign_in.body(login, password)).unwrap_or_default();
        let headers: Vec<(&str, String)> = csrf.map(|t| ("X-CSRFToken", t.to_string())).into_iter().collect();
        let url = self.url(&call, None);
        let answer = self.exchange(&what, &call.method, &url, &headers, Some(("application/json", body)))?;
        if !(200..300).contains(&answer.status) {
            let hint = match answer.status {
                403 if answer.body.contains("CSRF") => {
                    format!("; add \"{}\" to CSRF_TRUSTED_ORIGINS", self.target.origin)
                }
                400 | 401 => format!(" (check --login, as the dialect's login_field {})", d.sign_in.login_field.name()),
                _ => String::new(),
            };
            self.item(Verdict::Problem, &what, format!("refused: {}{hint}", answer.detail()));
            return None;
        }
        if self.session {
            self.item(Verdict::Ok, &what, format!("{}", answer.status));
            match answer.all("set-cookie").into_iter().find(|c| c.starts_with("sessionid=")) {
                Some(set) => {
                    let set = set.to_string();
                    self.cookie_item("session cookie", &set, "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_SECURE");
                }
                None => self.item(
                    Verdict::Problem,
                    "session cookie",
                    "the sign-in set no sessionid cookie: is it Django's login() (dj-rest-auth SESSION_LOGIN = True)?"
                        .into(),
                ),
            }
            return Some(None);
        }
        let keys = || {
            answer
                .json()
                .and_then(|v| v.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>().join(", ")))
                .unwrap_or_default()
        };
        let Some(token) = answer.json().and_then(|v| d.sign_in.token(&v)) else {
            let field = d.sign_in.token_field.clone().unwrap_or_default();
            self.item(
                Verdict::Problem,
                &what,
                format!(
                    "{} but the answer has no {field:?} (it has: {}): fix sign_in.token_field",
                    answer.status,
                    keys()
                ),
            );
            return None;
        };
        self.item(
            Verdict::Ok,
            &what,
            format!("{} with a token in {:?}", answer.status, d.sign_in.token_field.as_deref().unwrap_or("")),
        );
        self.refresh_token = answer.json().and_then(|v| d.sign_in.refresh_token(&v));
        Some(d.auth.header(&token))
    }

    fn read(&mut self, auth: &[(&str, String)]) -> Option<Value> {
        let call = self.target.dialect.endpoints.read.clone();
        let what = format!("read {} {}", call.method, call.path);
        let url = self.url(&call, None);
        let answer = self.exchange(&what, &call.method, &url, auth, None)?;
        match answer.json().filter(|v| v.is_object() && (200..300).contains(&answer.status)) {
            Some(user) => {
                let fields = self.target.dialect.fields.len();
                let found = self
                    .target
                    .dialect
                    .fields
                    .iter()
                    .filter(|f| {
                        at(&user, f.read_from.as_deref().unwrap_or(&f.path)).or_else(|| at(&user, &f.path)).is_some()
                    })
                    .count();
                self.item(
                    Verdict::Ok,
                    &what,
                    format!("{}; {found} of the dialect's {fields} fields in the answer", answer.status),
                );
                Some(user)
            }
            None => {
                let hint = match answer.status {
                    401 | 403 => format!(
                        ": the credential was not taken; DEFAULT_AUTHENTICATION_CLASSES must hold the class for {} auth",
                        self.target.dialect.auth.name()
                    ),
                    301 | 302 | 308 => ": a redirect (APPEND_SLASH? the path must end with /)".into(),
                    _ => String::new(),
                };
                self.item(Verdict::Problem, &what, format!("{}{hint}", answer.detail()));
                None
            }
        }
    }

    /// Sends one writable field with the value it has, so nothing changes.
    fn update(&mut self, user: &Value, auth: &[(&str, String)], csrf: Option<&str>) {
        let d = self.target.dialect;
        let call = d.endpoints.update.clone();
        let id = at(user, &d.id_field).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()));
        let what = format!("update {} {}", call.method, call.path);
        let field = d.fields.iter().find_map(|f| {
            let writable = !f.read_only && f.kind != FieldKind::File && f.read_key.is_none();
            let value = at(user, f.read_from.as_deref().unwrap_or(&f.path)).filter(|v| !v.is_object())?;
            writable.then(|| (f.path.clone(), value.clone()))
        });
        let Some((path, value)) = field else {
            self.item(Verdict::Skipped, &what, "no writable field with a value in the read answer".into());
            return;
        };
        let body = serde_json::to_vec(&nested(&path, value)).unwrap_or_default();
        let mut headers: Vec<(&str, String)> = auth.to_vec();
        if let Some(token) = csrf {
            headers.push(("X-CSRFToken", token.to_string()));
        }
        let url = self.url(&call, id.as_deref());
        let Some(answer) = self.exchange(&what, &call.method, &url, &headers, Some(("application/json", body))) else {
            return;
        };
        if (200..300).contains(&answer.status) {
            self.item(Verdict::Ok, &what, format!("{} with {path} unchanged", answer.status));
            return;
        }
        let detail = answer.detail();
        let origin = &self.target.origin;
        let hint = if detail.contains("Origin checking failed") || detail.contains("Referer checking failed") {
            format!(": add \"{origin}\" to CSRF_TRUSTED_ORIGINS")
        } else if detail.contains("CSRF cookie not set") {
            ": the browser did not send the csrftoken cookie: CSRF_COOKIE_SAMESITE = \"None\" and CSRF_COOKIE_SECURE = True across sites".into()
        } else if detail.contains("CSRF token missing") {
            ": the app had no token to send: name the csrf endpoint in the dialect".into()
        } else {
            format!(" (sent {{{path}}} with its current value)")
        };
        self.item(Verdict::Problem, &what, format!("{detail}{hint}"));
    }

    /// The photo loads as an `<img>` does: no CORS, the URL resolved
    /// against the API.
    fn photo(&mut self, user: &Value) {
        let Some(field) = self.target.dialect.photo.field.clone() else { return };
        let value = self
            .target
            .dialect
            .fields
            .iter()
            .find(|f| f.path == field)
            .and_then(|f| f.read_from.clone())
            .and_then(|from| at(user, &from).cloned())
            .or_else(|| at(user, &field).cloned());
        let Some(src) = value.as_ref().and_then(Value::as_str).filter(|s| !s.is_empty()) else {
            self.item(Verdict::Skipped, "photo", format!("this person has no photo in {field}"));
            return;
        };
        let url = if src.contains("://") {
            src.to_string()
        } else if src.starts_with('/') {
            format!("{}{src}", origin_of(&self.target.api))
        } else {
            format!("{}/{src}", self.target.api)
        };
        let answer = match self.agent.get(&url).call() {
            Ok(mut r) => {
                let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
                let _ = r.body_mut().read_to_vec();
                Ok((r.status().as_u16(), ct))
            }
            Err(e) => Err(e.to_string()),
        };
        match answer {
            Ok((status, ct)) if (200..300).contains(&status) && ct.starts_with("image/") => {
                self.item(Verdict::Ok, "photo", format!("{url} loads ({status}, {ct})"))
            }
            Ok((status, ct)) => self.item(
                Verdict::Problem,
                "photo",
                format!(
                    "{url} answers {status}{}: MEDIA_URL must be served (the web server in front of Django, or django.conf.urls.static in development)",
                    if ct.is_empty() { String::new() } else { format!(" ({ct})") }
                ),
            ),
            Err(e) => self.item(Verdict::Problem, "photo", format!("{url}: {e}")),
        }
    }
}

/// Standard base64, as browsers encode Basic credentials.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_are_scheme_and_registrable_domain() {
        assert!(!cross_site("http://127.0.0.1:8080", "http://127.0.0.1:8000/api"));
        assert!(cross_site("http://localhost:8080", "http://127.0.0.1:8000"));
        assert!(!cross_site("https://app.example.com", "https://api.example.com"));
        assert!(cross_site("https://app.example.com", "https://api.other.org"));
        assert!(cross_site("http://app.example.com", "https://api.example.com"), "schemeful");
    }

    #[test]
    fn basic_credentials_encode_as_browsers_do() {
        assert_eq!(base64("demo:pass"), "ZGVtbzpwYXNz");
        assert_eq!(base64("a"), "YQ==");
    }
}
