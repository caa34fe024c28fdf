//! Request bodies as DRF's default parsers read them (JSON, urlencoded form,
//! multipart), behind the size limit a fronting proxy would enforce.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use futures_util::StreamExt;
use serde_json::Value;

use crate::app::Shared;
use crate::drf::{ApiError, FieldErrors};

/// One uploaded file.
#[derive(Clone, Debug)]
pub struct Upload {
    pub filename: String,
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

/// A form value: text, or a file part.
#[derive(Clone, Debug)]
pub enum Part {
    Text(String),
    File(Upload),
}

/// `request.data` as DRF sees it.
#[derive(Clone, Debug)]
pub enum Payload {
    Json(Value),
    /// urlencoded or multipart, in arrival order (repeated keys allowed).
    Form(Vec<(String, Part)>),
}

impl Payload {
    pub fn empty() -> Payload {
        Payload::Form(Vec::new())
    }

    pub fn is_form(&self) -> bool {
        matches!(self, Payload::Form(_))
    }

    /// Top-level text values a sign-in serializer requires, or its field
    /// errors: "This field is required." for a missing or empty one, unless
    /// `blank` words the empty case (DRF's `CharField` says "may not be
    /// blank"; a view's own check may not tell them apart).
    pub fn required<const N: usize>(&self, keys: [&str; N], blank: Option<&str>) -> Result<[String; N], FieldErrors> {
        let mut missing = FieldErrors::default();
        let values = keys.map(|k| {
            let v = self.text(k).unwrap_or_default();
            if v.is_empty() {
                let sent = self.text(k).is_some();
                missing.add(k, blank.filter(|_| sent).unwrap_or("This field is required."));
            }
            v
        });
        if missing.is_empty() {
            Ok(values)
        } else {
            Err(missing)
        }
    }

    /// A top-level text value (sign-in bodies and the like).
    pub fn text(&self, key: &str) -> Option<String> {
        match self {
            Payload::Json(v) => v.get(key).and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }),
            Payload::Form(parts) => parts.iter().rev().find_map(|(k, p)| match p {
                Part::Text(s) if k == key => Some(s.clone()),
                _ => None,
            }),
        }
    }
}

/// Which parsers a view accepts (DRF `parser_classes`).
#[derive(Clone, Copy, Debug)]
pub struct Parsers {
    pub json: bool,
    pub form: bool,
    pub multipart: bool,
}

impl Parsers {
    pub const ALL: Parsers = Parsers { json: true, form: true, multipart: true };
    pub const JSON_ONLY: Parsers = Parsers { json: true, form: false, multipart: false };
}

/// Reads at most `limit` bytes. Over it, the rest is drained (as nginx's
/// lingering close does, so the client sees the answer rather than a reset)
/// and the caller gets nginx's 413 page.
pub async fn read_limited(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let mut stream = body.into_data_stream();
    let mut buf = Vec::new();
    let mut over = declared.is_some_and(|n| n > limit as u64);
    // Don't drain forever: past this the client is only wasting our time.
    let mut drained: u64 = 0;
    const DRAIN_CAP: u64 = 256 * 1024 * 1024;
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return Err(ApiError::Detail(StatusCode::BAD_REQUEST, "Incomplete request body.".into()));
        };
        if over {
            drained += chunk.len() as u64;
            if drained > DRAIN_CAP {
                break;
            }
            continue;
        }
        if buf.len() + chunk.len() > limit {
            over = true;
            buf = Vec::new();
            continue;
        }
        buf.extend_from_slice(&chunk);
    }
    if over {
        return Err(ApiError::TooLarge);
    }
    Ok(Bytes::from(buf))
}

/// DRF's `ParseError` (400) or `UnsupportedMediaType` (415).
#[derive(Clone, Debug)]
pub struct ParseError {
    pub status: StatusCode,
    pub detail: String,
}

impl ParseError {
    fn bad(detail: String) -> ParseError {
        ParseError { status: StatusCode::BAD_REQUEST, detail }
    }
}

/// As DRF's default exception handler answers it.
impl From<ParseError> for ApiError {
    fn from(e: ParseError) -> ApiError {
        ApiError::Detail(e.status, e.detail)
    }
}

/// A request whose body has been read under the proxy's size limit, not yet
/// parsed. It comes first because nginx refuses an oversized body before
/// Django authenticates; the handler then authenticates from `parts` and
/// parses, in the order its view does.
pub struct Limited {
    pub parts: Parts,
    pub bytes: Bytes,
}

impl FromRequest<Shared> for Limited {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Shared) -> Result<Limited, ApiError> {
        let (parts, body) = req.into_parts();
        let bytes = read_limited(&parts.headers, body, state.config.max_upload_bytes).await?;
        Ok(Limited { parts, bytes })
    }
}

impl Limited {
    /// `request.data` with the view's `parser_classes`.
    pub async fn parse(&self, parsers: Parsers) -> Result<Payload, ParseError> {
        parse(&self.parts.headers, self.bytes.clone(), parsers).await
    }
}

/// Parses per `Content-Type`.
pub async fn parse(headers: &HeaderMap, bytes: Bytes, parsers: Parsers) -> Result<Payload, ParseError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if bytes.is_empty() && media.is_empty() {
        // DRF: no body and no content type means empty data, not an error.
        return Ok(Payload::empty());
    }
    match media.as_str() {
        "application/json" if parsers.json => parse_json(&bytes),
        "application/x-www-form-urlencoded" if parsers.form => {
            let pairs: Vec<(String, String)> = form_urlencoded_pairs(&bytes);
            Ok(Payload::Form(pairs.into_iter().map(|(k, v)| (k, Part::Text(v))).collect()))
        }
        "multipart/form-data" if parsers.multipart => parse_multipart(content_type, bytes).await,
        _ => Err(ParseError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail: format!("Unsupported media type \"{content_type}\" in request."),
        }),
    }
}

fn parse_json(bytes: &[u8]) -> Result<Payload, ParseError> {
    if bytes.is_empty() {
        return Ok(Payload::empty());
    }
    serde_json::from_slice::<Value>(bytes).map(Payload::Json).map_err(|e| {
        // DRF passes Python's json error through; ours reads alike.
        ParseError::bad(format!("JSON parse error - {e}"))
    })
}

fn form_urlencoded_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default()
}

async fn parse_multipart(content_type: &str, bytes: Bytes) -> Result<Payload, ParseError> {
    let bad = |why: String| ParseError::bad(format!("Multipart form parse error - {why}"));
    let boundary =
        multer::parse_boundary(content_type).map_err(|_| bad("Invalid boundary in multipart: None".into()))?;
    // A form with no fields is just the closing delimiter; Django reads it
    // as empty data (multer calls it an incomplete stream).
    if bytes.trim_ascii() == format!("--{boundary}--").as_bytes() || bytes.is_empty() {
        return Ok(Payload::empty());
    }
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    let mut mp = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(bad(e.to_string())),
        };
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.file_name().map(str::to_string);
        let ct = field.content_type().map(|m| m.to_string());
        let data = field.bytes().await.map_err(|e| bad(e.to_string()))?;
        let part = match filename {
            // Django drops a file part with an empty filename (an untouched
            // `<input type=file>`), as if the field were absent.
            Some(filename) if filename.is_empty() => continue,
            Some(filename) => Part::File(Upload { filename, content_type: ct, bytes: data }),
            None => Part::Text(String::from_utf8_lossy(&data).into_owned()),
        };
        parts.push((name, part));
    }
    Ok(Payload::Form(parts))
}
