//! The router: every dialect's routes, Django's trailing-slash rule, media,
//! the SPA with `index.html` for deep links and its security headers, test
//! hooks and CORS.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use crate::drf::{self, ApiError};
use crate::{dialects, hooks, AppState};

pub type Shared = Arc<AppState>;

pub fn router(state: Shared) -> Router {
    let mut app = dialects::routes()
        .route("/_ref/health", get(|| async { "ok" }))
        .nest_service("/media", ServeDir::new(&state.config.media_dir));
    if state.config.test_hooks {
        app = app
            .route("/_ref/hooks", get(hooks::list).post(hooks::add).delete(hooks::clear))
            .route("/_ref/users", axum::routing::post(hooks::create_user));
    }
    // Hooks answer before the language does: their canned bodies stay as
    // the test wrote them.
    let cors = cors(&state);
    app.fallback(fallback)
        .layer(axum::middleware::from_fn(crate::locale::localize))
        .layer(axum::middleware::from_fn_with_state(state.clone(), hooks::intercept))
        .layer(axum::middleware::from_fn_with_state(state.clone(), move |state, req, next| {
            cors_for_the_api(cors.clone(), state, req, next)
        }))
        .with_state(state)
}

/// CORS answers the API's callers. The app's own files are fetched from
/// their own origin, so they go without it: about 180 bytes of headers
/// less on each of the 13 to 15 files a first load fetches.
async fn cors_for_the_api(cors: CorsLayer, State(state): State<Shared>, req: Request, next: Next) -> Response {
    if is_app_file(&state, &req) {
        return next.run(req).await;
    }
    match tower::Layer::layer(&cors, next).oneshot(req).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// Whether `req` asks for one of the app's files (or a deep link into it)
/// rather than the API, its media or the test hooks.
fn is_app_file(state: &Shared, req: &Request) -> bool {
    let path = req.uri().path();
    let backend_path = ["/api/", "/media/", "/_ref/"].iter().any(|p| path.starts_with(p)) || path == "/api";
    state.config.static_dir.is_some()
        && matches!(*req.method(), Method::GET | Method::HEAD)
        && !backend_path
        && !dialects::is_api_path(path)
        && !dialects::is_api_path(&format!("{path}/"))
}

/// Echoes an allowed origin (never `*`, since credentials are allowed).
fn cors(state: &Shared) -> CorsLayer {
    let s = state.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            origin.to_str().is_ok_and(|o| s.config.origin_allowed(o))
        }))
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE, Method::OPTIONS])
        .allow_headers(
            state
                .config
                .cors_allow_headers
                .iter()
                .filter_map(|h| HeaderName::try_from(h.as_str()).ok())
                .collect::<Vec<_>>(),
        )
        // So a cross-origin app can tell a throttled or challenged answer apart.
        .expose_headers([header::RETRY_AFTER, header::WWW_AUTHENTICATE])
        .max_age(std::time::Duration::from_secs(600))
}

/// A DRF view's method router: methods it does not define answer DRF's 405
/// JSON, and `OPTIONS` answers 200 with `Allow` as DRF's metadata does.
pub fn view(methods: MethodRouter<Shared>, allowed: &'static str) -> MethodRouter<Shared> {
    methods.fallback(move |req: Request| async move {
        if req.method() == Method::OPTIONS {
            let mut r = drf::ok(serde_json::json!({ "name": "View", "renders": ["application/json"] }));
            r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allowed));
            return r;
        }
        ApiError::MethodNotAllowed(req.method().clone()).into_response()
    })
}

async fn fallback(State(state): State<Shared>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    // Django's APPEND_SLASH: a known path missing its slash is redirected for
    // safe methods; for a body-carrying method Django cannot redirect without
    // losing the body and fails with a 500 (users-me documents exactly that).
    if !path.ends_with('/') && dialects::is_api_path(&format!("{path}/")) {
        if matches!(*req.method(), Method::GET | Method::HEAD) {
            let query = req.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
            let location = format!("{path}/{query}");
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
        }
        return drf::server_error();
    }
    let Some(dir) = state.config.static_dir.clone().filter(|_| is_app_file(&state, &req)) else {
        return drf::page_not_found();
    };
    let wants_html =
        req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    let takes_gzip = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(accepts_gzip);
    let (parts, _) = req.into_parts();
    // The build writes brotli and gzip copies beside each file (.ci/build);
    // the client's Accept-Encoding picks one (brotli first).
    let served = ServeDir::new(&dir)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(Request::from_parts(parts.clone(), axum::body::Body::empty()))
        .await;
    let mut response = match served {
        Ok(r) if r.status() != StatusCode::NOT_FOUND || !wants_html => r.into_response(),
        // A deep link such as `/profile`: the SPA's router handles it.
        _ => match ServeFile::new(dir.join("index.html"))
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(Request::from_parts(parts, axum::body::Body::empty()))
            .await
        {
            Ok(r) => r.into_response(),
            Err(_) => drf::page_not_found(),
        },
    };
    if takes_gzip {
        response = gzipped_if_plain_json(response).await;
    }
    if let Some(headers) = &state.static_headers {
        headers.apply(response.headers_mut());
    }
    response.headers_mut().insert(header::CACHE_CONTROL, cache_control(&path));
    // The same path may be answered gzipped or not: caches must tell them apart.
    response.headers_mut().append(header::VARY, header::HeaderValue::from_static("accept-encoding"));
    response
}

/// `Accept-Encoding` names gzip (and does not refuse it with `q=0`).
fn accepts_gzip(accept: &str) -> bool {
    accept.split(',').any(|coding| {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let quality = parts.find_map(|p| p.trim().strip_prefix("q=")).map_or(1.0, |q| q.trim().parse().unwrap_or(0.0));
        (name.eq_ignore_ascii_case("gzip") || name == "*") && quality > 0.0
    })
}

/// The JSON files the build leaves as they are (config.json, the dialect
/// files: deployers edit them in place, and a stale compressed copy would
/// win over the edit) are gzipped as they are sent, as nginx's `gzip on`
/// does: a dialect file goes from ~1.9 to ~0.8 KB; a file under 256 B
/// (config.json) stays as it is. Everything else came
/// compressed from the build, or is not worth it.
async fn gzipped_if_plain_json(response: Response) -> Response {
    use std::io::Write;
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if response.status() != StatusCode::OK || !is_json || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(plain) = axum::body::to_bytes(body, 1 << 20).await else {
        return drf::server_error();
    };
    // Below this, gzip's own header and trailer eat what it saves.
    if plain.len() < 256 {
        return Response::from_parts(parts, axum::body::Body::from(plain));
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let Ok(compressed) = gzip.write_all(&plain).and_then(|()| gzip.finish()) else {
        return drf::server_error();
    };
    parts.headers.insert(header::CONTENT_ENCODING, header::HeaderValue::from_static("gzip"));
    parts.headers.insert(header::CONTENT_LENGTH, compressed.len().into());
    // A byte range of the file is not a byte range of what is sent.
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, axum::body::Body::from(compressed))
}

/// Files whose name carries a content hash (`app-0123456789.css`, as
/// .ci/build names them) never change: cache them for a year. Everything
/// else (index.html, config.json, deep links) is revalidated each time.
fn cache_control(path: &str) -> header::HeaderValue {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let hashed =
        stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    header::HeaderValue::from_static(if hashed { "public, max-age=31536000, immutable" } else { "no-cache" })
}
