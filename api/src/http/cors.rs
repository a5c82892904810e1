//! Cross-origin requests from browser apps on other origins (`FFORWM_CORS_ORIGINS`), on every
//! route, so that a route added later cannot forget them.
//!
//! Credentials (cookies, HTTP authentication) are never allowed: clients send a bearer token in
//! `Authorization`, which a page can send only if it holds the token. That is also why `*` is
//! safe to accept. An origin that is not allowed gets no CORS headers at all (its `Origin` is
//! never echoed), so the browser keeps the answer from the page; `Vary: Origin` goes on every
//! response so that caches keep the answers apart.

use actix_cors::Cors;
use actix_web::http::{
    Method, Uri,
    header::{ACCEPT, ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE},
};

/// How long a browser may keep a preflight's answer (Chromium keeps it 2 hours at most).
pub const PREFLIGHT_MAX_AGE_SECS: usize = 2 * 60 * 60;

/// The origins whose pages may call the API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum AllowedOrigins {
    #[default]
    None,
    /// `*`: any page (no credentials are ever allowed, so none are exposed).
    Any,
    /// Exact origins, as browsers send them (`https://forums.example.org`).
    Only(Vec<String>),
}

impl AllowedOrigins {
    /// A comma-separated list of origins, or `*` alone; empty for none.
    pub fn parse(list: &str) -> Result<Self, String> {
        let entries: Vec<&str> = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .collect();
        if entries.is_empty() {
            return Ok(Self::None);
        }
        if entries.contains(&"*") {
            return if entries.len() == 1 {
                Ok(Self::Any)
            } else {
                Err("`*` allows every origin: give it alone or list origins instead".to_string())
            };
        }
        entries
            .into_iter()
            .map(|entry| {
                if is_origin(entry) {
                    Ok(entry.to_string())
                } else {
                    Err(format!(
                        "`{entry}` is not an origin: write it as browsers send it, \
                         scheme://host[:port] in lower case with no path, no trailing slash and \
                         no default port (e.g. https://forums.example.org)"
                    ))
                }
            })
            .collect::<Result<_, _>>()
            .map(Self::Only)
    }
}

/// `http(s)://host[:port]` exactly as a browser serialises it, so that it can match.
fn is_origin(entry: &str) -> bool {
    let Ok(uri) = entry.parse::<Uri>() else {
        return false;
    };
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return false;
    };
    let default_port = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return false,
    };
    !authority.as_str().contains('@')
        && authority.port_u16() != Some(default_port)
        && entry == format!("{scheme}://{authority}")
        && entry == entry.to_lowercase()
}

/// The CORS middleware: GET and POST with the headers a GraphQL client sends.
pub fn middleware(origins: &AllowedOrigins) -> Cors {
    let cors = Cors::default()
        .allowed_methods([Method::GET, Method::POST])
        .allowed_headers([CONTENT_TYPE, AUTHORIZATION, ACCEPT, ACCEPT_LANGUAGE])
        .max_age(PREFLIGHT_MAX_AGE_SECS)
        .block_on_origin_mismatch(false);
    match origins {
        AllowedOrigins::None => cors,
        AllowedOrigins::Any => cors.allow_any_origin().send_wildcard(),
        AllowedOrigins::Only(origins) => origins
            .iter()
            .fold(cors, |cors, origin| cors.allowed_origin(origin)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::AllowedOrigins;

    #[test]
    fn origins_are_listed_exactly_or_refused() {
        assert_eq!(AllowedOrigins::parse("").unwrap(), AllowedOrigins::None);
        assert_eq!(AllowedOrigins::parse(" , ").unwrap(), AllowedOrigins::None);
        assert_eq!(AllowedOrigins::parse("*").unwrap(), AllowedOrigins::Any);
        assert_eq!(
            AllowedOrigins::parse("https://forums.example.org, http://localhost:5173").unwrap(),
            AllowedOrigins::Only(vec![
                "https://forums.example.org".to_string(),
                "http://localhost:5173".to_string()
            ])
        );
        for bad in [
            "https://forums.example.org/",
            "https://forums.example.org/app",
            "https://Forums.example.org",
            "https://forums.example.org:443",
            "http://localhost:80",
            "forums.example.org",
            "ftp://forums.example.org",
            "https://user@forums.example.org",
            "https://forums.example.org?x=1",
        ] {
            let error = AllowedOrigins::parse(bad).unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
        assert!(
            AllowedOrigins::parse("*, https://forums.example.org")
                .unwrap_err()
                .contains("alone")
        );
    }
}
