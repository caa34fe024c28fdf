//! One module per backend contract; each owns its paths, fields, answer
//! shapes and error shapes.

pub mod aisquare;
pub mod jwt_views;
pub mod letraz;
pub mod pwgen;
pub mod users_me;

use axum::Router;

use crate::app::Shared;

pub fn routes() -> Router<Shared> {
    Router::new().merge(letraz::routes()).merge(aisquare::routes()).merge(pwgen::routes()).merge(users_me::routes())
}

fn all_paths() -> impl Iterator<Item = &'static str> {
    [letraz::PATHS, aisquare::PATHS, pwgen::PATHS, users_me::PATHS].into_iter().flatten().copied()
}

/// Whether `path` matches one of the API's URL patterns (`{x}` matches one
/// segment), for the trailing-slash rule.
pub fn is_api_path(path: &str) -> bool {
    all_paths().any(|pattern| {
        let (a, b): (Vec<_>, Vec<_>) = (pattern.split('/').collect(), path.split('/').collect());
        a.len() == b.len() && a.iter().zip(&b).all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
    })
}
