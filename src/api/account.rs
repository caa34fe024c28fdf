//! The account's security calls, where the dialect has them: change the
//! password, delete the account. The bodies are the model's
//! (`PasswordChange::body`, `DeleteAccount::body`); this module only sends
//! them. Plus Django's common-password list, a static file of the app.

use profile_model::CommonPasswords;

use super::{ApiClient, Body, ClientError};

/// Where `.ci/build` puts Django's list (`crates/model/data`).
const COMMON_PASSWORDS_URL: &str = "/common-passwords.txt";

impl ApiClient {
    /// 2xx: the password is changed. The credential stays: djoser keeps
    /// its token, and dj-rest-auth keeps the session (it calls Django's
    /// `update_session_auth_hash`).
    pub async fn change_password(&self, current: &str, new: &str, confirm: &str) -> Result<(), ClientError> {
        self.require_credential()?;
        let (endpoint, change) = self.config().password_change().ok_or_else(unsupported)?;
        let url = self.config().url(endpoint, None);
        self.send(&endpoint.method, &url, Body::Json(change.body(current, new, confirm))).await.map(drop)
    }

    /// 2xx: the account is gone. `id` fills the path's `{id}` (pwgen).
    pub async fn delete_account(&self, current: &str, id: Option<&str>) -> Result<(), ClientError> {
        self.require_credential()?;
        let (endpoint, delete) = self.config().delete_account().ok_or_else(unsupported)?;
        let url = self.config().url(endpoint, id);
        let body = delete.body(current).map_or(Body::None, Body::Json);
        self.send(&endpoint.method, &url, body).await.map(drop)
    }
}

/// Django's common-password list, or `None` if it cannot be fetched (the
/// other checks still run, and the server has the last word).
pub async fn common_passwords() -> Option<CommonPasswords> {
    let response = gloo_net::http::Request::get(COMMON_PASSWORDS_URL).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    Some(CommonPasswords::parse(&response.text().await.ok()?))
}

fn unsupported() -> ClientError {
    ClientError::Api(profile_model::ApiError::malformed(0))
}
