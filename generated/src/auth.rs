// Client runtime, the same in every generated crate. Source: `generator/runtime/src/auth.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Credentials: how requests authenticate, as the API description's security schemes say.
//!
//! Each security scheme of the API takes a credential, given to the
//! [`ClientBuilder`](crate::ClientBuilder) with the setter named after the scheme (or read by
//! [`Client::from_env`](crate::Client::from_env)). Each operation lists the requirements it
//! accepts, in the API description's order: any one of them will do, and a requirement is met
//! when every scheme it names has a credential. The client sends the first requirement it can
//! meet; a requirement that names no scheme (the description's `{}`: the operation may be
//! called anonymously) is used only when no other can be met. When none can be met, the call
//! fails with [`Error::Credentials`], naming the setters that would
//! meet one, before anything is sent. An operation with no requirement sends no credential.
//!
//! How each kind of scheme travels:
//!
//! - `apiKey`: the key, as given, in the header, query parameter or cookie the scheme names;
//! - `http` `basic`: `Authorization: Basic` with the username and password;
//! - `http` `bearer`: `Authorization: Bearer <token>`; any other `http` scheme (`digest`,
//!   `hoba`...): `Authorization: <scheme> <value>`, the value given as it is;
//! - `oauth2` and `openIdConnect`: `Authorization: Bearer <access token>`, with a token given as
//!   it is or obtained, for each request, from a [`TokenProvider`]. For an `oauth2` scheme with
//!   a `clientCredentials` flow, the client obtains its tokens itself from a client id and
//!   secret (RFC 6749 §4.4): it asks the token URL (a relative one is read from the client's
//!   base URL) for the scopes the operation needs, one request at a time, and keeps each token
//!   until shortly before it expires. A `401` to a
//!   request sent with an obtained token renews the token and sends the request once more.
//!
//! Credentials are never shown by `Debug`, in errors or in traces, and the headers that carry
//! them are marked sensitive; an error about a request whose URL holds a key does not show the
//! URL.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64::Engine as _;

use crate::retry::Clock;
use crate::Error;

/// A security scheme of the API (the generated `api.rs` lists them, as `SCHEMES`).
#[derive(Debug)]
pub(crate) struct Scheme {
    /// Its name in the API description (`components/securitySchemes`).
    pub(crate) name: &'static str,
    /// The [`ClientBuilder`](crate::ClientBuilder) method that gives it a credential (the name
    /// of a family of methods for `oauth2` and `openIdConnect`: `…_token`, `…_provider`).
    pub(crate) setter: &'static str,
    /// How its credential travels.
    pub(crate) kind: SchemeKind,
}

/// The kinds of security scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // each API uses some of them
pub(crate) enum SchemeKind {
    /// A key in a header, a query parameter or a cookie named `name`.
    ApiKey {
        location: KeyLocation,
        name: &'static str,
    },
    /// `Authorization: <scheme> …`: `basic` (username and password), `bearer`, or another
    /// scheme whose value is given as it is.
    Http { scheme: &'static str },
    /// OAuth 2.0; `token_url` is that of its `clientCredentials` flow, when it has one.
    OAuth2 { token_url: Option<&'static str> },
    /// OpenID Connect.
    OpenIdConnect,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // each API uses some of them
pub(crate) enum KeyLocation {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One requirement of an operation: the schemes (by their index in `SCHEMES`) that must all
/// have a credential, each with the OAuth scopes it needs. Empty: no credential is needed.
pub(crate) type Requirement = &'static [(usize, &'static [&'static str])];

/// What an operation accepts: any one of its requirements. Empty: it sends no credential.
pub(crate) type Security = &'static [Requirement];

/// A credential given for one scheme.
#[derive(Clone)]
#[allow(dead_code)] // each API uses some of them
pub(crate) enum Credential {
    /// An API key, a bearer token, the value of another `http` scheme, or an access token
    /// given as it is.
    Secret(String),
    /// The username and password of `http` `basic`.
    Basic { username: String, password: String },
    /// Access tokens, obtained for each request.
    Tokens(Arc<dyn TokenProvider>),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, Error>> + Send + 'a>>;

/// Gives the access tokens of an `oauth2` or `openIdConnect` scheme, for flows the client does
/// not run itself (authorization code, device code, a token your platform hands out...). Give
/// one to the scheme's `…_provider` setter of the [`ClientBuilder`](crate::ClientBuilder).
///
/// It is asked for a token before each request the scheme authenticates. `scopes` are those
/// the operation needs (empty when it names none). `rejected` is the token the server has just
/// refused with `401`, when the request is about to be sent again: give a newer one (or the
/// same error again). An error ends the call with that error, before the request is sent.
pub trait TokenProvider: Send + Sync + 'static {
    /// An access token for `scopes`.
    fn token<'a>(
        &'a self,
        scopes: &'a [&'static str],
        rejected: Option<&'a str>,
    ) -> TokenFuture<'a>;
}

/// A shared provider is a provider: keep an `Arc` of yours to look at it while the client uses
/// it.
impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token<'a>(
        &'a self,
        scopes: &'a [&'static str],
        rejected: Option<&'a str>,
    ) -> TokenFuture<'a> {
        (**self).token(scopes, rejected)
    }
}

/// The credentials a client was given, one per scheme of the API at most.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    by_scheme: Vec<Option<Credential>>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given: Vec<&str> = crate::api::SCHEMES
            .iter()
            .zip(&self.by_scheme)
            .filter(|(_, credential)| credential.is_some())
            .map(|(scheme, _)| scheme.name)
            .collect();
        f.debug_struct("Credentials")
            .field("given_for", &given)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// Gives `scheme` (its index in `SCHEMES`) `credential`, in place of any before.
    pub(crate) fn set(&mut self, scheme: usize, credential: Credential) {
        if self.by_scheme.len() <= scheme {
            self.by_scheme.resize(scheme + 1, None);
        }
        self.by_scheme[scheme] = Some(credential);
    }

    /// Whether any scheme has a credential.
    #[allow(dead_code)] // only `from_env` of APIs whose operations need credentials calls it
    pub(crate) fn any(&self) -> bool {
        self.by_scheme.iter().any(Option::is_some)
    }

    /// Refuses a credential that cannot travel as its scheme sends it (a header value with a
    /// line break, say), naming the scheme, never the value.
    pub(crate) fn check(&self) -> Result<(), Error> {
        for (scheme, credential) in crate::api::SCHEMES.iter().zip(&self.by_scheme) {
            let value = match (&scheme.kind, credential) {
                (
                    SchemeKind::ApiKey {
                        location: KeyLocation::Query,
                        ..
                    },
                    _,
                )
                | (_, None | Some(Credential::Tokens(_))) => continue,
                (_, Some(Credential::Secret(value))) => value.clone(),
                (_, Some(Credential::Basic { username, password })) => {
                    format!("{username}:{password}")
                }
            };
            secret_header(scheme, &value)?;
        }
        Ok(())
    }

    fn get(&self, scheme: usize) -> Option<&Credential> {
        self.by_scheme.get(scheme).and_then(Option::as_ref)
    }

    /// The credentials `operation` sends, as the module docs say; an error naming the setters
    /// that would meet one of its requirements when none can be met.
    pub(crate) fn plan(&self, security: Security, operation: &str) -> Result<Plan<'_>, Error> {
        let met = |requirement: &Requirement| {
            requirement
                .iter()
                .all(|(scheme, _)| self.get(*scheme).is_some())
        };
        if let Some(requirement) = security.iter().find(|r| !r.is_empty() && met(r)) {
            return Ok(Plan {
                credentials: self,
                requirement,
            });
        }
        if security.is_empty() || security.iter().any(|r| r.is_empty()) {
            return Ok(Plan {
                credentials: self,
                requirement: &[],
            });
        }
        let alternatives: Vec<String> = security
            .iter()
            .map(|requirement| {
                let setters: Vec<String> = requirement
                    .iter()
                    .map(|(scheme, _)| describe(*scheme))
                    .collect();
                setters.join(" and ")
            })
            .collect();
        Err(Error::Credentials(format!(
            "`{operation}` needs credentials the client was not given: {}; nothing was sent",
            alternatives.join(", or ")
        )))
    }
}

/// A scheme as a message names it: the setter that gives it a credential, and its name.
fn describe(scheme: usize) -> String {
    match crate::api::SCHEMES.get(scheme) {
        Some(Scheme {
            name,
            setter,
            kind: SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect,
        }) => format!("`ClientBuilder::{setter}_…` (security scheme `{name}`)"),
        Some(Scheme { name, setter, .. }) => {
            format!("`ClientBuilder::{setter}` (security scheme `{name}`)")
        }
        None => format!("security scheme {scheme}"),
    }
}

/// The credentials one request sends: one requirement of its operation, met.
pub(crate) struct Plan<'c> {
    credentials: &'c Credentials,
    requirement: Requirement,
}

/// A header value that carries a secret: refused when it is not a valid header value (the
/// message names the scheme, never the value), and marked sensitive.
fn secret_header(scheme: &Scheme, value: &str) -> Result<reqwest::header::HeaderValue, Error> {
    let mut value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::Config(format!(
            "the credential of the security scheme `{}` contains characters not allowed in an \
             HTTP header",
            scheme.name
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// The `Authorization` header: `<scheme> <value>`, with the usual capitals for `Basic` and
/// `Bearer`.
fn authorization(kind: &str, value: &str) -> (String, String) {
    let kind = match kind.to_ascii_lowercase().as_str() {
        "basic" => "Basic".to_owned(),
        "bearer" => "Bearer".to_owned(),
        _ => kind.to_owned(),
    };
    (
        reqwest::header::AUTHORIZATION.as_str().to_owned(),
        format!("{kind} {value}"),
    )
}

impl Plan<'_> {
    /// Whether a credential travels in the URL (an API key in the query): errors about the
    /// request must not show the URL.
    pub(crate) fn in_url(&self) -> bool {
        self.schemes().any(|(scheme, _)| {
            matches!(
                scheme.kind,
                SchemeKind::ApiKey {
                    location: KeyLocation::Query,
                    ..
                }
            )
        })
    }

    fn schemes(&self) -> impl Iterator<Item = (&'static Scheme, &Credential)> + '_ {
        self.requirement.iter().filter_map(|(index, _)| {
            Some((
                crate::api::SCHEMES.get(*index)?,
                self.credentials.get(*index)?,
            ))
        })
    }

    /// Puts the credentials given as they are into `request`: API keys, `basic`, tokens.
    pub(crate) fn apply(&self, request: &mut reqwest::Request) -> Result<(), Error> {
        for (scheme, credential) in self.schemes() {
            let (name, value) = match (&scheme.kind, credential) {
                (_, Credential::Tokens(_)) => continue,
                (SchemeKind::ApiKey { location, name }, Credential::Secret(key)) => {
                    match location {
                        KeyLocation::Header => ((*name).to_owned(), key.clone()),
                        KeyLocation::Query => {
                            request.url_mut().query_pairs_mut().append_pair(name, key);
                            continue;
                        }
                        KeyLocation::Cookie => {
                            add_cookie(scheme, request, name, key)?;
                            continue;
                        }
                    }
                }
                (SchemeKind::Http { scheme: kind }, Credential::Basic { username, password }) => {
                    let pair = base64::engine::general_purpose::STANDARD
                        .encode(format!("{username}:{password}"));
                    authorization(kind, &pair)
                }
                (SchemeKind::Http { scheme: kind }, Credential::Secret(value)) => {
                    authorization(kind, value)
                }
                (
                    SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect,
                    Credential::Secret(token),
                ) => authorization("bearer", token),
                // The setters give each kind of scheme its kind of credential.
                _ => continue,
            };
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::Config(format!(
                    "the security scheme `{}` names the header `{name}`, which is not a valid \
                     header name",
                    scheme.name
                ))
            })?;
            let value = secret_header(scheme, &value)?;
            request.headers_mut().insert(name, value);
        }
        Ok(())
    }

    /// Puts the tokens obtained from the providers into `request` (another attempt of the
    /// request replaces them); `rejected`, the token the server refused with `401`, asks for a
    /// new one. Returns the token sent, to renew it if it is refused in turn.
    pub(crate) async fn apply_tokens(
        &self,
        request: &mut reqwest::Request,
        rejected: Option<&str>,
    ) -> Result<Option<String>, Error> {
        let mut sent = None;
        for (index, scopes) in self.requirement {
            let Some(Credential::Tokens(provider)) = self.credentials.get(*index) else {
                continue;
            };
            let Some(scheme) = crate::api::SCHEMES.get(*index) else {
                continue;
            };
            let token = provider.token(scopes, rejected).await?;
            let (_, value) = authorization("bearer", &token);
            request.headers_mut().insert(
                reqwest::header::AUTHORIZATION,
                secret_header(scheme, &value)?,
            );
            sent = Some(token);
        }
        Ok(sent)
    }
}

/// Adds `name=value` to the request's `Cookie` header (after the cookies already there).
fn add_cookie(
    scheme: &Scheme,
    request: &mut reqwest::Request,
    name: &str,
    value: &str,
) -> Result<(), Error> {
    let cookie = match request
        .headers()
        .get(reqwest::header::COOKIE)
        .and_then(|v| v.to_str().ok())
    {
        Some(cookies) if !cookies.is_empty() => format!("{cookies}; {name}={value}"),
        _ => format!("{name}={value}"),
    };
    let value = secret_header(scheme, &cookie)?;
    request.headers_mut().insert(reqwest::header::COOKIE, value);
    Ok(())
}

/// The tokens of an `oauth2` scheme's `clientCredentials` flow, obtained by the client itself
/// (see the module docs).
pub(crate) struct ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: String,
    http: reqwest::Client,
    /// The longest a token request may take (the client's timeout of an attempt).
    timeout: Duration,
    clock: Arc<dyn Clock>,
    /// The tokens obtained, by the scopes they were asked for; the lock is held while a token
    /// is asked for, so that requests waiting for one share it.
    tokens: tokio::sync::Mutex<Vec<(Vec<&'static str>, Token)>>,
}

/// A token obtained, and until when it is used.
struct Token {
    value: String,
    /// Shortly before it expires; `None` when the server did not say when it does.
    fresh_until: Option<SystemTime>,
}

/// How long before a token expires it is renewed: a tenth of its life, at most a minute.
fn renewal_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

impl ClientCredentials {
    pub(crate) fn new(
        token_url: String,
        client_id: String,
        client_secret: String,
        http: reqwest::Client,
        timeout: Duration,
        clock: Arc<dyn Clock>,
    ) -> ClientCredentials {
        ClientCredentials {
            token_url,
            client_id,
            client_secret,
            http,
            timeout,
            clock,
            tokens: tokio::sync::Mutex::new(Vec::new()),
        }
    }

    /// Asks the token URL for a token for `scopes`.
    async fn obtain(&self, scopes: &[&'static str]) -> Result<Token, Error> {
        let url = self.token_url.as_str();
        let failed = |what: String| {
            Error::Credentials(format!(
                "the access token could not be obtained from {url}: {what}"
            ))
        };
        let mut form = vec![("grant_type", "client_credentials".to_owned())];
        if !scopes.is_empty() {
            form.push(("scope", scopes.join(" ")));
        }
        let asked = self.clock.now();
        let response = self
            .http
            .post(url)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .header(reqwest::header::ACCEPT, "application/json")
            .timeout(self.timeout)
            .form(&form)
            .send()
            .await
            .map_err(|e| failed(e.without_url().to_string()))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| failed(e.without_url().to_string()))?;
        if !status.is_success() {
            // RFC 6749 §5.2: `error` and `error_description` say why (never a secret).
            let reason = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|value| {
                    let error = value.get("error")?.as_str()?.to_owned();
                    Some(
                        match value.get("error_description").and_then(|d| d.as_str()) {
                            Some(description) => format!("{error}: {description}"),
                            None => error,
                        },
                    )
                });
            return Err(failed(match reason {
                Some(reason) => format!("{status}: {reason}"),
                None => status.to_string(),
            }));
        }
        #[derive(serde::Deserialize)]
        struct Granted {
            access_token: String,
            expires_in: Option<u64>,
        }
        let granted: Granted = serde_json::from_slice(&body)
            .map_err(|e| failed(format!("the response is not a token: {e}")))?;
        let fresh_until = granted.expires_in.map(|seconds| {
            let lifetime = Duration::from_secs(seconds);
            asked + lifetime - renewal_margin(lifetime)
        });
        Ok(Token {
            value: granted.access_token,
            fresh_until,
        })
    }
}

impl TokenProvider for ClientCredentials {
    fn token<'a>(
        &'a self,
        scopes: &'a [&'static str],
        rejected: Option<&'a str>,
    ) -> TokenFuture<'a> {
        Box::pin(async move {
            let mut tokens = self.tokens.lock().await;
            let now = self.clock.now();
            let at = tokens
                .iter()
                .position(|(for_scopes, _)| for_scopes == scopes);
            if let Some(at) = at {
                let token = &tokens[at].1;
                let fresh = match token.fresh_until {
                    Some(until) => now < until,
                    None => true,
                };
                // A token another request has renewed meanwhile is not the one refused.
                if fresh && rejected != Some(token.value.as_str()) {
                    return Ok(token.value.clone());
                }
            }
            let token = self.obtain(scopes).await?;
            let value = token.value.clone();
            match at {
                Some(at) => tokens[at].1 = token,
                None => tokens.push((scopes.to_vec(), token)),
            }
            Ok(value)
        })
    }
}
