use std::io::Write;

use reference_server::cli::{self, Command};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("reference-server: {e}\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    match command {
        Command::Help => println!("{}", cli::USAGE),
        Command::Reset { db, media_dir } => {
            if let Err(e) = reference_server::reset(&db, &media_dir) {
                eprintln!("reference-server: reset failed: {e}");
                std::process::exit(1);
            }
            println!("reset {}", db.display());
        }
        Command::Serve(config) => {
            let server = match reference_server::start(config).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("reference-server: {e}");
                    std::process::exit(1);
                }
            };
            // Scripts wait for exactly this line.
            println!("listening on http://{}", server.addr);
            let _ = std::io::stdout().flush();
            if let Err(e) = server.run_until(shutdown_signal()).await {
                eprintln!("reference-server: {e}");
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
