//! Command line, parsed by hand to keep the dependency list short.

use std::path::PathBuf;

use crate::Config;

pub const USAGE: &str = "\
usage:
  reference-server serve [--addr 127.0.0.1:8080] [--db data/ref.sqlite3] [--media-dir data/media]
                         [--static-dir dist] [--cors-origin 'http://127.0.0.1:*' ...] [--test-hooks]
                         [--max-upload-bytes 5242880] [--access-ttl-secs 3600] [--refresh-ttl-secs 86400]
                         [--throttle-user 100/hour] [--auth-first session]
                         [--cookie-samesite lax|none] [--cors-allow-header authorization ...]
  reference-server reset [--db data/ref.sqlite3] [--media-dir data/media]";

#[derive(Debug)]
pub enum Command {
    Serve(Config),
    Reset { db: PathBuf, media_dir: PathBuf },
    Help,
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let mut config = Config::new("data/ref.sqlite3", "data/media");
    let mut origins: Vec<String> = Vec::new();
    let mut allow_headers: Vec<String> = Vec::new();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag.as_str(), None),
        };
        if matches!(name, "-h" | "--help") {
            return Ok(Command::Help);
        }
        if name == "--test-hooks" {
            config.test_hooks = true;
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().cloned().ok_or_else(|| format!("{name} needs a value"))?,
        };
        let number = |v: &str| v.parse::<i64>().map_err(|_| format!("{name}: not a number: {v}"));
        match name {
            "--addr" => config.addr = value,
            "--db" => config.db = value.into(),
            "--media-dir" => config.media_dir = value.into(),
            "--static-dir" => config.static_dir = Some(value.into()),
            "--cors-origin" => origins.push(value),
            "--cors-allow-header" => allow_headers.push(value.to_ascii_lowercase()),
            "--max-upload-bytes" => config.max_upload_bytes = number(&value)?.max(0) as usize,
            "--access-ttl-secs" => config.access_ttl_secs = number(&value)?,
            "--refresh-ttl-secs" => config.refresh_ttl_secs = number(&value)?,
            "--throttle-user" => config.throttle_user = Some(value.parse()?),
            "--auth-first" => match value.as_str() {
                "session" => config.session_first = true,
                "default" => config.session_first = false,
                other => return Err(format!("--auth-first: expected session or default, not {other}")),
            },
            "--cookie-samesite" => match value.to_ascii_lowercase().as_str() {
                "none" => config.cookie_same_site_none = true,
                "lax" => config.cookie_same_site_none = false,
                other => return Err(format!("--cookie-samesite: expected lax or none, not {other}")),
            },
            _ => return Err(format!("unknown option {name}")),
        }
    }
    if !origins.is_empty() {
        config.cors_origins = origins;
    }
    if !allow_headers.is_empty() {
        config.cors_allow_headers = allow_headers;
    }
    match cmd.as_str() {
        "serve" => Ok(Command::Serve(config)),
        "reset" => Ok(Command::Reset { db: config.db, media_dir: config.media_dir }),
        "help" | "-h" | "--help" => Ok(Command::Help),
        other => Err(format!("unknown command {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_serve() {
        let Command::Serve(c) =
            parse(&args("serve --addr 127.0.0.1:0 --db x.db --cors-origin http://a:* --cors-origin=http://b --test-hooks --max-upload-bytes 10"))
                .unwrap()
        else {
            panic!()
        };
        assert_eq!(c.addr, "127.0.0.1:0");
        assert_eq!(c.db, PathBuf::from("x.db"));
        assert_eq!(c.cors_origins, vec!["http://a:*", "http://b"]);
        assert!(c.test_hooks);
        assert_eq!(c.max_upload_bytes, 10);
        assert_eq!(c.throttle_user, None);
        let Command::Serve(c) = parse(&args("serve --throttle-user 3/min")).unwrap() else { panic!() };
        assert_eq!(c.throttle_user, Some("3/min".parse().unwrap()));
        assert!(parse(&args("serve --throttle-user 3/fortnight")).is_err());
        let Command::Serve(c) = parse(&args("serve --cors-allow-header Content-Type")).unwrap() else { panic!() };
        assert_eq!(c.cors_allow_headers, vec!["content-type"], "replaces the default list, lower case");
        let Command::Serve(c) = parse(&args("serve")).unwrap() else { panic!() };
        assert_eq!(c.cors_allow_headers, vec!["authorization", "content-type", "x-csrftoken"]);
    }

    #[test]
    fn rejects_unknown() {
        assert!(parse(&args("serve --nope 1")).is_err());
        assert!(parse(&args("frobnicate")).is_err());
        assert!(matches!(parse(&args("reset --db a --media-dir b")).unwrap(), Command::Reset { .. }));
    }
}
