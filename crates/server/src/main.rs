use std::io::Write;

use reference_server::cli::{self, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    // Logs go to stderr (`RUST_LOG` filters them, `info` by default); stdout
    // carries only what scripts read.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("{e}");
            // The usage is for the reader, not a log line.
            eprintln!("{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    match command {
        Command::Help => println!("{}", cli::USAGE),
        Command::Reset { db, media_dir } => {
            if let Err(e) = reference_server::reset(&db, &media_dir) {
                tracing::error!("reset failed: {e}");
                std::process::exit(1);
            }
            println!("reset {}", db.display());
        }
        Command::Serve(config) => {
            let server = match reference_server::start(config).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::error!("cannot start: {e}");
                    std::process::exit(1);
                }
            };
            // Scripts wait for exactly this line.
            println!("listening on http://{}", server.addr);
            let _ = std::io::stdout().flush();
            if let Err(e) = server.run_until(shutdown_signal()).await {
                tracing::error!("server failed: {e}");
                std::process::exit(1);
            }
        }
    }
}

/// Ctrl-C, or SIGTERM from a supervisor or test harness.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler installs");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
