//! HS256 JSON Web Tokens shaped like djangorestframework-simplejwt's
//! (`token_type`, `exp`, `iat`, `jti`, `user_id`). Each dialect signs with its
//! own key, as separate backends would, so a pwgen token is no aisquare token.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenType {
    Access,
    Refresh,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Claims {
    pub token_type: TokenType,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    pub user_id: String,
}

#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    /// `secret` is the server-wide secret kept in the database; `scope`
    /// separates dialects.
    pub fn new(secret: &str, scope: &str) -> Self {
        let key = Sha256::new().chain_update(secret).chain_update(b"/").chain_update(scope).finalize();
        Signer { key: key.to_vec() }
    }

    pub fn issue(&self, token_type: TokenType, user_id: i64, ttl_secs: i64) -> String {
        let iat = crate::clock::unix_now();
        let claims = Claims {
            token_type,
            exp: iat + ttl_secs,
            iat,
            jti: crate::secret::hex(&crate::secret::random_bytes::<16>()),
            user_id: user_id.to_string(),
        };
        let header = B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = B64.encode(serde_json::to_vec(&claims).expect("claims serialise"));
        let signing_input = format!("{header}.{payload}");
        let sig = B64.encode(self.hmac(signing_input.as_bytes()).finalize().into_bytes());
        format!("{signing_input}.{sig}")
    }

    /// The claims of a well-signed, unexpired token of the wanted type.
    pub fn verify(&self, token: &str, want: TokenType) -> Option<Claims> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let sig = B64.decode(s).ok()?;
        // `verify_slice` compares in constant time.
        self.hmac(format!("{h}.{p}").as_bytes()).verify_slice(&sig).ok()?;
        let header: serde_json::Value = serde_json::from_slice(&B64.decode(h).ok()?).ok()?;
        if header.get("alg")?.as_str()? != "HS256" {
            return None;
        }
        let claims: Claims = serde_json::from_slice(&B64.decode(p).ok()?).ok()?;
        (claims.token_type == want && claims.exp > crate::clock::unix_now()).then_some(claims)
    }

    fn hmac(&self, data: &[u8]) -> Hmac<Sha256> {
        let mut m = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        m.update(data);
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies() {
        let s = Signer::new("k", "pwgen");
        let t = s.issue(TokenType::Access, 7, 60);
        let c = s.verify(&t, TokenType::Access).unwrap();
        assert_eq!(c.user_id, "7");
        assert!(s.verify(&t, TokenType::Refresh).is_none());
        assert!(Signer::new("k", "aisquare").verify(&t, TokenType::Access).is_none());
        assert!(s.verify(&format!("{t}x"), TokenType::Access).is_none());
        assert!(s.verify(&s.issue(TokenType::Access, 7, -1), TokenType::Access).is_none());
    }
}
