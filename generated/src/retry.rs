// Client runtime, the same in every generated crate. Source: `generator/runtime/src/retry.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Retries: which failed requests are sent again, and when.
//!
//! A request is retried at most [`DEFAULT_MAX_RETRIES`] times (2) unless
//! [`ClientBuilder::max_retries`](crate::ClientBuilder::max_retries) or a request builder's
//! `max_retries` says otherwise. Each attempt carries an `x-retry-count` header: `0`, then `1`, `2`...
//!
//! # What is retried
//!
//! - A failure to connect (connection refused, DNS, TLS handshake): the server never saw the
//!   request, so every request is retried, POST included.
//! - A timeout or a connection that broke after the request was sent, and the statuses 408, 409,
//!   429 and 5xx: retried only for idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE).
//! - POST and PATCH requests may already have taken effect: ordering numbers twice costs money.
//!   After a timeout, a broken connection or a 5xx they are **not** sent again and the error is
//!   returned. They are retried on 429 (the server refused them without processing them).
//! - A response header `x-should-retry: true` or `false` overrides all of the above.
//!
//! # How long to wait
//!
//! The server's `Retry-After-Ms` (milliseconds) or `Retry-After` (seconds, or an HTTP date) is
//! honoured when it asks for at most [`MAX_RETRY_AFTER`] (60 s). A server that asks for longer
//! is not waited for: the error is returned at once, and
//! [`Error::retry_after`](crate::Error::retry_after) says how long it asked for. Otherwise the
//! wait is 0.5 s · 2^n (n = 0 for the first retry), at most 8 s, shortened by a random jitter of
//! up to 25 %. Waiting goes through the client's [`Clock`], which tests can replace.
//!
//! # How long a call may take
//!
//! Each attempt has its own timeout ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout),
//! or a request builder's `request_timeout`), which covers reading the whole response body. A
//! total timeout for the call, all attempts and waits included, is optional
//! ([`ClientBuilder::total_timeout`](crate::ClientBuilder::total_timeout), or a request builder's
//! `total_timeout`): an attempt never runs past it, and a retry whose wait would end after it is
//! not made; the last error is returned instead.
//!
//! A success response's body is read inside its attempt, so a body that breaks off is retried
//! like a connection that broke (for idempotent methods). `send_stream` returns as soon as the
//! headers arrive: retries end there.
//!
//! [`Error::is_retryable`](crate::Error::is_retryable) tells whether a final error may succeed later.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

/// How many times a failed request is retried when neither the client nor the request sets it.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The first backoff delay; it doubles on each retry.
pub const INITIAL_RETRY_DELAY: Duration = Duration::from_millis(500);

/// The longest computed backoff delay.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(8);

/// The longest wait a `Retry-After` or `Retry-After-Ms` header can ask for and be waited for;
/// after a longer one the error is returned at once (see [`Error::retry_after`](crate::Error::retry_after)).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The request header that tells the server which attempt this is (`0` for the first).
pub const RETRY_COUNT_HEADER: &str = "x-retry-count";

/// Time as the client sees it: the current time (to read `Retry-After` dates) and sleeping
/// between attempts.
///
/// The default, [`TokioClock`], uses the system clock and `tokio::time::sleep`. Tests inject
/// their own with [`ClientBuilder::clock`](crate::ClientBuilder::clock) to run retries without
/// waiting and to see the delays chosen.
pub trait Clock: std::fmt::Debug + Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;

    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// The system clock, sleeping with `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Whether a request with this method can be sent twice with the effect of once
/// (RFC 9110: GET, HEAD, OPTIONS, TRACE, PUT, DELETE). POST and PATCH are not.
pub(crate) fn is_idempotent(method: &reqwest::Method) -> bool {
    matches!(
        *method,
        reqwest::Method::GET
            | reqwest::Method::HEAD
            | reqwest::Method::OPTIONS
            | reqwest::Method::TRACE
            | reqwest::Method::PUT
            | reqwest::Method::DELETE
    )
}

/// Whether a status is worth another attempt: 408, 409, 429 and every 5xx.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// Why an attempt failed, for the policy.
pub(crate) enum Failure<'a> {
    /// No connection was made: the server cannot have seen the request.
    NotConnected,
    /// The request timed out or the connection broke: the server may have processed it.
    MaybeProcessed,
    /// The server answered with this status and headers.
    Status(u16, &'a reqwest::header::HeaderMap),
}

/// Whether to try again after `failure`.
///
/// - `x-should-retry: true` or `false` from the server decides on its own.
/// - A failure before the connection was made is always retried.
/// - Idempotent requests are also retried after a timeout or a broken connection and on
///   408, 409, 429 and 5xx.
/// - Other requests (POST, PATCH), which may have taken effect, only on 429: the server
///   refused them without processing them.
pub(crate) fn should_retry(method: &reqwest::Method, failure: &Failure<'_>) -> bool {
    match failure {
        Failure::NotConnected => true,
        Failure::MaybeProcessed => is_idempotent(method),
        Failure::Status(status, headers) => {
            match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
                Some("true") => return true,
                Some("false") => return false,
                _ => {}
            }
            if is_idempotent(method) {
                is_retryable_status(*status)
            } else {
                *status == 429
            }
        }
    }
}

/// The wait the server asked for: `Retry-After-Ms` (milliseconds), else `Retry-After` in
/// seconds or as an HTTP date, as asked (not capped; a wait too long for a [`Duration`] is
/// [`Duration::MAX`]). `None` when absent or unreadable.
pub(crate) fn retry_after(
    headers: &reqwest::header::HeaderMap,
    now: SystemTime,
) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let wait = |text: &str, per_second: f64| {
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| Duration::try_from_secs_f64(n / per_second).unwrap_or(Duration::MAX))
    };
    if let Some(wait) = header("retry-after-ms").and_then(|text| wait(text, 1000.0)) {
        return Some(wait);
    }
    let text = header("retry-after")?;
    wait(text, 1.0).or_else(|| {
        let at = httpdate::parse_http_date(text).ok()?;
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    })
}

/// The backoff before retry number `retry` (0 for the first retry): 0.5 s · 2^retry, at
/// most 8 s, shortened by a random jitter of up to 25 %.
pub(crate) fn backoff(retry: u32) -> Duration {
    let base = INITIAL_RETRY_DELAY
        .saturating_mul(1u32 << retry.min(16))
        .min(MAX_RETRY_DELAY);
    base.mul_f64(1.0 - fastrand::f64() * 0.25)
}
