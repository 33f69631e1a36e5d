// Client runtime, the same in every generated crate. Source: `generator/runtime/src/error.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Errors returned by the client.

use std::fmt;
use std::time::Duration;

/// Everything that can go wrong with a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status that is not a success.
    Api(ApiError),
    /// An attempt did not complete within its timeout, or the call within its total timeout.
    Timeout(TransportError),
    /// The connection could not be made, or broke before the response was complete.
    Connection(TransportError),
    /// The request could not be built (for example an invalid URL).
    Request(String),
    /// A parameter the request cannot carry as given; nothing was sent.
    InvalidParameter {
        /// The parameter's name in the API description.
        name: &'static str,
        /// What is wrong with its value.
        reason: &'static str,
    },
    /// A success response whose body does not match the documented type.
    Decode(DecodeError),
    /// The client is misconfigured (a credential that cannot be sent, an invalid base URL...).
    Config(String),
    /// The operation needs credentials the client was not given, or an access token could not
    /// be obtained: the message says which (never a secret). Nothing was sent. A
    /// [`TokenProvider`](crate::TokenProvider) returns it to say why it has no token.
    Credentials(String),
}

impl Error {
    /// The error of a request that failed on the way. `status` is that of a response whose
    /// body broke off; `maybe_processed` says that the request may have reached the server and
    /// is not sent again because its method is not idempotent.
    pub(crate) fn transport(
        source: reqwest::Error,
        status: Option<u16>,
        maybe_processed: bool,
    ) -> Self {
        if source.is_builder() {
            return Error::Request(source.to_string());
        }
        let timeout = source.is_timeout();
        let error = TransportError {
            source,
            status,
            maybe_processed,
        };
        if timeout {
            Error::Timeout(error)
        } else {
            Error::Connection(error)
        }
    }

    /// The HTTP status, for API errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the API answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Whether the API answered 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(429)
    }

    /// How long the server asked to wait before trying again (`Retry-After-Ms` or
    /// `Retry-After`), for API errors that said so. The client waits itself up to
    /// [`MAX_RETRY_AFTER`](crate::retry::MAX_RETRY_AFTER); a longer wait is left to the caller,
    /// and the error is returned at once with the delay here.
    pub fn retry_after(&self) -> Option<Duration> {
        self.as_api().and_then(|e| e.retry_after)
    }

    /// The API error decoded into the typed error responses `E` of an operation (such
    /// as an `…Error` enum of [`crate::operations`]): `None` when this is not an API
    /// error, the operation does not document its status, or the body does not decode.
    pub fn typed<E: TypedError>(&self) -> Option<E> {
        self.as_api().and_then(E::from_api)
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// Whether trying again later may succeed: timeouts, connection failures and the
    /// statuses 408, 409, 429 and 5xx. The client has already retried what was safe to retry
    /// (see [`crate::retry`]); this tells callers whether a later attempt of their own is
    /// worthwhile.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connection(_) => true,
            Error::Api(e) => crate::retry::is_retryable_status(e.status),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) => write!(f, "request timed out: {e}"),
            Error::Connection(e) => write!(f, "connection failed: {e}"),
            Error::Request(m) => write!(f, "invalid request: {m}"),
            Error::InvalidParameter { name, reason } => {
                write!(f, "invalid parameter `{name}`: {reason}; nothing was sent")
            }
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::Config(m) => write!(f, "client configuration: {m}"),
            Error::Credentials(m) => write!(f, "credentials: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => Some(&e.source),
            _ => None,
        }
    }
}

/// A request that failed on the way: the error of the HTTP client, the status of a response
/// whose body broke off, and whether the server may have processed the request.
#[derive(Debug)]
pub struct TransportError {
    source: reqwest::Error,
    status: Option<u16>,
    maybe_processed: bool,
}

impl TransportError {
    /// The error of the HTTP client.
    pub fn source(&self) -> &reqwest::Error {
        &self.source
    }

    /// The status of the response, when its headers arrived and then its body broke off.
    pub fn body_broke_off(&self) -> Option<u16> {
        self.status
    }

    /// Whether the request may have reached the server, which may have acted on it: such a
    /// POST or PATCH is not sent again, so as not to do it twice.
    pub fn may_have_been_processed(&self) -> bool {
        self.maybe_processed
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            // reqwest calls every failure while reading a body "error decoding response body";
            // the innermost cause says what happened ("end of file before message length
            // reached").
            Some(status) => {
                let mut cause: &dyn std::error::Error = &self.source;
                while let Some(inner) = cause.source() {
                    cause = inner;
                }
                write!(
                    f,
                    "the response body broke off after status {status} arrived: {cause}"
                )?;
            }
            None => write!(f, "{}", self.source)?,
        }
        if self.maybe_processed {
            f.write_str(
                "; the server may have processed the request, so it was not sent again \
                 (POST and PATCH are not retried once they may have arrived)",
            )?;
        }
        Ok(())
    }
}

/// An error response of the API: its status, what its body says went wrong, and the body.
///
/// Each operation's documented error responses decode into their own types with
/// [`Error::typed`]; this type reads any body the way most APIs write one, for messages: a
/// JSON:API `errors` array, an RFC 7807 problem (`title`, `detail`), or a `message`, an
/// `error` (a text, or an object with a `message`) with its `error_description`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The body's `errors` array of error objects (JSON:API), when it has one.
    pub errors: Vec<ErrorObject>,
    /// What the body says went wrong, when it says it in one of the usual ways (see the
    /// type's docs) other than an `errors` array.
    pub message: Option<String>,
    /// The id the API gave the request (the first of [`REQUEST_ID_HEADERS`]), when present.
    ///
    /// [`REQUEST_ID_HEADERS`]: crate::REQUEST_ID_HEADERS
    pub request_id: Option<String>,
    /// How long the server asked to wait before trying again (`Retry-After-Ms` or
    /// `Retry-After`), as it asked.
    pub retry_after: Option<Duration>,
    /// The raw response body.
    pub body: String,
}

#[derive(serde::Deserialize)]
struct Envelope {
    errors: Vec<ErrorObject>,
}

impl ApiError {
    pub(crate) fn new(
        status: u16,
        request_id: Option<String>,
        retry_after: Option<Duration>,
        body: &[u8],
    ) -> Self {
        let errors = serde_json::from_slice::<Envelope>(body)
            .map(|e| e.errors)
            .unwrap_or_default();
        let message = if errors.is_empty() {
            serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|value| message_of(&value))
        } else {
            None
        };
        ApiError {
            status,
            errors,
            message,
            request_id,
            retry_after,
            body: String::from_utf8_lossy(body).into_owned(),
        }
    }

    /// The first error object, which carries the main code, title and detail.
    pub fn first(&self) -> Option<&ErrorObject> {
        self.errors.first()
    }
}

/// What an error body says went wrong, read the usual ways: an RFC 7807 problem (`title`, then
/// `detail`), a `message` (or `error_message`, `errorMessage`, `msg`), an `error` that is a
/// text (with its `error_description`, as OAuth writes them) or an object with a `message`,
/// a `detail` or a `description`.
fn message_of(value: &serde_json::Value) -> Option<String> {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    if let Some(title) = text("title") {
        return Some(match text("detail") {
            Some(detail) => format!("{title}: {detail}"),
            None => title.to_owned(),
        });
    }
    for key in ["message", "error_message", "errorMessage", "msg"] {
        if let Some(message) = text(key) {
            return Some(message.to_owned());
        }
    }
    match value.get("error") {
        Some(serde_json::Value::String(error)) if !error.trim().is_empty() => {
            return Some(match text("error_description") {
                Some(description) => format!("{}: {description}", error.trim()),
                None => error.trim().to_owned(),
            });
        }
        Some(inner @ serde_json::Value::Object(_)) => {
            if let Some(message) = message_of(inner) {
                return Some(message);
            }
        }
        _ => {}
    }
    text("detail")
        .or_else(|| text("description"))
        .map(str::to_owned)
}

impl fmt::Display for ApiError {
    /// `404 Not Found: title (code …): detail [request id …]` for a JSON:API `errors` array,
    /// `404 Not Found: message [request id …]` otherwise, on one line
    /// with no space at either end.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            write!(f, " {reason}")?;
        }
        let text = |text: &str| crate::runtime::snippet(text);
        match self.errors.first() {
            Some(e) => {
                if let Some(title) = e.title.as_deref().filter(|t| !t.trim().is_empty()) {
                    write!(f, ": {}", text(title))?;
                }
                if let Some(code) = e.code.as_deref().filter(|c| !c.trim().is_empty()) {
                    write!(f, " (code {})", text(code))?;
                }
                if let Some(detail) = e.detail.as_deref().filter(|d| !d.trim().is_empty()) {
                    write!(f, ": {}", text(detail))?;
                }
                if self.errors.len() > 1 {
                    write!(f, " (and {} more)", self.errors.len() - 1)?;
                }
            }
            None => match &self.message {
                Some(message) => write!(f, ": {}", text(message))?,
                None if !self.body.trim().is_empty() => write!(f, ": {}", text(&self.body))?,
                None => {}
            },
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// The documented error responses of an operation, decoded from an [`ApiError`]:
/// implemented by the `…Error` enums of [`crate::operations`], and used by
/// [`Error::typed`].
pub trait TypedError: Sized {
    /// The variant of the response documented for the error's status (its exact code,
    /// else its range such as `4XX`, else `default`) with the body decoded; `None` when
    /// the status is not documented or the body does not decode (the raw body stays in
    /// [`ApiError::body`]).
    fn from_api(error: &ApiError) -> Option<Self>;
}

/// One entry of an error response's `errors` array.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorObject {
    /// The error code; numbers are kept as their decimal text.
    #[serde(default, deserialize_with = "crate::runtime::lenient_string")]
    pub code: Option<String>,
    /// A short summary.
    #[serde(default)]
    pub title: Option<String>,
    /// What went wrong in this request.
    #[serde(default)]
    pub detail: Option<String>,
    /// Which part of the request caused it.
    #[serde(default)]
    pub source: Option<ErrorSource>,
    /// Extra data, such as a documentation `url`.
    #[serde(default)]
    pub meta: Option<serde_json::Value>,
}

/// Where in the request an error was found.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorSource {
    /// JSON pointer into the request body.
    #[serde(default)]
    pub pointer: Option<String>,
    /// The query or path parameter.
    #[serde(default)]
    pub parameter: Option<String>,
}

/// A response body that did not match the documented type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The type being decoded.
    pub type_name: &'static str,
    /// The path of the field that failed (`data.phone_numbers[0].status`).
    pub path: String,
    /// What was wrong.
    pub message: String,
    /// The start of the body.
    pub snippet: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode {} at `{}`: {} (body starts: {})",
            self.type_name, self.path, self.message, self.snippet
        )
    }
}
