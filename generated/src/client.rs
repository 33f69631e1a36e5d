// Client runtime, the same in every generated crate. Source: `generator/runtime/src/client.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! The client: configuration and request execution.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::api::DEFAULT_BASE_URL;
use crate::auth::{ClientCredentials, Credential, Credentials, Security};
use crate::retry::{self, Clock, Failure, TokioClock};
use crate::runtime::{Query, RequestOptions};
use crate::{ApiError, Error};

/// The timeout of one attempt of a request when none is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A client of the API. Cheap to clone: clones share one connection pool.
///
/// Its credentials (see [`crate::auth`]) are never shown by `Debug` or in errors.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    /// Whether the base URL is the user's (set on the builder or from the environment) rather
    /// than the API's default: then every request goes there, including those of operations
    /// that name a server of their own.
    custom_base_url: bool,
    timeout: Duration,
    total_timeout: Option<Duration>,
    max_retries: u32,
    clock: Arc<dyn Clock>,
    strict_decoding: bool,
    headers: reqwest::header::HeaderMap,
    credentials: Credentials,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .field("total_timeout", &self.inner.total_timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("credentials", &self.inner.credentials)
            .finish_non_exhaustive()
    }
}

impl Client {
    // `Client::new` and `Client::from_env` are generated (`api.rs`): what they take depends on
    // the API's security schemes.

    /// A builder to configure the base URL, timeout, headers or HTTP client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Whether responses are decoded strictly (see [`ClientBuilder::strict_decoding`]).
    pub fn strict_decoding(&self) -> bool {
        self.inner.strict_decoding
    }

    /// The clock the client sleeps with (waiters sleep with it too).
    // Only waiters call it, and an API need not declare any.
    #[allow(dead_code)]
    pub(crate) fn clock(&self) -> &dyn Clock {
        self.inner.clock.as_ref()
    }

    /// Starts a request: URL from the base URL, `path` (already encoded) and `query`.
    /// `server` is the operation's own server, when its description names one (OpenAPI
    /// `servers` on the path or the operation): it is used unless the user set the base URL.
    pub(crate) fn request(
        &self,
        method: reqwest::Method,
        server: Option<&'static str>,
        path: &str,
        query: Query,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let query = query.finish();
        let base = match server {
            Some(server) if !self.inner.custom_base_url => server,
            _ => self.inner.base_url.as_str(),
        };
        let mut url = String::with_capacity(base.len() + path.len() + query.len() + 1);
        url.push_str(base);
        url.push_str(path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        let url = reqwest::Url::parse(&url)
            .map_err(|e| Error::Request(format!("invalid request URL {url:?}: {e}")))?;
        Ok(self
            .inner
            .http
            .request(method, url)
            .headers(self.inner.headers.clone()))
    }

    /// Sends a request, retrying as [`crate::retry`] allows, and returns the success response,
    /// its body read inside the attempt ([`Read::Body`]) or left to stream ([`Read::Stream`]).
    /// A non-success status becomes [`Error::Api`]. `operation` and `path` (the template) name
    /// the request in traces; `security` is what the operation accepts (see [`crate::auth`]).
    pub(crate) async fn execute(
        &self,
        request: reqwest::RequestBuilder,
        operation: &'static str,
        path: &'static str,
        security: Security,
        options: &RequestOptions,
        read: Read,
    ) -> Result<Reply, Error> {
        // Nothing is sent when the operation's requirements cannot be met.
        let credentials = self.inner.credentials.plan(security, operation)?;
        // A reqwest error shows the URL, which then holds a key.
        let hide_url = credentials.in_url();
        let transport = move |source: reqwest::Error, status, maybe_processed| {
            let source = if hide_url {
                source.without_url()
            } else {
                source
            };
            Error::transport(source, status, maybe_processed)
        };
        let mut request = request.build().map_err(|e| transport(e, None, false))?;
        credentials.apply(&mut request)?;
        let method = request.method().clone();
        let max_retries = options.max_retries.unwrap_or(self.inner.max_retries);
        let attempt_timeout = options.timeout.unwrap_or(self.inner.timeout);
        let total_timeout = options.total_timeout.or(self.inner.total_timeout);
        let span = tracing::debug_span!("request", operation, method = %method, path);
        let attempts = async {
            // The time the call has taken: its attempts, and the waits asked of the clock (an
            // injected clock may not really wait).
            let mut spent = Duration::ZERO;
            let mut attempt: u32 = 0;
            let mut original = Some(request);
            // The token a `401` refused, once: the next attempt renews it, and is not counted
            // as a retry.
            let mut rejected: Option<String> = None;
            let mut renewed = false;
            loop {
                // A streamed body (a multipart form) cannot be copied: it is sent once.
                let (mut this, last_chance) =
                    match original.as_ref().and_then(reqwest::Request::try_clone) {
                        Some(copy) => (copy, false),
                        None => match original.take() {
                            Some(request) => (request, true),
                            None => {
                                return Err(Error::Request(
                                    "the request body cannot be sent twice".into(),
                                ))
                            }
                        },
                    };
                this.headers_mut().insert(
                    retry::RETRY_COUNT_HEADER,
                    reqwest::header::HeaderValue::from(attempt),
                );
                // No attempt runs past the total timeout.
                let timeout = match total_timeout {
                    Some(total) => attempt_timeout.min(total.saturating_sub(spent)),
                    None => attempt_timeout,
                };
                *this.timeout_mut() = Some(timeout);
                let sent_token = credentials
                    .apply_tokens(&mut this, rejected.take().as_deref())
                    .await?;
                let started = std::time::Instant::now();
                let outcome = self.attempt(this, read).await;
                let elapsed = started.elapsed();
                spent += elapsed;
                let elapsed_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
                let retries_left = attempt < max_retries && !last_chance;
                let (error, delay) = match outcome {
                    Ok(reply) => {
                        tracing::debug!(attempt, status = reply.status(), elapsed_ms, "response");
                        return Ok(reply);
                    }
                    Err(Failed::Status { status: 401, .. })
                        if sent_token.is_some() && !renewed && !last_chance =>
                    {
                        tracing::info!(attempt, "the access token was refused: renewing it");
                        renewed = true;
                        rejected = sent_token;
                        continue;
                    }
                    Err(Failed::Status {
                        status,
                        headers,
                        body,
                    }) => {
                        tracing::debug!(attempt, status, elapsed_ms, "error response");
                        let asked = retry::retry_after(&headers, self.inner.clock.now());
                        let retry = retries_left
                            && retry::should_retry(&method, &Failure::Status(status, &headers));
                        let delay = match asked {
                            // Waiting an hour helps no one: the caller gets the error (and
                            // the delay, `Error::retry_after`) at once.
                            Some(wait) if wait > retry::MAX_RETRY_AFTER => None,
                            Some(wait) => retry.then_some(wait),
                            None => retry.then(|| retry::backoff(attempt)),
                        };
                        let error =
                            Error::Api(ApiError::new(status, request_id(&headers), asked, &body));
                        (error, delay)
                    }
                    Err(Failed::Transport {
                        source,
                        status,
                        connected,
                    }) => {
                        let failure = if connected {
                            Failure::MaybeProcessed
                        } else {
                            Failure::NotConnected
                        };
                        let retry = retries_left && retry::should_retry(&method, &failure);
                        let maybe_processed = connected && !retry::is_idempotent(&method);
                        let error = transport(source, status, maybe_processed);
                        tracing::debug!(attempt, elapsed_ms, error = %error, "request failed");
                        (error, retry.then(|| retry::backoff(attempt)))
                    }
                };
                let in_time = |delay: Duration| match total_timeout {
                    Some(total) => spent.saturating_add(delay) < total,
                    None => true,
                };
                match delay {
                    Some(delay) if in_time(delay) => {
                        let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
                        tracing::info!(attempt, delay_ms, error = %error, "retrying");
                        self.inner.clock.sleep(delay).await;
                        spent += delay;
                        attempt += 1;
                    }
                    _ => return Err(error),
                }
            }
        };
        tracing::Instrument::instrument(attempts, span).await
    }

    /// One attempt: the request sent, and the response with its body when `read` asks for it.
    async fn attempt(&self, request: reqwest::Request, read: Read) -> Result<Reply, Failed> {
        let response =
            self.inner
                .http
                .execute(request)
                .await
                .map_err(|source| Failed::Transport {
                    connected: !source.is_connect(),
                    status: None,
                    source,
                })?;
        let status = response.status().as_u16();
        if response.status().is_success() && matches!(read, Read::Stream) {
            return Ok(Reply::Stream(response));
        }
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(|source| Failed::Transport {
            connected: true,
            status: Some(status),
            source,
        })?;
        if (200..300).contains(&status) {
            Ok(Reply::Body(Response {
                value: body,
                status,
                headers,
            }))
        } else {
            Err(Failed::Status {
                status,
                headers,
                body,
            })
        }
    }
}

/// A [`Response`] made by the runtime.
pub(crate) fn response<T>(
    value: T,
    status: u16,
    headers: reqwest::header::HeaderMap,
) -> Response<T> {
    Response {
        value,
        status,
        headers,
    }
}

/// The headers APIs name a request's id in, in the order they are looked for.
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-github-request-id",
    "x-ms-request-id",
    "x-correlation-id",
    "cf-ray",
];

/// The request id of a response (see [`REQUEST_ID_HEADERS`]).
fn request_id_in(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
}

/// [`request_id_in`], owned.
fn request_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    request_id_in(headers).map(ToOwned::to_owned)
}

/// How [`Client::execute`] reads a success response.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Read {
    /// The whole body, inside the attempt: a body that breaks off fails the attempt, which is
    /// retried like any broken connection.
    Body,
    /// Only the headers: the caller streams the body, and retries end when it starts.
    Stream,
}

/// A success response, as [`Client::execute`] read it.
pub(crate) enum Reply {
    /// The status, headers and whole body.
    Body(Response<bytes::Bytes>),
    /// The response, its body still to be read.
    Stream(reqwest::Response),
}

impl Reply {
    fn status(&self) -> u16 {
        match self {
            Reply::Body(response) => response.status,
            Reply::Stream(response) => response.status().as_u16(),
        }
    }
}

/// Why an attempt failed.
enum Failed {
    /// The server answered with a status that is not a success.
    Status {
        status: u16,
        headers: reqwest::header::HeaderMap,
        body: bytes::Bytes,
    },
    /// The request or its response did not get through.
    Transport {
        source: reqwest::Error,
        /// The status of a response whose body broke off.
        status: Option<u16>,
        /// Whether a connection was made, so the server may have seen the request.
        connected: bool,
    },
}

/// The redirects the client follows: up to 10, on the origin (scheme, host and port) of the
/// request, because a request carries credentials (an API key header, a cookie) that reqwest
/// would send on to another host. A redirect elsewhere is not followed: its 3xx response is
/// returned as it is, an API error naming the status.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .last()
            .is_some_and(|previous| previous.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() <= 10 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// A success response: the decoded body with the status and headers it came with, which a
/// request builder's `send_with_response` returns (`send` returns the body alone). It derefs to
/// the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    value: T,
    status: u16,
    headers: reqwest::header::HeaderMap,
}

impl<T> Response<T> {
    /// The decoded body.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded body, by value.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The HTTP status (`200`, `201`...).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The id the API gave the request, which its support asks for: the first of the usual
    /// headers ([`REQUEST_ID_HEADERS`]) the response has.
    pub fn request_id(&self) -> Option<&str> {
        request_id_in(&self.headers)
    }

    /// The same response with its body turned into another value.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: f(self.value),
            status: self.status,
            headers: self.headers,
        }
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// Configures a [`Client`]. Start from [`Client::builder`].
#[derive(Default)]
pub struct ClientBuilder {
    credentials: Credentials,
    /// `oauth2` schemes whose `clientCredentials` flow the client runs: (scheme, token URL,
    /// client id, client secret); the HTTP client and the clock are known at `build`.
    client_credentials: Vec<(usize, &'static str, String, String)>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_retries: Option<u32>,
    clock: Option<Arc<dyn Clock>>,
    strict_decoding: bool,
    user_agent_suffix: Option<String>,
    headers: reqwest::header::HeaderMap,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Gives the security scheme `scheme` (its index in `api::SCHEMES`) a credential: what the
    /// generated setter named after the scheme calls.
    #[allow(dead_code)] // an API without security schemes has no setter
    pub(crate) fn credential(mut self, scheme: usize, credential: Credential) -> Self {
        self.client_credentials.retain(|(s, ..)| *s != scheme);
        self.credentials.set(scheme, credential);
        self
    }

    /// Gives the `oauth2` scheme `scheme` a client id and secret, for the client to obtain
    /// tokens from `token_url` itself (its `clientCredentials` flow).
    #[allow(dead_code)] // only APIs with such a flow call it
    pub(crate) fn client_credentials(
        mut self,
        scheme: usize,
        token_url: &'static str,
        client_id: String,
        client_secret: String,
    ) -> Self {
        self.client_credentials.retain(|(s, ..)| *s != scheme);
        self.client_credentials
            .push((scheme, token_url, client_id, client_secret));
        self
    }

    /// Whether a credential was given for any security scheme.
    #[allow(dead_code)] // only `from_env` of APIs whose operations need credentials calls it
    pub(crate) fn has_credentials(&self) -> bool {
        self.credentials.any() || !self.client_credentials.is_empty()
    }

    /// The base URL (default [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL)); a trailing `/` is
    /// ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The timeout of each attempt of a request, reading the response included (default
    /// [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The longest a call may take, all its attempts and the waits between them included
    /// (default: none, so a call may take `(max_retries + 1) × timeout` plus the waits). See
    /// [`crate::retry`].
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried (default
    /// [`DEFAULT_MAX_RETRIES`](crate::retry::DEFAULT_MAX_RETRIES)); `0` turns retries off. Which
    /// failures are retried is described in [`crate::retry`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The clock used to sleep between attempts and to read `Retry-After` dates (default
    /// [`TokioClock`]).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Decode responses strictly: a value that does not fit its documented type fails the
    /// response with [`Error::Decode`]. By default (`false`) such a value is moved into the
    /// `extra` map of the object that holds it, the field is left `None`, and a `tracing`
    /// warning names the field.
    pub fn strict_decoding(mut self, strict: bool) -> Self {
        self.strict_decoding = strict;
        self
    }

    /// Text appended to the `User-Agent` header.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// A header sent with every request.
    pub fn default_header(
        mut self,
        name: reqwest::header::HeaderName,
        value: reqwest::header::HeaderValue,
    ) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Sends requests through this `reqwest::Client` (for proxies, TLS settings, connection
    /// pools).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let custom_base_url = self.base_url.is_some();
        let base_url = self
            .base_url
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned())
            .trim_end_matches('/')
            .to_owned();
        reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("invalid base URL {base_url:?}: {e}")))?;
        let mut headers = self.headers;
        // The generated crate's own name and version: `my-api-client/0.1.0`.
        let mut agent = format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = &self.user_agent_suffix {
            agent.push(' ');
            agent.push_str(suffix);
        }
        let agent = reqwest::header::HeaderValue::from_str(&agent).map_err(|_| {
            Error::Config("the user agent suffix is not a valid header value".into())
        })?;
        headers.insert(reqwest::header::USER_AGENT, agent);
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .redirect(same_origin_redirects())
                .build()
                .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?,
        };
        let clock: Arc<dyn Clock> = self.clock.unwrap_or_else(|| Arc::new(TokioClock));
        self.credentials.check()?;
        let mut credentials = self.credentials;
        for (scheme, token_url, id, secret) in self.client_credentials {
            // A relative token URL is read from the base URL (a mock's, a region's).
            let token_url = match reqwest::Url::parse(token_url) {
                Ok(url) => url.to_string(),
                Err(_) => format!("{base_url}/{}", token_url.trim_start_matches('/')),
            };
            let tokens = ClientCredentials::new(
                token_url,
                id,
                secret,
                http.clone(),
                self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                clock.clone(),
            );
            credentials.set(scheme, Credential::Tokens(Arc::new(tokens)));
        }
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                custom_base_url,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                total_timeout: self.total_timeout,
                max_retries: self.max_retries.unwrap_or(retry::DEFAULT_MAX_RETRIES),
                clock,
                strict_decoding: self.strict_decoding,
                headers,
                credentials,
            }),
        })
    }
}
