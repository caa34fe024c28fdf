//! Django's `LocaleMiddleware` for the messages this server sends: the
//! language is the best of `Accept-Language` that Django ships (here
//! English, Spanish and Persian), and a message is looked up by its English
//! text, as gettext does with Django's and DRF's own catalogues. Answers
//! say `Content-Language` and vary on `Accept-Language`.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    Fa,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fa => "fa",
        }
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        match tag.split(['-', '_']).next()?.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "fa" => Some(Lang::Fa),
            _ => None,
        }
    }
}

/// The supported language with the highest `q` (ties: the first listed);
/// English when none is, as with Django's `LANGUAGE_CODE = "en-us"`.
pub fn negotiate(accept_language: Option<&str>) -> Lang {
    let mut best: Option<(f32, Lang)> = None;
    for item in accept_language.unwrap_or_default().split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(Lang::from_tag) else { continue };
        let q =
            parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map_or(Lang::En, |(_, lang)| lang)
}

/// English msgid (`{}` marks the one variable part), Spanish, Persian:
/// the entries of Django's and DRF's catalogues this server's answers use.
const CATALOGUE: &[(&str, &str, &str)] = &[
    ("This field is required.", "Este campo es requerido.", "این مقدار لازم است."),
    ("This field may not be blank.", "Este campo no puede estar en blanco.", "این مقدار نباید توخالی باشد."),
    ("This field may not be null.", "Este campo no puede ser nulo.", "این مقدار نباید خالی باشد."),
    (
        "Enter a valid email address.",
        "Introduzca una dirección de correo electrónico válida.",
        "یک ایمیل آدرس معتبر وارد کنید.",
    ),
    ("Enter a valid URL.", "Introduzca una URL válida.", "یک نشانی اینترنتی معتبر وارد کنید."),
    (
        "Ensure this field has no more than {} characters.",
        "Asegúrese de que este campo no tenga más de {} caracteres.",
        "مطمئن شوید طول این مقدار بیشتر از {} نیست.",
    ),
    ("\"{}\" is not a valid choice.", "\"{}\" no es una elección válida.", "\"{}\" یک گزینه معتبر نیست."),
    ("Must be a valid boolean.", "Debe ser un booleano válido.", "باید یک مقدار منطقی(بولی) معتبر باشد."),
    (
        "Authentication credentials were not provided.",
        "Las credenciales de autenticación no se proveyeron.",
        "اطلاعات برای اعتبارسنجی ارسال نشده است.",
    ),
    ("Invalid token.", "Token inválido.", "توکن نامعتبر است."),
    (
        "You do not have permission to perform this action.",
        "Usted no tiene permiso para realizar esta acción.",
        "شما اجازه انجام این دستور را ندارید.",
    ),
    (
        "Unable to log in with provided credentials.",
        "No puede iniciar sesión con las credenciales proporcionadas.",
        "با اطلاعات ارسال شده نمی‌توان وارد شد.",
    ),
    (
        "No active account found with the given credentials",
        "La combinación de credenciales no tiene una cuenta activa",
        "هیچ اکانت فعالی برای اطلاعات داده شده یافت نشد",
    ),
    (
        "A user with that username already exists.",
        "Ya existe un usuario con este nombre.",
        "کاربری با این نام کاربری وجود دارد.",
    ),
    ("{} with this email already exists.", "Ya existe un/a {} con este/a email.", "{} با این email از قبل موجود است."),
    (
        "{} with this mobile number already exists.",
        "Ya existe un/a {} con este/a mobile number.",
        "{} با این mobile number از قبل موجود است.",
    ),
    // Django's password validators (the texts the app shows for the same
    // rules, checked against Django per language).
    (
        "This password is too short. It must contain at least {} characters.",
        "La contraseña es demasiado corta. Debe contener por lo menos {} caracteres.",
        "این رمز عبور خیلی کوتاه است. رمز عبور می‌بایست حداقل از {} حرف تشکیل شده باشد.",
    ),
    ("This password is too common.", "Esta contraseña es demasiado común.", "این رمز عبور بسیار رایج است."),
    ("This password is entirely numeric.", "Esta contraseña es completamente numérica.", "رمز شما کلا عدد است"),
    (
        "The password is too similar to the username.",
        "La contraseña es demasiado similar a la de nombre de usuario.",
        "این رمز عبور بسیار شبیه نام کاربری می‌باشد.",
    ),
    (
        "The password is too similar to the first name.",
        "La contraseña es demasiado similar a la de nombre.",
        "این رمز عبور بسیار شبیه نام می‌باشد.",
    ),
    (
        "The password is too similar to the last name.",
        "La contraseña es demasiado similar a la de apellidos.",
        "این رمز عبور بسیار شبیه نام خانوادگی می‌باشد.",
    ),
    (
        "The password is too similar to the email address.",
        "La contraseña es demasiado similar a la de dirección de correo electrónico.",
        "این رمز عبور بسیار شبیه آدرس ایمیل می‌باشد.",
    ),
];

/// `text` in `lang`, or as it was when the catalogue does not have it.
pub fn translate(lang: Lang, text: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    CATALOGUE.iter().find_map(|&(msgid, es, fa)| {
        let slot = match msgid.split_once("{}") {
            None => (text == msgid).then_some(""),
            Some((before, after)) => {
                text.strip_prefix(before).and_then(|rest| rest.strip_suffix(after)).filter(|slot| !slot.is_empty())
            }
        }?;
        Some(if lang == Lang::Es { es } else { fa }.replacen("{}", slot, 1))
    })
}

fn translate_all(lang: Lang, value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Some(t) = translate(lang, s) {
                *s = t;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| translate_all(lang, v)),
        Value::Object(map) => map.values_mut().for_each(|v| translate_all(lang, v)),
        _ => {}
    }
}

/// Middleware: JSON answers under `/api/` in the negotiated language.
pub async fn localize(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let lang = negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    let is_json = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.contains("json"));
    if lang == Lang::En || !is_json || resp.status().is_success() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, 1 << 20).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(mut json) => {
            translate_all(lang, &mut json);
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(serde_json::to_vec(&json).unwrap_or_else(|_| bytes.to_vec()))
        }
        Err(_) => Body::from(bytes),
    };
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_like_django() {
        assert_eq!(negotiate(Some("es-ES,es;q=0.9,en;q=0.8")), Lang::Es);
        assert_eq!(negotiate(Some("de-DE,fa;q=0.5,en;q=0.4")), Lang::Fa);
        assert_eq!(negotiate(Some("en;q=0.3,es;q=0.7")), Lang::Es);
        assert_eq!(negotiate(Some("de")), Lang::En);
        assert_eq!(negotiate(Some("es;q=0")), Lang::En);
        assert_eq!(negotiate(None), Lang::En);
    }

    #[test]
    fn translates_by_the_english_text_with_its_variable_part() {
        assert_eq!(
            translate(Lang::Es, "Enter a valid email address.").unwrap(),
            "Introduzca una dirección de correo electrónico válida."
        );
        assert_eq!(
            translate(Lang::Es, "Ensure this field has no more than 150 characters.").unwrap(),
            "Asegúrese de que este campo no tenga más de 150 caracteres."
        );
        assert_eq!(translate(Lang::Fa, "Invalid token.").unwrap(), "توکن نامعتبر است.");
        assert_eq!(translate(Lang::Es, "Invalid Data provided!"), None, "letraz's own words stay");
        assert_eq!(translate(Lang::En, "Invalid token."), None);
    }

    #[test]
    fn password_messages_say_what_the_app_says_in_each_language() {
        let app = |lang: &str| -> Value {
            let path = format!("{}/../../src/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        };
        let (es, fa) = (app("es"), app("fa"));
        let password_keys = profile_model::messages::ENGLISH.iter().filter(|(k, _)| k.starts_with("error.password_"));
        for &(key, english) in password_keys.filter(|(k, _)| !k.ends_with(".one")) {
            let english = english.replace("{min_length}", "8");
            for (lang, texts) in [(Lang::Es, &es), (Lang::Fa, &fa)] {
                let want = texts[key].as_str().unwrap().replace("{min_length}", "8");
                assert_eq!(translate(lang, &english).as_deref(), Some(want.as_str()), "{key} in {lang:?}");
            }
        }
    }
}
