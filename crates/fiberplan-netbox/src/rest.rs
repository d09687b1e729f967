//! NetBox's REST API: authenticated list (every page), create, update and delete, with
//! NetBox's own error text kept. Blocking: the command line waits, the window calls it on a
//! worker thread.

use serde_json::Value;
use std::time::Duration;

/// Why a request to NetBox failed.
#[derive(Debug, thiserror::Error)]
pub enum RestError {
    /// NetBox answered with an error status.
    #[error("{method} {path}: NetBox answered {status}: {detail}")]
    Status {
        /// The request's method.
        method: &'static str,
        /// The request's path and query.
        path: String,
        /// The HTTP status.
        status: u16,
        /// NetBox's message: its `detail`, or the field errors it listed.
        detail: String,
    },
    /// NetBox could not be reached.
    #[error("{method} {path}: cannot reach NetBox: {message}")]
    Transport {
        /// The request's method.
        method: &'static str,
        /// The request's path and query.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// NetBox answered with something that is not the JSON expected.
    #[error("{path}: NetBox's answer is not what was expected: {message}")]
    Answer {
        /// The request's path and query.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The token file cannot be read or holds no token.
    #[error("token file {path}: {message}")]
    Token {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The `Authorization` header for a token as kept in a token file: a v2 token (`nbt_…`) is
/// sent as `Bearer`, any other as a v1 `Token`; a file that already holds the keyword is used
/// as it is. NetBox tells the versions apart by the `nbt_` prefix.
pub fn authorization(token: &str) -> Option<String> {
    let t = token.trim();
    if t.is_empty() {
        return None;
    }
    if t.starts_with("Bearer ") || t.starts_with("Token ") {
        return Some(t.to_owned());
    }
    Some(if t.starts_with("nbt_") {
        format!("Bearer {t}")
    } else {
        format!("Token {t}")
    })
}

/// The `Authorization` header from a token file.
pub fn authorization_from_file(path: &std::path::Path) -> Result<String, RestError> {
    let err = |message: String| RestError::Token {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    authorization(&text).ok_or_else(|| err("the file is empty; expected a NetBox API token".into()))
}

/// A NetBox instance's REST API.
pub struct Client {
    base: String,
    authorization: String,
    agent: ureq::Agent,
}

/// NetBox's message in an error body: `detail`, or each field's errors, or the text itself.
fn detail(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        return body.chars().take(300).collect();
    };
    if let Some(d) = v.get("detail").and_then(Value::as_str) {
        return d.to_owned();
    }
    let field_errors = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, e)| {
                        let texts: Vec<String> = match e {
                            Value::Array(a) => a
                                .iter()
                                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
                                .collect(),
                            other => vec![other
                                .as_str()
                                .map_or_else(|| other.to_string(), str::to_owned)],
                        };
                        format!("{k}: {}", texts.join(" "))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let list: Vec<String> = match &v {
        Value::Array(items) => items.iter().flat_map(field_errors).collect(),
        other => field_errors(other),
    };
    if list.is_empty() {
        v.to_string()
    } else {
        list.join("; ")
    }
}

impl Client {
    /// A client of the NetBox at `url` (its root, e.g. `https://netbox.example.com`) sending
    /// `authorization` with every request.
    pub fn new(url: &str, authorization: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Client {
            base: url.trim_end_matches('/').to_owned(),
            authorization: authorization.to_owned(),
            agent,
        }
    }

    /// The instance's root URL.
    pub fn url(&self) -> &str {
        &self.base
    }

    fn url_of(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    fn answer(
        &self,
        method: &'static str,
        path: &str,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(Option<String>, Value), RestError> {
        let mut response = sent.map_err(|e| RestError::Transport {
            method,
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        let status = response.status().as_u16();
        let version = response
            .headers()
            .get("API-Version")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| RestError::Transport {
                method,
                path: path.to_owned(),
                message: e.to_string(),
            })?;
        if !(200..300).contains(&status) {
            return Err(RestError::Status {
                method,
                path: path.to_owned(),
                status,
                detail: detail(&body),
            });
        }
        if body.trim().is_empty() {
            return Ok((version, Value::Null));
        }
        let value = serde_json::from_str(&body).map_err(|e| RestError::Answer {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        Ok((version, value))
    }

    /// `GET path`; with the `API-Version` header NetBox sent.
    pub fn get(&self, path: &str) -> Result<(Option<String>, Value), RestError> {
        let sent = self
            .agent
            .get(self.url_of(path))
            .header("Authorization", &self.authorization)
            .header("Accept", "application/json")
            .call();
        self.answer("GET", path, sent)
    }

    /// Every object of `/api/dcim/{endpoint}/` matching `query` (`site_id=2`), page by page.
    pub fn list(&self, endpoint: &str, query: &str) -> Result<Vec<Value>, RestError> {
        let mut next = Some(format!(
            "/api/dcim/{endpoint}/?{}{}limit=1000",
            query,
            if query.is_empty() { "" } else { "&" }
        ));
        let mut out = Vec::new();
        while let Some(path) = next.take() {
            let (_, page) = self.get(&path)?;
            let results = page
                .get("results")
                .and_then(Value::as_array)
                .ok_or_else(|| RestError::Answer {
                    path: path.clone(),
                    message: "no `results` list".into(),
                })?;
            out.extend(results.iter().cloned());
            next = page.get("next").and_then(Value::as_str).map(str::to_owned);
        }
        Ok(out)
    }

    /// `POST /api/dcim/{endpoint}/`: creates the object (or the list of objects) of `body`.
    pub fn create(&self, endpoint: &str, body: &Value) -> Result<Value, RestError> {
        let path = format!("/api/dcim/{endpoint}/");
        let sent = self
            .agent
            .post(self.url_of(&path))
            .header("Authorization", &self.authorization)
            .header("Accept", "application/json")
            .send_json(body);
        self.answer("POST", &path, sent).map(|(_, v)| v)
    }

    /// `PATCH /api/dcim/{endpoint}/{id}/`: changes the fields of `body`.
    pub fn update(&self, endpoint: &str, id: u64, body: &Value) -> Result<Value, RestError> {
        let path = format!("/api/dcim/{endpoint}/{id}/");
        let sent = self
            .agent
            .patch(self.url_of(&path))
            .header("Authorization", &self.authorization)
            .header("Accept", "application/json")
            .send_json(body);
        self.answer("PATCH", &path, sent).map(|(_, v)| v)
    }

    /// `DELETE /api/dcim/{endpoint}/{id}/`.
    pub fn delete(&self, endpoint: &str, id: u64) -> Result<(), RestError> {
        let path = format!("/api/dcim/{endpoint}/{id}/");
        let sent = self
            .agent
            .delete(self.url_of(&path))
            .header("Authorization", &self.authorization)
            .call();
        self.answer("DELETE", &path, sent).map(|_| ())
    }
}
