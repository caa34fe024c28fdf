//! Reference backend: the five profile dialects of `shared/seeds/`, served at
//! once from one process, behaving like the Django REST Framework services
//! behind them (auth schemes, error shapes, parsers, trailing slashes).
//!
//! `start` binds, migrates, seeds and serves; tests call it in-process.

pub mod account;
pub mod app;
pub mod auth;
pub mod backend;
pub mod body;
pub mod cli;
pub mod clock;
pub mod config;
pub mod countries;
pub mod csp;
pub mod csrf;
pub mod db;
pub mod dialects;
pub mod drf;
pub mod fields;
pub mod hooks;
pub mod jwt;
pub mod locale;
pub mod media;
pub mod password;
pub mod secret;
pub mod seed;
pub mod throttle;
pub mod update;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::oneshot;

pub use backend::Backend;
pub use config::Config;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Everything a handler needs.
pub struct AppState {
    pub db: db::Db,
    pub config: Config,
    pub hooks: hooks::Hooks,
    pub throttle: throttle::Throttle,
    /// The CSP and friends for the static dir, when one is served.
    pub static_headers: Option<csp::StaticHeaders>,
    pwgen_jwt: jwt::Signer,
    aisquare_jwt: jwt::Signer,
}

impl AppState {
    pub fn new(config: Config) -> Result<AppState, Error> {
        let db = db::Db::open(&config.db)?;
        seed::ensure_demo_users(&db)?;
        // Kept in the database so tokens survive restarts.
        let secret = db.setting_or_init("jwt_secret", || secret::hex(&secret::random_bytes::<32>()))?;
        Ok(AppState {
            db,
            hooks: hooks::Hooks::default(),
            throttle: throttle::Throttle::default(),
            static_headers: config.static_dir.as_deref().map(csp::StaticHeaders::new),
            pwgen_jwt: jwt::Signer::new(&secret, Backend::Pwgen.name()),
            aisquare_jwt: jwt::Signer::new(&secret, "aisquare"),
            config,
        })
    }

    /// The JWT signer of a Bearer dialect (the two aisquare dialects are one backend).
    pub fn signer(&self, dialect: Backend) -> &jwt::Signer {
        match dialect {
            Backend::AisquareProfile | Backend::AisquareDetails => &self.aisquare_jwt,
            _ => &self.pwgen_jwt,
        }
    }
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Stops accepting, lets in-flight requests finish, and waits.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }

    /// Serves until `signal` completes (then shuts down gracefully) or the
    /// server fails.
    pub async fn run_until(mut self, signal: impl std::future::Future<Output = ()>) -> std::io::Result<()> {
        let joined = tokio::select! {
            _ = signal => {
                if let Some(tx) = self.shutdown.take() {
                    let _ = tx.send(());
                }
                (&mut self.task).await
            }
            r = &mut self.task => r,
        };
        joined.unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }
}

/// Opens and migrates the database, seeds demo users, binds `config.addr`
/// and serves in a background task.
pub async fn start(config: Config) -> Result<Server, Error> {
    std::fs::create_dir_all(&config.media_dir)?;
    let addr = config.addr.clone();
    let state = Arc::new(AppState::new(config)?);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let addr = listener.local_addr()?;
    let router = app::router(state);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await
    });
    Ok(Server { addr, shutdown: Some(tx), task })
}

/// The `reset` command: wipe every row and avatar, then re-seed.
pub fn reset(db_path: &std::path::Path, media_dir: &std::path::Path) -> Result<(), Error> {
    let db = db::Db::open(db_path)?;
    db.wipe()?;
    for sub in ["avatars", "users"] {
        let dir = media_dir.join(sub);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
    }
    seed::ensure_demo_users(&db)?;
    Ok(())
}
