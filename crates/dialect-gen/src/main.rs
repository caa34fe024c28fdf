//! `dialect-gen from-openapi schema.yaml --read 'GET /api/me/' --update
//! 'PATCH /api/me/' [--name mine] [--auth token] [--sign-in 'POST
//! /auth/token/login/'] [--login-field username] [--token-field
//! auth_token] …` prints a dialect file; what to check goes to stderr.

use dialect_gen::{from_openapi, write::dialect_text, Call, Options};
use std::process::ExitCode;

const USAGE: &str = "usage: dialect-gen from-openapi SCHEMA.{yaml,json} --update 'PATCH /path/' [--read 'GET /path/']
    [--name NAME] [--auth session|basic|bearer|token|none] [--sign-in 'POST /path/'] [--sign-out 'POST /path/']
    [--refresh 'POST /path/'] [--csrf 'GET /path/'] [--login-field email|username] [--token-field KEY]
    [--refresh-field KEY] [--error-envelope KEY]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dialect-gen: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut args = args.into_iter();
    if args.next().as_deref() != Some("from-openapi") {
        return Err("the command is from-openapi".into());
    }
    let file = args.next().ok_or("which OpenAPI file?")?;
    let mut o = Options::default();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let call = || Call::parse(&value);
        match flag.as_str() {
            "--name" => o.name = value,
            "--read" => o.read = Some(call()?),
            "--update" => o.update = Some(call()?),
            "--auth" => o.auth = Some(value),
            "--sign-in" => o.sign_in = Some(call()?),
            "--sign-out" => o.sign_out = Some(call()?),
            "--refresh" => o.refresh = Some(call()?),
            "--csrf" => o.csrf = Some(call()?),
            "--login-field" => o.login_field = Some(value),
            "--token-field" => o.token_field = Some(value),
            "--refresh-field" => o.refresh_field = Some(value),
            "--error-envelope" => o.error_envelope = Some(value),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.name.is_empty() {
        o.name = std::path::Path::new(&file)
            .file_stem()
            .and_then(|s| s.to_str())
            .map(|s| s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect())
            .unwrap_or_else(|| "generated".into());
    }
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
    let generated = from_openapi(&text, &o)?;
    print!("{}", dialect_text(&generated.dialect));
    eprintln!("dialect-gen: check before use:");
    for item in &generated.to_check {
        eprintln!("  - {item}");
    }
    Ok(())
}
