//! The client runtime emitted into every crate: configuration, request execution,
//! errors and parameter encoding. Static code, parameterised by the API's defaults.

use super::Ctx;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/client.rs`: the `Client`, its builder and request execution.
pub fn client(ctx: &Ctx) -> TokenStream {
    let base_url = &ctx.api.base_url;
    let env_key = format!("{}_API_KEY", ctx.env_prefix);
    let env_base = format!("{}_BASE_URL", ctx.env_prefix);
    let crate_name = ctx.crate_name;
    let from_env_doc = format!(
        " Creates a client from the environment: the API key from `{env_key}` and, when set, the base URL from `{env_base}`."
    );
    let auth = if ctx.api.bearer_auth {
        quote! {
            if let ::std::option::Option::Some(key) = &self.api_key {
                let mut value = ::reqwest::header::HeaderValue::from_str(&::std::format!("Bearer {key}"))
                    .map_err(|_| crate::Error::Config("the API key contains characters not allowed in an HTTP header".into()))?;
                value.set_sensitive(true);
                headers.insert(::reqwest::header::AUTHORIZATION, value);
            }
        }
    } else {
        quote! { let _ = &self.api_key; }
    };
    // With every operation feature off, nothing sends requests.
    let operation_features = ctx.features.modules.values();
    let unused_without_operations = quote! {
        #[cfg_attr(not(any(#(feature = #operation_features),*)), allow(dead_code))]
    };
    quote! {
        use ::std::sync::Arc;
        use ::std::time::Duration;

        /// The base URL used when none is configured.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        /// The timeout of one request when none is configured.
        pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
        /// The environment variable [`Client::from_env`] reads the API key from.
        pub const API_KEY_ENV: &str = #env_key;
        /// The environment variable [`Client::from_env`] reads an optional base URL from.
        pub const BASE_URL_ENV: &str = #env_base;

        /// A client of the API. Cheap to clone: clones share one connection pool.
        ///
        /// The API key is never shown by `Debug` or in errors.
        #[derive(::std::clone::Clone)]
        pub struct Client {
            inner: Arc<Inner>,
        }

        #unused_without_operations
        struct Inner {
            http: ::reqwest::Client,
            base_url: ::std::string::String,
            timeout: Duration,
            max_retries: u32,
            clock: Arc<dyn crate::retry::Clock>,
            strict_decoding: bool,
            headers: ::reqwest::header::HeaderMap,
        }

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.inner.base_url)
                    .field("timeout", &self.inner.timeout)
                    .field("max_retries", &self.inner.max_retries)
                    .field("api_key", &"[redacted]")
                    .finish_non_exhaustive()
            }
        }

        impl Client {
            /// Creates a client that authenticates with `api_key`, with the default base URL and timeout.
            ///
            /// Fails only when the key cannot be sent in a header or the HTTP client cannot be set up.
            pub fn new(api_key: impl ::std::convert::Into<::std::string::String>) -> ::std::result::Result<Self, crate::Error> {
                Self::builder().api_key(api_key).build()
            }

            #[doc = #from_env_doc]
            pub fn from_env() -> ::std::result::Result<Self, crate::Error> {
                let key = ::std::env::var(API_KEY_ENV)
                    .map_err(|_| crate::Error::Config(::std::format!("environment variable {API_KEY_ENV} is not set")))?;
                let mut builder = Self::builder().api_key(key);
                if let ::std::result::Result::Ok(url) = ::std::env::var(BASE_URL_ENV) {
                    builder = builder.base_url(url);
                }
                builder.build()
            }

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

            /// Starts a request: URL from the base URL, `path` (already encoded) and `query`.
            #unused_without_operations
            pub(crate) fn request(
                &self,
                method: ::reqwest::Method,
                path: &str,
                query: crate::runtime::Query,
            ) -> ::std::result::Result<::reqwest::RequestBuilder, crate::Error> {
                let query = query.finish();
                let mut url = ::std::string::String::with_capacity(self.inner.base_url.len() + path.len() + query.len() + 1);
                url.push_str(&self.inner.base_url);
                url.push_str(path);
                if !query.is_empty() {
                    url.push('?');
                    url.push_str(&query);
                }
                let url = ::reqwest::Url::parse(&url)
                    .map_err(|e| crate::Error::Request(::std::format!("invalid request URL {url:?}: {e}")))?;
                ::std::result::Result::Ok(
                    self.inner.http.request(method, url).timeout(self.inner.timeout).headers(self.inner.headers.clone()),
                )
            }

            /// Sends a request, retrying as [`crate::retry`] allows; a non-success status becomes
            /// [`crate::Error::Api`]. `operation` and `path` (the template) name the request in traces.
            #unused_without_operations
            pub(crate) async fn execute(
                &self,
                request: ::reqwest::RequestBuilder,
                operation: &'static str,
                path: &'static str,
                options: &crate::runtime::RequestOptions,
            ) -> ::std::result::Result<::reqwest::Response, crate::Error> {
                let request = request.build().map_err(crate::Error::from_transport)?;
                let method = request.method().clone();
                let max_retries = options.max_retries.unwrap_or(self.inner.max_retries);
                let span = ::tracing::debug_span!("request", operation, method = %method, path);
                let attempts = async {
                    let mut attempt: u32 = 0;
                    let mut original = ::std::option::Option::Some(request);
                    loop {
                        // A streamed body (a multipart form) cannot be copied: it is sent once.
                        let (mut this, last_chance) = match original.as_ref().and_then(::reqwest::Request::try_clone) {
                            ::std::option::Option::Some(copy) => (copy, false),
                            ::std::option::Option::None => match original.take() {
                                ::std::option::Option::Some(request) => (request, true),
                                ::std::option::Option::None => {
                                    return ::std::result::Result::Err(crate::Error::Request(
                                        "the request body cannot be sent twice".into(),
                                    ))
                                }
                            },
                        };
                        this.headers_mut().insert(
                            crate::retry::RETRY_COUNT_HEADER,
                            ::reqwest::header::HeaderValue::from(attempt),
                        );
                        let started = ::std::time::Instant::now();
                        let outcome = self.inner.http.execute(this).await;
                        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                        let retries_left = attempt < max_retries && !last_chance;
                        let (error, delay) = match outcome {
                            ::std::result::Result::Ok(response) if response.status().is_success() => {
                                ::tracing::debug!(attempt, status = response.status().as_u16(), elapsed_ms, "response");
                                return ::std::result::Result::Ok(response);
                            }
                            ::std::result::Result::Ok(response) => {
                                let status = response.status().as_u16();
                                ::tracing::debug!(attempt, status, elapsed_ms, "error response");
                                let retry = retries_left
                                    && crate::retry::should_retry(&method, &crate::retry::Failure::Status(status, response.headers()));
                                let delay = retry.then(|| {
                                    crate::retry::retry_after(response.headers(), self.inner.clock.now())
                                        .unwrap_or_else(|| crate::retry::backoff(attempt))
                                });
                                let request_id = response
                                    .headers()
                                    .get("x-request-id")
                                    .and_then(|v| v.to_str().ok())
                                    .map(::std::borrow::ToOwned::to_owned);
                                let error = match response.bytes().await {
                                    ::std::result::Result::Ok(body) => {
                                        crate::Error::Api(crate::ApiError::new(status, request_id, &body))
                                    }
                                    ::std::result::Result::Err(e) => crate::Error::from_transport(e),
                                };
                                (error, delay)
                            }
                            ::std::result::Result::Err(e) => {
                                let failure = if e.is_connect() {
                                    crate::retry::Failure::NotConnected
                                } else {
                                    crate::retry::Failure::MaybeProcessed
                                };
                                let retry = retries_left && crate::retry::should_retry(&method, &failure);
                                let error = crate::Error::from_transport(e);
                                ::tracing::debug!(attempt, elapsed_ms, error = %error, "request failed");
                                (error, retry.then(|| crate::retry::backoff(attempt)))
                            }
                        };
                        match delay {
                            ::std::option::Option::Some(delay) => {
                                let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
                                ::tracing::info!(attempt, delay_ms, error = %error, "retrying");
                                self.inner.clock.sleep(delay).await;
                                attempt += 1;
                            }
                            ::std::option::Option::None => return ::std::result::Result::Err(error),
                        }
                    }
                };
                ::tracing::Instrument::instrument(attempts, span).await
            }
        }

        /// Configures a [`Client`]. Start from [`Client::builder`].
        #[derive(::std::default::Default)]
        pub struct ClientBuilder {
            api_key: ::std::option::Option<::std::string::String>,
            base_url: ::std::option::Option<::std::string::String>,
            timeout: ::std::option::Option<Duration>,
            max_retries: ::std::option::Option<u32>,
            clock: ::std::option::Option<Arc<dyn crate::retry::Clock>>,
            strict_decoding: bool,
            user_agent_suffix: ::std::option::Option<::std::string::String>,
            headers: ::reqwest::header::HeaderMap,
            http: ::std::option::Option<::reqwest::Client>,
        }

        impl ::std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("ClientBuilder")
                    .field("base_url", &self.base_url)
                    .field("timeout", &self.timeout)
                    .field("max_retries", &self.max_retries)
                    .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
                    .finish_non_exhaustive()
            }
        }

        impl ClientBuilder {
            /// The API key sent as a bearer token.
            pub fn api_key(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.api_key = ::std::option::Option::Some(key.into());
                self
            }

            /// The base URL (default [`DEFAULT_BASE_URL`]); a trailing `/` is ignored.
            pub fn base_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.base_url = ::std::option::Option::Some(url.into());
                self
            }

            /// The timeout of each request (default [`DEFAULT_TIMEOUT`]).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// How many times a failed request is retried (default [`DEFAULT_MAX_RETRIES`](crate::retry::DEFAULT_MAX_RETRIES));
            /// `0` turns retries off. Which failures are retried is described in [`crate::retry`].
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.max_retries = ::std::option::Option::Some(retries);
                self
            }

            /// The clock used to sleep between attempts and to read `Retry-After` dates (default
            /// [`TokioClock`](crate::retry::TokioClock)).
            pub fn clock(mut self, clock: impl crate::retry::Clock) -> Self {
                self.clock = ::std::option::Option::Some(Arc::new(clock));
                self
            }

            /// Decode responses strictly: a value that does not fit its documented type fails the
            /// response with [`Error::Decode`](crate::Error::Decode). By default (`false`) such a value
            /// is moved into the `extra` map of the object that holds it, the field is left `None`,
            /// and a `tracing` warning names the field.
            pub fn strict_decoding(mut self, strict: bool) -> Self {
                self.strict_decoding = strict;
                self
            }

            /// Text appended to the `User-Agent` header.
            pub fn user_agent_suffix(mut self, suffix: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.user_agent_suffix = ::std::option::Option::Some(suffix.into());
                self
            }

            /// A header sent with every request.
            pub fn default_header(mut self, name: ::reqwest::header::HeaderName, value: ::reqwest::header::HeaderValue) -> Self {
                self.headers.insert(name, value);
                self
            }

            /// Sends requests through this `reqwest::Client` (for proxies, TLS settings, connection pools).
            pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
                self.http = ::std::option::Option::Some(client);
                self
            }

            /// Builds the client.
            pub fn build(self) -> ::std::result::Result<Client, crate::Error> {
                let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()).trim_end_matches('/').to_owned();
                ::reqwest::Url::parse(&base_url)
                    .map_err(|e| crate::Error::Config(::std::format!("invalid base URL {base_url:?}: {e}")))?;
                let mut headers = self.headers;
                #auth
                let mut agent = ::std::format!("{}/{}", #crate_name, ::std::env!("CARGO_PKG_VERSION"));
                if let ::std::option::Option::Some(suffix) = &self.user_agent_suffix {
                    agent.push(' ');
                    agent.push_str(suffix);
                }
                let agent = ::reqwest::header::HeaderValue::from_str(&agent)
                    .map_err(|_| crate::Error::Config("the user agent suffix is not a valid header value".into()))?;
                headers.insert(::reqwest::header::USER_AGENT, agent);
                let http = match self.http {
                    ::std::option::Option::Some(http) => http,
                    ::std::option::Option::None => ::reqwest::Client::builder()
                        .build()
                        .map_err(|e| crate::Error::Config(::std::format!("cannot set up the HTTP client: {e}")))?,
                };
                ::std::result::Result::Ok(Client {
                    inner: Arc::new(Inner {
                        http,
                        base_url,
                        timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                        max_retries: self.max_retries.unwrap_or(crate::retry::DEFAULT_MAX_RETRIES),
                        clock: self.clock.unwrap_or_else(|| Arc::new(crate::retry::TokioClock)),
                        strict_decoding: self.strict_decoding,
                        headers,
                    }),
                })
            }
        }
    }
}

/// `src/error.rs`: the error type.
pub fn error() -> TokenStream {
    quote! {
        /// Everything that can go wrong with a request.
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum Error {
            /// The API answered with a status that is not a success.
            Api(ApiError),
            /// The request did not complete within the timeout.
            Timeout(::reqwest::Error),
            /// The connection could not be made or broke.
            Connection(::reqwest::Error),
            /// The request could not be built (for example an invalid URL).
            Request(::std::string::String),
            /// A success response whose body does not match the documented type.
            Decode(DecodeError),
            /// The client is misconfigured (missing API key variable, invalid base URL...).
            Config(::std::string::String),
        }

        impl Error {
            pub(crate) fn from_transport(error: ::reqwest::Error) -> Self {
                if error.is_timeout() {
                    Error::Timeout(error)
                } else if error.is_builder() {
                    Error::Request(error.to_string())
                } else {
                    Error::Connection(error)
                }
            }

            /// The HTTP status, for API errors.
            pub fn status(&self) -> ::std::option::Option<u16> {
                match self {
                    Error::Api(e) => ::std::option::Option::Some(e.status),
                    _ => ::std::option::Option::None,
                }
            }

            /// The API error, if this is one.
            pub fn as_api(&self) -> ::std::option::Option<&ApiError> {
                match self {
                    Error::Api(e) => ::std::option::Option::Some(e),
                    _ => ::std::option::Option::None,
                }
            }

            /// Whether the API answered 404 Not Found.
            pub fn is_not_found(&self) -> bool {
                self.status() == ::std::option::Option::Some(404)
            }

            /// Whether the API answered 429 Too Many Requests.
            pub fn is_rate_limited(&self) -> bool {
                self.status() == ::std::option::Option::Some(429)
            }

            /// The API error decoded into the typed error responses `E` of an operation (such
            /// as an `…Error` enum of [`crate::operations`]): `None` when this is not an API
            /// error, the operation does not document its status, or the body does not decode.
            pub fn typed<E: TypedError>(&self) -> ::std::option::Option<E> {
                self.as_api().and_then(E::from_api)
            }

            /// Whether the request timed out.
            pub fn is_timeout(&self) -> bool {
                ::std::matches!(self, Error::Timeout(_))
            }

            /// Whether trying again later may succeed: timeouts, connection failures and the
            /// statuses 408, 409, 429 and 5xx. The client has already retried what was safe to retry
            /// (see [`crate::retry`]); this tells callers whether a later attempt of their own is worthwhile.
            pub fn is_retryable(&self) -> bool {
                match self {
                    Error::Timeout(_) | Error::Connection(_) => true,
                    Error::Api(e) => crate::retry::is_retryable_status(e.status),
                    _ => false,
                }
            }
        }

        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Error::Api(e) => ::std::fmt::Display::fmt(e, f),
                    Error::Timeout(e) => ::std::write!(f, "request timed out: {e}"),
                    Error::Connection(e) => ::std::write!(f, "connection failed: {e}"),
                    Error::Request(m) => ::std::write!(f, "invalid request: {m}"),
                    Error::Decode(e) => ::std::fmt::Display::fmt(e, f),
                    Error::Config(m) => ::std::write!(f, "client configuration: {m}"),
                }
            }
        }

        impl ::std::error::Error for Error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Error::Timeout(e) | Error::Connection(e) => ::std::option::Option::Some(e),
                    _ => ::std::option::Option::None,
                }
            }
        }

        /// An error response of the API: its status and the `errors[]` it carried.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub struct ApiError {
            /// The HTTP status code.
            pub status: u16,
            /// The decoded `errors` array (empty when the body was not in the documented shape).
            pub errors: ::std::vec::Vec<ErrorObject>,
            /// The `x-request-id` response header, when present.
            pub request_id: ::std::option::Option<::std::string::String>,
            /// The raw response body.
            pub body: ::std::string::String,
        }

        #[derive(::serde::Deserialize)]
        struct Envelope {
            errors: ::std::vec::Vec<ErrorObject>,
        }

        impl ApiError {
            pub(crate) fn new(status: u16, request_id: ::std::option::Option<::std::string::String>, body: &[u8]) -> Self {
                let errors = ::serde_json::from_slice::<Envelope>(body).map(|e| e.errors).unwrap_or_default();
                ApiError { status, errors, request_id, body: ::std::string::String::from_utf8_lossy(body).into_owned() }
            }

            /// The first error object, which carries the main code, title and detail.
            pub fn first(&self) -> ::std::option::Option<&ErrorObject> {
                self.errors.first()
            }
        }

        impl ::std::fmt::Display for ApiError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let reason = ::reqwest::StatusCode::from_u16(self.status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
                ::std::write!(f, "{} {}", self.status, reason)?;
                match self.errors.first() {
                    ::std::option::Option::Some(e) => {
                        if let ::std::option::Option::Some(title) = &e.title {
                            ::std::write!(f, ": {title}")?;
                        }
                        if let ::std::option::Option::Some(code) = &e.code {
                            ::std::write!(f, " (code {code})")?;
                        }
                        if let ::std::option::Option::Some(detail) = &e.detail {
                            ::std::write!(f, ": {detail}")?;
                        }
                        if self.errors.len() > 1 {
                            ::std::write!(f, " (and {} more)", self.errors.len() - 1)?;
                        }
                    }
                    ::std::option::Option::None if !self.body.is_empty() => {
                        ::std::write!(f, ": {}", crate::runtime::snippet(&self.body))?;
                    }
                    ::std::option::Option::None => {}
                }
                if let ::std::option::Option::Some(id) = &self.request_id {
                    ::std::write!(f, " [request id {id}]")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        /// The documented error responses of an operation, decoded from an [`ApiError`]:
        /// implemented by the `…Error` enums of [`crate::operations`], and used by
        /// [`Error::typed`].
        pub trait TypedError: ::std::marker::Sized {
            /// The variant of the response documented for the error's status (its exact code,
            /// else its range such as `4XX`, else `default`) with the body decoded; `None` when
            /// the status is not documented or the body does not decode (the raw body stays in
            /// [`ApiError::body`]).
            fn from_api(error: &ApiError) -> ::std::option::Option<Self>;
        }

        /// One entry of an error response's `errors` array.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct ErrorObject {
            /// The error code (`"10005"`); numbers are kept as their decimal text.
            #[serde(default, deserialize_with = "crate::runtime::lenient_string")]
            pub code: ::std::option::Option<::std::string::String>,
            /// A short summary.
            #[serde(default)]
            pub title: ::std::option::Option<::std::string::String>,
            /// What went wrong in this request.
            #[serde(default)]
            pub detail: ::std::option::Option<::std::string::String>,
            /// Which part of the request caused it.
            #[serde(default)]
            pub source: ::std::option::Option<ErrorSource>,
            /// Extra data, such as a documentation `url`.
            #[serde(default)]
            pub meta: ::std::option::Option<::serde_json::Value>,
        }

        /// Where in the request an error was found.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct ErrorSource {
            /// JSON pointer into the request body.
            #[serde(default)]
            pub pointer: ::std::option::Option<::std::string::String>,
            /// The query or path parameter.
            #[serde(default)]
            pub parameter: ::std::option::Option<::std::string::String>,
        }

        /// A response body that did not match the documented type.
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub struct DecodeError {
            /// The type being decoded.
            pub type_name: &'static str,
            /// The path of the field that failed (`data.phone_numbers[0].status`).
            pub path: ::std::string::String,
            /// What was wrong.
            pub message: ::std::string::String,
            /// The start of the body.
            pub snippet: ::std::string::String,
        }

        impl ::std::fmt::Display for DecodeError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "cannot decode {} at `{}`: {} (body starts: {})", self.type_name, self.path, self.message, self.snippet)
            }
        }
    }
}

/// `src/runtime.rs`: encoding of paths and query strings, and response decoding.
pub fn helpers() -> TokenStream {
    quote! {
        // Shared by every generated API; one API need not use every style or helper.
        #![allow(dead_code)]

        use ::percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

        /// Characters kept as they are in a path segment or query value (RFC 3986 unreserved, `:` and `@`).
        const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b':').remove(b'@');
        /// Query keys additionally keep the brackets of deepObject names (`filter[status]`).
        const KEY: &AsciiSet = &VALUE.remove(b'[').remove(b']');

        /// Encodes one path segment: `/` and everything else outside [`VALUE`] is percent-encoded,
        /// so `a/../b` stays one segment.
        pub(crate) fn path_segment(value: &str) -> ::std::string::String {
            ::percent_encoding::utf8_percent_encode(value, VALUE).to_string()
        }

        /// How a query parameter is written.
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug)]
        pub(crate) enum Style {
            /// `form`; `explode` repeats the key for each array item, otherwise items are joined by `,`.
            Form { explode: bool },
            /// `deepObject`: `key[prop]=value`, nesting as `key[a][b]=value`.
            DeepObject,
            /// `spaceDelimited` arrays.
            SpaceDelimited,
            /// `pipeDelimited` arrays.
            PipeDelimited,
        }

        /// A query string being built, keys and values percent-encoded as they are added.
        #[derive(::std::default::Default)]
        pub(crate) struct Query {
            buf: ::std::string::String,
        }

        impl Query {
            pub(crate) fn new() -> Self {
                Self::default()
            }

            /// Appends `key=value`.
            pub(crate) fn push(&mut self, key: &str, value: &str) {
                if !self.buf.is_empty() {
                    self.buf.push('&');
                }
                self.buf.extend(::percent_encoding::utf8_percent_encode(key, KEY));
                self.buf.push('=');
                self.buf.extend(::percent_encoding::utf8_percent_encode(value, VALUE));
            }

            pub(crate) fn finish(self) -> ::std::string::String {
                self.buf
            }
        }

        /// Per-request settings every request builder carries.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::default::Default)]
        pub(crate) struct RequestOptions {
            pub(crate) timeout: ::std::option::Option<::std::time::Duration>,
            pub(crate) max_retries: ::std::option::Option<u32>,
            pub(crate) headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
            pub(crate) query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
        }

        impl RequestOptions {
            /// Appends the extra query parameters.
            pub(crate) fn write_query(&self, query: &mut Query) {
                for (name, value) in &self.query {
                    query.push(name, value);
                }
            }

            /// Applies the timeout override and extra headers.
            pub(crate) fn apply(&self, mut request: ::reqwest::RequestBuilder) -> ::reqwest::RequestBuilder {
                if let ::std::option::Option::Some(timeout) = self.timeout {
                    request = request.timeout(timeout);
                }
                for (name, value) in &self.headers {
                    request = request.header(name.as_str(), value.as_str());
                }
                request
            }
        }

        /// The key of an object's property: `key[prop]` in deepObject style, `prop` in form style.
        /// Properties of nested objects are then written deepObject style.
        pub(crate) fn object_key(key: &str, style: Style, prop: &str) -> ::std::string::String {
            match style {
                Style::DeepObject => ::std::format!("{key}[{prop}]"),
                _ => prop.to_owned(),
            }
        }

        /// A value written as one string in a path, query or header.
        pub(crate) trait ParamScalar {
            fn to_param(&self) -> ::std::string::String;
        }

        impl ParamScalar for ::std::string::String {
            fn to_param(&self) -> ::std::string::String {
                self.clone()
            }
        }
        impl ParamScalar for bool {
            fn to_param(&self) -> ::std::string::String {
                self.to_string()
            }
        }
        impl ParamScalar for i32 {
            fn to_param(&self) -> ::std::string::String {
                self.to_string()
            }
        }
        impl ParamScalar for i64 {
            fn to_param(&self) -> ::std::string::String {
                self.to_string()
            }
        }
        impl ParamScalar for f32 {
            fn to_param(&self) -> ::std::string::String {
                self.to_string()
            }
        }
        impl ParamScalar for f64 {
            fn to_param(&self) -> ::std::string::String {
                self.to_string()
            }
        }
        impl ParamScalar for ::serde_json::Value {
            fn to_param(&self) -> ::std::string::String {
                match self {
                    ::serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                }
            }
        }

        /// A value written into a query string under a key.
        pub(crate) trait QueryValue {
            fn write(&self, key: &str, style: Style, query: &mut Query);
        }

        impl<T: ParamScalar> QueryValue for T {
            fn write(&self, key: &str, _style: Style, query: &mut Query) {
                query.push(key, &self.to_param());
            }
        }

        impl<T: QueryValue> QueryValue for ::std::option::Option<T> {
            fn write(&self, key: &str, style: Style, query: &mut Query) {
                if let ::std::option::Option::Some(value) = self {
                    value.write(key, style, query);
                }
            }
        }

        impl<T: ParamScalar> QueryValue for ::std::vec::Vec<T> {
            fn write(&self, key: &str, style: Style, query: &mut Query) {
                let separator = match style {
                    Style::Form { explode: true } | Style::DeepObject => {
                        for item in self {
                            query.push(key, &item.to_param());
                        }
                        return;
                    }
                    Style::Form { explode: false } => ",",
                    Style::SpaceDelimited => " ",
                    Style::PipeDelimited => "|",
                };
                let joined: ::std::vec::Vec<::std::string::String> = self.iter().map(ParamScalar::to_param).collect();
                query.push(key, &joined.join(separator));
            }
        }

        impl<T: QueryValue> QueryValue for ::std::collections::BTreeMap<::std::string::String, T> {
            fn write(&self, key: &str, style: Style, query: &mut Query) {
                for (name, value) in self {
                    value.write(&object_key(key, style, name), Style::DeepObject, query);
                }
            }
        }

        /// An object key, borrowed from the input when it has no escapes.
        pub(crate) struct Key<'de>(::std::borrow::Cow<'de, str>);

        impl Key<'_> {
            pub(crate) fn as_str(&self) -> &str {
                &self.0
            }
            pub(crate) fn into_string(self) -> ::std::string::String {
                self.0.into_owned()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for Key<'de> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = Key<'de>;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("an object key")
                    }
                    fn visit_borrowed_str<E: ::serde::de::Error>(self, value: &'de str) -> ::std::result::Result<Key<'de>, E> {
                        ::std::result::Result::Ok(Key(::std::borrow::Cow::Borrowed(value)))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Key<'de>, E> {
                        ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(value.to_owned())))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<Key<'de>, E> {
                        ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(value)))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        /// How badly a decoded value fits its type: unknown properties and unknown enum values
        /// count. Unions keep the alternative with the lowest count.
        pub(crate) trait Fit {
            fn misfit(&self) -> usize {
                0
            }
        }

        /// The misfit of data kept as raw JSON: worse than any typed alternative.
        pub(crate) const RAW_MISFIT: usize = usize::MAX / 2;

        impl Fit for ::std::string::String {}
        impl Fit for bool {}
        impl Fit for i32 {}
        impl Fit for i64 {}
        impl Fit for f32 {}
        impl Fit for f64 {}
        impl Fit for ::bytes::Bytes {}
        impl Fit for ::serde_json::Value {
            fn misfit(&self) -> usize {
                RAW_MISFIT
            }
        }
        impl Fit for crate::formats::DateTime {
            fn misfit(&self) -> usize {
                usize::from(!self.is_valid())
            }
        }
        impl Fit for crate::formats::Date {
            fn misfit(&self) -> usize {
                usize::from(!self.is_valid())
            }
        }
        impl Fit for crate::formats::Uuid {
            fn misfit(&self) -> usize {
                usize::from(!self.is_valid())
            }
        }
        impl<T: Fit> Fit for ::std::option::Option<T> {
            fn misfit(&self) -> usize {
                self.as_ref().map_or(0, Fit::misfit)
            }
        }
        impl<T: Fit> Fit for ::std::boxed::Box<T> {
            fn misfit(&self) -> usize {
                (**self).misfit()
            }
        }
        impl<T: Fit> Fit for ::std::vec::Vec<T> {
            fn misfit(&self) -> usize {
                self.iter().map(Fit::misfit).fold(0, usize::saturating_add)
            }
        }
        impl<T: Fit> Fit for ::std::collections::BTreeMap<::std::string::String, T> {
            fn misfit(&self) -> usize {
                self.values().map(Fit::misfit).fold(0, usize::saturating_add)
            }
        }

        /// An integer page number or count as it appears in a parameter or in `meta`.
        pub(crate) trait PageNumber: ::std::marker::Sized {
            fn get(&self) -> ::std::option::Option<i64>;
            fn from_page(number: i64) -> ::std::option::Option<Self>;
        }
        impl PageNumber for i64 {
            fn get(&self) -> ::std::option::Option<i64> {
                ::std::option::Option::Some(*self)
            }
            fn from_page(number: i64) -> ::std::option::Option<Self> {
                ::std::option::Option::Some(number)
            }
        }
        impl PageNumber for i32 {
            fn get(&self) -> ::std::option::Option<i64> {
                ::std::option::Option::Some(i64::from(*self))
            }
            fn from_page(number: i64) -> ::std::option::Option<Self> {
                i32::try_from(number).ok()
            }
        }
        impl<T: PageNumber> PageNumber for ::std::option::Option<T> {
            fn get(&self) -> ::std::option::Option<i64> {
                self.as_ref().and_then(T::get)
            }
            fn from_page(number: i64) -> ::std::option::Option<Self> {
                T::from_page(number).map(::std::option::Option::Some)
            }
        }

        /// The start of a body, for messages: at most 200 characters on one line.
        pub(crate) fn snippet(body: &str) -> ::std::string::String {
            let one_line: ::std::string::String = body.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            match one_line.char_indices().nth(200) {
                ::std::option::Option::Some((end, _)) => ::std::format!("{}…", &one_line[..end]),
                ::std::option::Option::None => one_line,
            }
        }

        ::std::thread_local! {
            static LENIENT: ::std::cell::Cell<bool> = const { ::std::cell::Cell::new(false) };
        }

        /// Whether objects are being decoded in the lenient second pass of [`json`].
        pub(crate) fn is_lenient() -> bool {
            LENIENT.with(::std::cell::Cell::get)
        }

        /// A struct of the API, decoded and encoded property by property through the generic
        /// [`deserialize_object`] and [`serialize_object`]. Each struct implements this trait
        /// with one small function per direction; the loops, the unknown properties and the
        /// lenient pass live here once (large APIs have thousands of structs).
        pub(crate) trait Object: ::std::marker::Sized {
            /// What decoding expects, for error messages (`a Comment object`).
            const EXPECTING: &'static str;
            /// Where properties are collected while decoding: the struct itself when every
            /// property is optional, otherwise a struct of options.
            type Slots: ::std::default::Default;
            /// Reads the value of `key` into its slot; `Ok(false)` when `key` is not documented.
            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                slots: &mut Self::Slots,
                key: &str,
                map: &mut A,
                cx: &mut Cx,
            ) -> ::std::result::Result<bool, A::Error>;
            /// The map of undocumented properties.
            fn extra(slots: &mut Self::Slots) -> &mut ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>;
            /// The value once every property is read; fails when a required one is missing.
            fn finish<E: ::serde::de::Error>(slots: Self::Slots) -> ::std::result::Result<Self, E>;
            /// Writes the documented properties (absent optional ones skipped), then the unknown ones.
            fn write<M: ::serde::ser::SerializeMap>(&self, out: &mut Out<'_, M>);
        }

        /// The state of decoding one object: whether this is the lenient pass of [`json`], and
        /// the raw value of an optional property that did not fit its type.
        pub(crate) struct Cx {
            lenient: bool,
            misfit: ::std::option::Option<::serde_json::Value>,
        }

        /// Decodes an [`Object`] from a map. When a key appears twice, the last value wins.
        pub(crate) fn deserialize_object<'de, T: Object, D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<T, D::Error> {
            struct Visitor<T>(::std::marker::PhantomData<T>);
            impl<'de, T: Object> ::serde::de::Visitor<'de> for Visitor<T> {
                type Value = T;
                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(T::EXPECTING)
                }
                fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<T, A::Error> {
                    let mut cx = Cx { lenient: is_lenient(), misfit: ::std::option::Option::None };
                    let mut slots = T::Slots::default();
                    while let ::std::option::Option::Some(key) = map.next_key::<Key<'de>>()? {
                        if !T::read(&mut slots, key.as_str(), &mut map, &mut cx)? {
                            let value: ::serde_json::Value = map.next_value()?;
                            T::extra(&mut slots).insert(key.into_string(), value);
                        } else if let ::std::option::Option::Some(raw) = cx.misfit.take() {
                            T::extra(&mut slots).insert(key.into_string(), raw);
                        }
                    }
                    T::finish(slots)
                }
            }
            deserializer.deserialize_map(Visitor(::std::marker::PhantomData))
        }

        /// Reads an optional property: strictly, or in the lenient pass of [`json`] keeping a
        /// value that does not fit in `cx` (it then goes to the object's `extra` map).
        pub(crate) fn opt<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::de::DeserializeOwned>(
            map: &mut A,
            slot: &mut ::std::option::Option<T>,
            cx: &mut Cx,
        ) -> ::std::result::Result<bool, A::Error> {
            if !cx.lenient {
                *slot = map.next_value()?;
                return ::std::result::Result::Ok(true);
            }
            match lenient_value::<A, ::std::option::Option<T>>(map)? {
                ::std::result::Result::Ok(value) => *slot = value,
                ::std::result::Result::Err((raw, _)) => {
                    *slot = ::std::option::Option::None;
                    cx.misfit = ::std::option::Option::Some(raw);
                }
            }
            ::std::result::Result::Ok(true)
        }

        /// Reads a required property (a value that does not fit fails, in either pass). It takes
        /// the [`Cx`] it does not need, so that every `Object::read` uses its `cx` parameter.
        pub(crate) fn req<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::de::DeserializeOwned>(
            map: &mut A,
            slot: &mut ::std::option::Option<T>,
            _cx: &mut Cx,
        ) -> ::std::result::Result<bool, A::Error> {
            *slot = ::std::option::Option::Some(map.next_value()?);
            ::std::result::Result::Ok(true)
        }

        /// Encodes an [`Object`] as a map.
        pub(crate) fn serialize_object<T: Object, S: ::serde::Serializer>(
            value: &T,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            let mut map = ::serde::Serializer::serialize_map(serializer, ::std::option::Option::None)?;
            let mut out = Out { map: &mut map, error: ::std::option::Option::None };
            value.write(&mut out);
            if let ::std::option::Option::Some(e) = out.error {
                return ::std::result::Result::Err(e);
            }
            ::serde::ser::SerializeMap::end(map)
        }

        /// A map being written by [`Object::write`]: after the first error, writes are skipped
        /// and [`serialize_object`] returns it.
        pub(crate) struct Out<'a, M: ::serde::ser::SerializeMap> {
            map: &'a mut M,
            error: ::std::option::Option<M::Error>,
        }

        /// Writes a required property.
        pub(crate) fn put<M: ::serde::ser::SerializeMap, T: ::serde::Serialize + ?::std::marker::Sized>(
            out: &mut Out<'_, M>,
            name: &str,
            value: &T,
        ) {
            if out.error.is_none() {
                if let ::std::result::Result::Err(e) = out.map.serialize_entry(name, value) {
                    out.error = ::std::option::Option::Some(e);
                }
            }
        }

        /// Writes an optional property unless it is absent.
        pub(crate) fn put_opt<M: ::serde::ser::SerializeMap, T: ::serde::Serialize>(
            out: &mut Out<'_, M>,
            name: &str,
            value: &::std::option::Option<T>,
        ) {
            if let ::std::option::Option::Some(value) = value {
                put(out, name, value);
            }
        }

        /// Writes the properties the API description does not list, after the documented ones.
        pub(crate) fn put_extra<M: ::serde::ser::SerializeMap>(
            out: &mut Out<'_, M>,
            extra: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        ) {
            for (name, value) in extra {
                put(out, name, value);
            }
        }

        /// Decodes a string enum through its `From<&str>` (unknown values become `Unknown`).
        pub(crate) fn deserialize_enum<'de, T: for<'a> ::std::convert::From<&'a str>, D: ::serde::Deserializer<'de>>(
            deserializer: D,
            expecting: &'static str,
        ) -> ::std::result::Result<T, D::Error> {
            struct Visitor<T>(&'static str, ::std::marker::PhantomData<T>);
            impl<T: for<'a> ::std::convert::From<&'a str>> ::serde::de::Visitor<'_> for Visitor<T> {
                type Value = T;
                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.0)
                }
                fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<T, E> {
                    ::std::result::Result::Ok(T::from(value))
                }
            }
            deserializer.deserialize_str(Visitor(expecting, ::std::marker::PhantomData))
        }

        /// The value of a required property, or the error that names it.
        pub(crate) fn required<T, E: ::serde::de::Error>(
            slot: ::std::option::Option<T>,
            name: &'static str,
        ) -> ::std::result::Result<T, E> {
            slot.ok_or_else(|| E::missing_field(name))
        }

        /// The next value of `map` in the lenient pass: the typed value, or the raw JSON and why it
        /// does not fit. Kept out of line so that the strict path of every visitor stays small.
        #[cold]
        #[inline(never)]
        pub(crate) fn lenient_value<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::de::DeserializeOwned>(
            map: &mut A,
        ) -> ::std::result::Result<::std::result::Result<T, (::serde_json::Value, ::serde_json::Error)>, A::Error> {
            let raw: ::serde_json::Value = map.next_value()?;
            ::std::result::Result::Ok(match T::deserialize(&raw) {
                ::std::result::Result::Ok(value) => ::std::result::Result::Ok(value),
                ::std::result::Result::Err(e) => ::std::result::Result::Err((raw, e)),
            })
        }

        /// Runs `f` with lenient decoding on for this thread (decoding never awaits).
        fn leniently<R>(f: impl ::std::ops::FnOnce() -> R) -> R {
            struct Reset(bool);
            impl ::std::ops::Drop for Reset {
                fn drop(&mut self) {
                    LENIENT.with(|flag| flag.set(self.0));
                }
            }
            let _reset = Reset(LENIENT.with(|flag| flag.replace(true)));
            f()
        }

        /// Decodes a JSON success body.
        ///
        /// The body is decoded strictly first. When that fails because a value does not fit its
        /// documented type, it is decoded again from a JSON tree in lenient mode: each optional
        /// property whose value does not fit is set to `None` and its value kept in the object's
        /// `extra` map, so one odd field never discards the response. Only when that also fails
        /// (the body is not JSON, or a required property is missing or wrong), or when the client
        /// was built with [`strict_decoding`](crate::ClientBuilder::strict_decoding), is the result
        /// a [`crate::Error::Decode`] naming the type and the field.
        pub(crate) async fn json<T: ::serde::de::DeserializeOwned>(
            response: ::reqwest::Response,
            type_name: &'static str,
            strict: bool,
        ) -> ::std::result::Result<T, crate::Error> {
            let body = response.bytes().await.map_err(crate::Error::from_transport)?;
            decode(&body, type_name, strict)
        }

        /// The decoding of [`json`], on a body already read.
        pub(crate) fn decode<T: ::serde::de::DeserializeOwned>(
            body: &[u8],
            type_name: &'static str,
            strict: bool,
        ) -> ::std::result::Result<T, crate::Error> {
            // The fast path: plain serde_json. Only a failure pays for tracking the field path.
            if let ::std::result::Result::Ok(value) = ::serde_json::from_slice::<T>(body) {
                return ::std::result::Result::Ok(value);
            }
            let mut deserializer = ::serde_json::Deserializer::from_slice(body);
            let error = match ::serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                ::std::result::Result::Ok(value) => return ::std::result::Result::Ok(value),
                ::std::result::Result::Err(error) => error,
            };
            let tree = if strict {
                ::std::option::Option::None
            } else {
                ::serde_json::from_slice::<::serde_json::Value>(body).ok()
            };
            if let ::std::option::Option::Some(tree) = tree {
                if let ::std::result::Result::Ok(value) = leniently(|| T::deserialize(&tree)) {
                    ::tracing::warn!(
                        type_name,
                        path = %error.path(),
                        error = %error.inner(),
                        "response fields that do not fit the API description were kept in `extra`"
                    );
                    return ::std::result::Result::Ok(value);
                }
            }
            ::std::result::Result::Err(crate::Error::Decode(crate::DecodeError {
                type_name,
                path: error.path().to_string(),
                message: error.inner().to_string(),
                snippet: snippet(&::std::string::String::from_utf8_lossy(body)),
            }))
        }

        /// A request built by an operation's builder, ready for [`crate::Client::execute`].
        /// Operations build requests synchronously and the `send_*` functions below do the
        /// asynchronous part, so the crate has a handful of futures rather than one per operation.
        pub(crate) struct Prepared<'a> {
            pub(crate) client: &'a crate::Client,
            pub(crate) request: ::reqwest::RequestBuilder,
            /// The operationId and the path template, for traces.
            pub(crate) operation: &'static str,
            pub(crate) path: &'static str,
            pub(crate) options: RequestOptions,
        }

        impl Prepared<'_> {
            async fn execute(self) -> ::std::result::Result<::reqwest::Response, crate::Error> {
                self.client.execute(self.request, self.operation, self.path, &self.options).await
            }
        }

        // The `send_*` functions return futures whose `Send` is declared here, once, so that
        // the `send` of each operation (which returns one of them) costs the compiler nothing
        // to check; `async fn` would leave that proof to every operation.

        /// Sends a request and decodes its JSON success body (see [`json`]).
        #[allow(clippy::manual_async_fn)] // `async fn` cannot declare its future `Send`
        pub(crate) fn send_json<'a, T: ::serde::de::DeserializeOwned + ::std::marker::Send + 'a>(
            prepared: ::std::result::Result<Prepared<'a>, crate::Error>,
            type_name: &'static str,
        ) -> impl ::std::future::Future<Output = ::std::result::Result<T, crate::Error>> + ::std::marker::Send + 'a {
            async move {
                let prepared = prepared?;
                let strict = prepared.client.strict_decoding();
                let response = prepared.execute().await?;
                json(response, type_name, strict).await
            }
        }

        /// Sends a request and returns its success body as bytes.
        #[allow(clippy::manual_async_fn)] // `async fn` cannot declare its future `Send`
        pub(crate) fn send_bytes<'a>(
            prepared: ::std::result::Result<Prepared<'a>, crate::Error>,
        ) -> impl ::std::future::Future<Output = ::std::result::Result<::bytes::Bytes, crate::Error>> + ::std::marker::Send + 'a {
            async move { bytes(prepared?.execute().await?).await }
        }

        /// Sends a request whose success response has no body.
        #[allow(clippy::manual_async_fn)] // `async fn` cannot declare its future `Send`
        pub(crate) fn send_empty<'a>(
            prepared: ::std::result::Result<Prepared<'a>, crate::Error>,
        ) -> impl ::std::future::Future<Output = ::std::result::Result<(), crate::Error>> + ::std::marker::Send + 'a {
            async move {
                prepared?.execute().await?;
                ::std::result::Result::Ok(())
            }
        }

        /// Sends a request and returns its success body as a stream of chunks.
        #[allow(clippy::manual_async_fn)] // `async fn` cannot declare its future `Send`
        pub(crate) fn send_stream<'a>(
            prepared: ::std::result::Result<Prepared<'a>, crate::Error>,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                impl ::futures_core::Stream<Item = ::std::result::Result<::bytes::Bytes, crate::Error>> + ::std::marker::Send,
                crate::Error,
            >,
        > + ::std::marker::Send + 'a {
            async move {
                let response = prepared?.execute().await?;
                ::std::result::Result::Ok(::futures_util::TryStreamExt::map_err(
                    response.bytes_stream(),
                    crate::Error::from_transport,
                ))
            }
        }

        /// A list request whose pages can be walked: implemented by the request builders of
        /// paginated operations, whose `pages` and `items` methods call [`pages`] and [`items`].
        pub(crate) trait Paginated<'a>: ::std::marker::Sized + ::std::clone::Clone + ::std::marker::Send + 'a {
            /// One page of the response.
            type Page: ::serde::de::DeserializeOwned + ::std::marker::Send + 'a;
            /// One item of a page.
            type Item: ::std::marker::Send + 'a;
            /// The page's type name, for decode errors.
            const PAGE_TYPE: &'static str;
            /// The request for the current page.
            fn request(self) -> ::std::result::Result<Prepared<'a>, crate::Error>;
            /// The page number this request asks for, when set.
            fn current_page(&self) -> ::std::option::Option<i64>;
            /// This request for page `number`; `None` when the number does not fit the parameter.
            fn with_page(self, number: i64) -> ::std::option::Option<Self>;
            /// Whether the page has items, its number and the total number of pages, when it says.
            fn position(page: &Self::Page) -> (bool, ::std::option::Option<i64>, ::std::option::Option<i64>);
            /// The items of a page.
            fn into_items(page: Self::Page) -> ::std::vec::Vec<Self::Item>;
        }

        /// Every page of a listing: `request` for its page (1 when unset), then for each following
        /// page with all other parameters unchanged, until the last page (`total_pages`) or a
        /// page without items. An error ends the stream after being yielded.
        pub(crate) fn pages<'a, R: Paginated<'a>>(
            request: R,
        ) -> impl ::futures_core::Stream<Item = ::std::result::Result<R::Page, crate::Error>> + ::std::marker::Send + 'a {
            ::futures_util::stream::try_unfold(::std::option::Option::Some(request), |state: ::std::option::Option<R>| async move {
                let ::std::option::Option::Some(request) = state else {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                };
                let current = request.current_page().unwrap_or(1);
                let following = request.clone();
                let page: R::Page = send_json(request.request(), R::PAGE_TYPE).await?;
                let (has_items, number, last) = R::position(&page);
                let number = number.unwrap_or(current);
                let more = has_items && !::std::matches!(last, ::std::option::Option::Some(total) if number >= total);
                let next = if more { following.with_page(number.saturating_add(1)) } else { ::std::option::Option::None };
                ::std::result::Result::Ok(::std::option::Option::Some((page, next)))
            })
        }

        /// Every item of every page (see [`pages`]).
        pub(crate) fn items<'a, R: Paginated<'a>>(
            request: R,
        ) -> impl ::futures_core::Stream<Item = ::std::result::Result<R::Item, crate::Error>> + ::std::marker::Send + 'a {
            ::futures_util::TryStreamExt::try_flatten(::futures_util::TryStreamExt::map_ok(pages(request), |page| {
                ::futures_util::stream::iter(R::into_items(page).into_iter().map(::std::result::Result::<_, crate::Error>::Ok))
            }))
        }

        /// Decodes the body of an error response into a documented error type, as a success body
        /// is decoded by default (strictly, then leniently: a value that does not fit an optional
        /// property is kept in `extra`); `None` when it does not decode.
        pub(crate) fn error_body<T: ::serde::de::DeserializeOwned>(error: &crate::ApiError) -> ::std::option::Option<T> {
            if let ::std::result::Result::Ok(value) = ::serde_json::from_str::<T>(&error.body) {
                return ::std::option::Option::Some(value);
            }
            let tree = ::serde_json::from_str::<::serde_json::Value>(&error.body).ok()?;
            leniently(|| T::deserialize(&tree)).ok()
        }

        /// The body of a success response as bytes.
        pub(crate) async fn bytes(response: ::reqwest::Response) -> ::std::result::Result<::bytes::Bytes, crate::Error> {
            response.bytes().await.map_err(crate::Error::from_transport)
        }

        /// Accepts a string or a number (kept as its text) for fields such as error codes.
        pub(crate) fn lenient_string<'de, D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<::std::option::Option<::std::string::String>, D::Error> {
            let value: ::std::option::Option<::serde_json::Value> = ::serde::Deserialize::deserialize(deserializer)?;
            ::std::result::Result::Ok(match value {
                ::std::option::Option::None | ::std::option::Option::Some(::serde_json::Value::Null) => ::std::option::Option::None,
                ::std::option::Option::Some(::serde_json::Value::String(s)) => ::std::option::Option::Some(s),
                ::std::option::Option::Some(other) => ::std::option::Option::Some(other.to_string()),
            })
        }
    }
}
