//! pwgen dialect: `POST /api/sign-in/`, `POST /api/profile/` to read,
//! `PUT /api/profile/{id}/update/` (partial) to write.

use profile_model::wire::pwgen::{SignInRequest, SignInResponse, User, UserUpdate};

use super::{ApiClient, ApiError, Method};

impl ApiClient {
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<SignInResponse, ApiError> {
        let body = SignInRequest { email: email.to_string(), password: password.to_string() };
        self.send(Method::Post, "/api/sign-in/", Some(&body)).await
    }

    pub async fn load_profile(&self) -> Result<User, ApiError> {
        self.send(Method::Post, "/api/profile/", None::<&()>).await
    }

    pub async fn save_profile(&self, id: i64, changes: &UserUpdate) -> Result<User, ApiError> {
        self.send(Method::Put, &format!("/api/profile/{id}/update/"), Some(changes)).await
    }
}
