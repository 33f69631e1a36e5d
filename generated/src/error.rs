// Client runtime, the same in every generated crate. Source: `generator/runtime/src/error.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Errors returned by the client.

/// Everything that can go wrong with a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status that is not a success.
    Api(ApiError),
    /// The request did not complete within the timeout.
    Timeout(reqwest::Error),
    /// The connection could not be made or broke.
    Connection(reqwest::Error),
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
    /// The client is misconfigured (missing API key variable, invalid base URL...).
    Config(String),
}

impl Error {
    pub(crate) fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout(error)
        } else if error.is_builder() {
            Error::Request(error.to_string())
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
    /// (see [`crate::retry`]); this tells callers whether a later attempt of their own is worthwhile.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connection(_) => true,
            Error::Api(e) => crate::retry::is_retryable_status(e.status),
            _ => false,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Api(e) => std::fmt::Display::fmt(e, f),
            Error::Timeout(e) => write!(f, "request timed out: {e}"),
            Error::Connection(e) => write!(f, "connection failed: {e}"),
            Error::Request(m) => write!(f, "invalid request: {m}"),
            Error::InvalidParameter { name, reason } => {
                write!(f, "invalid parameter `{name}`: {reason}; nothing was sent")
            }
            Error::Decode(e) => std::fmt::Display::fmt(e, f),
            Error::Config(m) => write!(f, "client configuration: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => Some(e),
            _ => None,
        }
    }
}

/// An error response of the API: its status and the `errors[]` it carried.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The decoded `errors` array (empty when the body was not in the documented shape).
    pub errors: Vec<ErrorObject>,
    /// The `x-request-id` response header, when present.
    pub request_id: Option<String>,
    /// The raw response body.
    pub body: String,
}

#[derive(serde::Deserialize)]
struct Envelope {
    errors: Vec<ErrorObject>,
}

impl ApiError {
    pub(crate) fn new(status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        let errors = serde_json::from_slice::<Envelope>(body)
            .map(|e| e.errors)
            .unwrap_or_default();
        ApiError {
            status,
            errors,
            request_id,
            body: String::from_utf8_lossy(body).into_owned(),
        }
    }

    /// The first error object, which carries the main code, title and detail.
    pub fn first(&self) -> Option<&ErrorObject> {
        self.errors.first()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reason = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        write!(f, "{} {}", self.status, reason)?;
        match self.errors.first() {
            Some(e) => {
                if let Some(title) = &e.title {
                    write!(f, ": {title}")?;
                }
                if let Some(code) = &e.code {
                    write!(f, " (code {code})")?;
                }
                if let Some(detail) = &e.detail {
                    write!(f, ": {detail}")?;
                }
                if self.errors.len() > 1 {
                    write!(f, " (and {} more)", self.errors.len() - 1)?;
                }
            }
            None if !self.body.is_empty() => {
                write!(f, ": {}", crate::runtime::snippet(&self.body))?;
            }
            None => {}
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
    /// The error code (`"10005"`); numbers are kept as their decimal text.
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

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot decode {} at `{}`: {} (body starts: {})",
            self.type_name, self.path, self.message, self.snippet
        )
    }
}
