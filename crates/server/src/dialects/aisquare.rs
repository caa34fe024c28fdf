//! aisquare (`shared/seeds/001_*` and `002_*`): one backend, one user, two
//! views. `/api/v1/iam/user/profile/` takes user fields plus detail fields
//! nested under `details` and answers everything flat
//! (`IAMUserDetailView`); `/api/v1/iam/iamuserdetails/me/` takes and answers
//! the detail fields flat (`IAMUserDetail`). Both JSON only, as documented,
//! under simplejwt Bearer auth, with simplejwt's token views for sign-in.
//! Tag lists (skills, interests, focus areas) are written as names and
//! answered as ids plus `*_data` objects.

use crate::Backend;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use crate::app::{view, Shared};
use crate::auth::{self, Class, Realm, SignedIn, BEARER};
use crate::body::{Limited, Parsers};
use crate::db::UserRow;
use crate::drf::{self, ApiError, Reply};
use crate::update::{self, Unique};
use crate::{fields, AppState};

/// `IAMUserDetailView` (user and detail fields), simplejwt Bearer auth.
pub struct Profile;
/// `IAMUserDetail` (detail fields), the same auth and users.
pub struct Details;

impl Realm for Profile {
    const DIALECT: Backend = Backend::AisquareProfile;
    const CLASSES: &'static [Class] = &[Class::Jwt];
}

impl Realm for Details {
    const DIALECT: Backend = Backend::AisquareDetails;
    const CLASSES: &'static [Class] = &[Class::Jwt];
}

pub const PATHS: &[&str] = &[
    "/api/v1/iam/user/profile/",
    "/api/v1/iam/iamuserdetails/me/",
    "/api/v1/iam/token/",
    "/api/v1/iam/token/refresh/",
    "/api/v1/iam/token/blacklist/",
];

const UNIQUE: &[Unique] = &[("username", "A user with that username already exists.")];

/// Tag lists: stored names → `(kind in the tags table, has ids and descriptions)`.
const TAG_LISTS: &[(&str, bool)] =
    &[("skills", true), ("investment_interests", true), ("technical_interests", true), ("focus_area", false)];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(PATHS[0], view(get(read_profile).patch(patch_profile), "GET, PATCH, HEAD, OPTIONS"))
        .route(PATHS[1], view(get(read_details).patch(patch_details), "GET, PATCH, HEAD, OPTIONS"))
        .route(PATHS[2], view(post(obtain), "POST, OPTIONS"))
        .route(PATHS[3], view(post(refresh), "POST, OPTIONS"))
        .route(PATHS[4], view(post(blacklist), "POST, OPTIONS"))
}

/// `IAMUserDetail`.
fn details(state: &AppState, u: &UserRow) -> Reply<Map<String, Value>> {
    let v = |k: &str| u.data.get(k).cloned().unwrap_or(Value::Null);
    let mut m = Map::new();
    for k in [
        "profile_picture",
        "bio",
        "address",
        "country",
        "phone",
        "dob",
        "user_type",
        "linkedin_url",
        "github_url",
        "twitter_url",
        "facebook_url",
        "website_url",
        "portfolio_url",
        "resume",
        "communication_preferences_phone",
        "communication_preferences_email",
        "platform_features_emails",
        "activity_based_emails",
        "company_info",
        "additional_data",
        "top_domain_elo",
        "top_domain_rank",
        "streak",
        "highest_streak",
        "streak_freeze_days",
        "title",
        "unlocked_titles",
        "followers_count",
        "following_count",
        "is_following",
        "is_followed_back",
    ] {
        m.insert(k.into(), v(k));
    }
    for (list, described) in TAG_LISTS {
        let names: Vec<String> = u
            .data
            .get(*list)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let tags = state.db.tags(list, &names)?;
        let data: Vec<Value> =
            tags.iter()
                .map(|(id, name)| {
                    if *described {
                        json!({"id": id, "name": name, "description": null})
                    } else {
                        json!({"name": name})
                    }
                })
                .collect();
        let ids: Vec<Value> = tags.iter().map(|(id, _)| json!(id)).collect();
        let nullable_and_null =
            matches!(*list, "technical_interests" | "focus_area") && u.data.get(*list).is_some_and(Value::is_null);
        m.insert((*list).into(), if nullable_and_null { Value::Null } else { Value::Array(ids) });
        m.insert(format!("{list}_data"), Value::Array(data));
    }
    Ok(m)
}

/// `IAMUserDetailView`: user fields and detail fields, flat.
fn profile(state: &AppState, u: &UserRow) -> Reply<Value> {
    let mut m = Map::new();
    m.insert("user_id".into(), json!(u.public_id));
    m.insert("full_name".into(), json!(u.str_field("full_name").unwrap_or("")));
    m.insert("email".into(), json!(u.str_field("email").unwrap_or("")));
    m.insert("username".into(), json!(u.str_field("username").unwrap_or("")));
    m.insert("created_at".into(), json!(u.created_at));
    m.insert("is_current_user".into(), json!(true));
    m.extend(details(state, u)?);
    Ok(Value::Object(m))
}

async fn read_profile(State(state): State<Shared>, me: SignedIn<Profile>) -> Reply {
    Ok(drf::ok(profile(&state, &me.user)?))
}

async fn read_details(State(state): State<Shared>, me: SignedIn<Details>) -> Reply {
    Ok(drf::ok(Value::Object(details(&state, &me.user)?)))
}

/// Validates and saves a JSON patch for either view.
async fn patch<R: Realm>(state: &AppState, req: Limited) -> Reply<UserRow> {
    let me = SignedIn::<R>::check(state, &req.parts)?;
    let payload = req.parse(Parsers::JSON_ONLY).await?;
    let changes = fields::validate(R::DIALECT, &payload)?;
    Ok(update::save(state, me.user.id, &changes, UNIQUE, "avatars")?)
}

async fn patch_profile(State(state): State<Shared>, req: Limited) -> Reply {
    let user = patch::<Profile>(&state, req).await?;
    Ok(drf::ok(profile(&state, &user)?))
}

async fn patch_details(State(state): State<Shared>, req: Limited) -> Reply {
    let user = patch::<Details>(&state, req).await?;
    Ok(drf::ok(Value::Object(details(&state, &user)?)))
}

/// simplejwt `TokenObtainPairView` with `USERNAME_FIELD = "email"`.
async fn obtain(State(state): State<Shared>, req: Limited) -> Reply {
    let d = Profile::DIALECT;
    auth::reject_bad_credentials::<Profile>(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await?;
    let [email, password] = payload.required(["email", "password"], Some("This field may not be blank."))?;
    let Some(user) = auth::check_credentials(&state, d, &email, &password)? else {
        return Err(ApiError::Refused {
            challenge: Some(BEARER),
            body: json!({ "detail": "No active account found with the given credentials" }),
        });
    };
    let (access, refresh) = super::jwt_views::pair(&state, d, user.id);
    Ok(drf::ok(json!({ "refresh": refresh, "access": access })))
}

async fn refresh(State(state): State<Shared>, req: Limited) -> Reply {
    super::jwt_views::refresh(&state, Profile::DIALECT, req).await
}

async fn blacklist(State(state): State<Shared>, req: Limited) -> Reply {
    super::jwt_views::blacklist(&state, Profile::DIALECT, req).await
}
