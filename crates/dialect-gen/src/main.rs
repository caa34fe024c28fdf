//! `dialect-gen from-openapi SCHEMA` prints a dialect file worked out from
//! the document, its decisions and what to check on stderr;
//! `dialect-gen check DIALECT --api URL --origin URL` tries a live backend
//! the way the app in a browser at that origin would.

use clap::{Args, Parser, Subcommand};
use dialect_gen::{check, generate, write::dialect_text, Call, Options};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dialect-gen",
    version,
    about = "Dialect files for a Django REST Framework API: write one from its OpenAPI document, check a live backend with one"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a dialect file from an OpenAPI document
    ///
    /// Reads an OpenAPI 3.0/3.1 document as `manage.py spectacular` writes
    /// it and prints the dialect file. With no flags, the calls (the
    /// account ones too), the auth and the sign-in come from the document;
    /// each decision and its reason go to stderr, one a line. A flag
    /// overrides one decision.
    FromOpenapi(Box<FromOpenapi>),
    /// Check a live backend as the app at ORIGIN would use it
    ///
    /// CORS preflights of every call with the headers the app sends (the
    /// password change and account deletion only preflighted), sign-in, the read, an update of one field with its current value,
    /// the photo, and for a session its cookies across sites and the CSRF
    /// round trip. Prints ok or the problem with the Django setting that
    /// fixes it; exits 0 only when the app would work from that origin,
    /// 1 when not. Never prints the password or a token.
    Check(CheckArgs),
}

#[derive(Args)]
struct FromOpenapi {
    /// The OpenAPI document (YAML or JSON).
    schema: String,
    /// The dialect's short name (default: the file's name, or the document's title for schema.yaml).
    #[arg(long)]
    name: Option<String>,
    /// The call that reads the current user, e.g. 'GET /api/users/me/'.
    #[arg(long, value_parser = parse_call)]
    read: Option<Call>,
    /// The call that saves it, e.g. 'PATCH /api/users/me/'.
    #[arg(long, value_parser = parse_call)]
    update: Option<Call>,
    /// How requests are authenticated.
    #[arg(long, value_parser = ["session", "basic", "bearer", "token", "none"])]
    auth: Option<String>,
    /// The sign-in call, e.g. 'POST /auth/token/login/'.
    #[arg(long, value_parser = parse_call)]
    sign_in: Option<Call>,
    /// The sign-out call.
    #[arg(long, value_parser = parse_call)]
    sign_out: Option<Call>,
    /// simplejwt's refresh call.
    #[arg(long, value_parser = parse_call)]
    refresh: Option<Call>,
    /// The call answering {"csrftoken"} (a session API on another site).
    #[arg(long, value_parser = parse_call)]
    csrf: Option<Call>,
    /// What names the account in the sign-in body.
    #[arg(long, value_parser = ["email", "username"])]
    login_field: Option<String>,
    /// The sign-in answer's key holding the token.
    #[arg(long)]
    token_field: Option<String>,
    /// The sign-in answer's key holding the refresh token.
    #[arg(long)]
    refresh_field: Option<String>,
    /// The key of a wrapped error answer ({"<key>": {"message", "details"}}).
    #[arg(long)]
    error_envelope: Option<String>,
    /// The password change call, e.g. 'POST /auth/users/set_password/' (its body's keys come from its request schema).
    #[arg(long, value_parser = parse_call, conflicts_with = "no_password_change")]
    password_change: Option<Call>,
    /// Leave the password change out, whatever the document has.
    #[arg(long)]
    no_password_change: bool,
    /// The account deletion call, e.g. 'DELETE /auth/users/me/'.
    #[arg(long, value_parser = parse_call, conflicts_with = "no_delete_account")]
    delete_account: Option<Call>,
    /// Leave the account deletion out, whatever the document has.
    #[arg(long)]
    no_delete_account: bool,
    /// The deletion body's key of the current password, or 'none' for a call with no body.
    #[arg(long, conflicts_with = "no_delete_account")]
    delete_account_field: Option<String>,
}

#[derive(Args)]
struct CheckArgs {
    /// The dialect file the app will use.
    dialect: String,
    /// The API's base URL, as config.json's api_base_url says it.
    #[arg(long)]
    api: String,
    /// Where the app is served, e.g. https://app.example.com.
    #[arg(long)]
    origin: String,
    /// A login to sign in with (the dialect's login field); without one, only the preflights run.
    #[arg(long, requires = "password")]
    login: Option<String>,
    /// Its password (never printed; the environment keeps it off the command line).
    #[arg(long, env = "DIALECT_CHECK_PASSWORD", hide_env_values = true)]
    password: Option<String>,
}

fn parse_call(text: &str) -> Result<Call, String> {
    Call::parse(text)
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::FromOpenapi(args) => from_openapi(args),
        Command::Check(args) => {
            let dialect = match std::fs::read_to_string(&args.dialect)
                .map_err(|e| format!("{}: {e}", args.dialect))
                .and_then(|text| profile_model::parse_dialect(&text).map_err(|e| format!("{}: {e}", args.dialect)))
            {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("dialect-gen: {e}");
                    return ExitCode::from(2);
                }
            };
            let target = check::Target {
                dialect: &dialect,
                api: args.api.trim_end_matches('/').to_string(),
                origin: args.origin.trim_end_matches('/').to_string(),
                login: args.login.zip(args.password),
            };
            let report = check::run(&target, &mut std::io::stdout());
            if report.works() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn from_openapi(args: Box<FromOpenapi>) -> ExitCode {
    let options = Options {
        name: args.name.unwrap_or_default(),
        read: args.read,
        update: args.update,
        auth: args.auth,
        sign_in: args.sign_in,
        sign_out: args.sign_out,
        refresh: args.refresh,
        csrf: args.csrf,
        login_field: args.login_field,
        token_field: args.token_field,
        refresh_field: args.refresh_field,
        error_envelope: args.error_envelope,
        password_change: args.password_change,
        no_password_change: args.no_password_change,
        password_keys: None,
        delete_account: args.delete_account,
        no_delete_account: args.no_delete_account,
        delete_account_field: args.delete_account_field,
    };
    let generated = std::fs::read_to_string(&args.schema)
        .map_err(|e| format!("{}: {e}", args.schema))
        .and_then(|text| generate(&text, Some(&args.schema), &options));
    match generated {
        Ok(generated) => {
            print!("{}", dialect_text(&generated.dialect));
            eprintln!("dialect-gen: inferred (a flag overrides any line):");
            for decision in &generated.decisions {
                eprintln!("  {decision}");
            }
            eprintln!("dialect-gen: check before use:");
            for item in &generated.to_check {
                eprintln!("  - {item}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dialect-gen: {e}");
            ExitCode::from(2)
        }
    }
}
