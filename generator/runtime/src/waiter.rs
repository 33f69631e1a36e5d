// Client runtime, the same in every generated crate. Source: `generator/runtime/src/waiter.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Waiters: sending a read request again and again until what it returns reaches a final
//! state, as the API description declares with `x-waiters` (one `wait_until_…` method of
//! [`Client`](crate::Client) per waiter).
//!
//! # How a waiter decides
//!
//! After each request, the waiter's acceptors are tried in their declared order; the first that
//! matches decides:
//!
//! - a *path* acceptor matches a success response whose JSON body holds `expected` at `path`
//!   (property names from the top of the body, such as `data.status`);
//! - a *status* acceptor matches an error response with that HTTP status.
//!
//! Its state is `success` (the wait ends with the response), `failure` (the wait ends with
//! [`WaitError::Failed`] for a response, or [`WaitError::Request`] for an error status) or
//! `retry` (the request is sent again). When no acceptor matches, a success response means
//! *retry*; an error means *retry* when trying again may help
//! ([`Error::is_retryable`](crate::Error::is_retryable): timeouts, broken connections, 408, 409,
//! 429, 5xx, after the client's own retries), and otherwise ends the wait with
//! [`WaitError::Request`].
//!
//! # How long it waits
//!
//! Before the n-th new request (n = 1, 2...) the waiter sleeps a random time between the minimum
//! delay and min(minimum · 2^(n−1), maximum delay): the polls spread out as the wait goes on, and
//! many waiters started together do not poll in step. A `Retry-After` (or `Retry-After-Ms`) of
//! the last response lengthens the delay to what the server asked. The wait ends, with
//! [`WaitError::TimedOut`], when the maximum wait has passed: the delay before the last request
//! is shortened so that it is sent at the deadline, and a server that asks to wait past the
//! deadline ends the wait at once. The time counted is that of the requests and of the sleeps
//! asked of the client's [`Clock`](crate::Clock), so a test's clock that does not really sleep
//! still runs a wait to its end (in microseconds).
//!
//! # Cancelling
//!
//! The future a waiter's `send` returns owns everything it uses and holds nothing between
//! requests: dropping it (a `tokio::time::timeout`, a `select!`) cancels the wait with nothing
//! left behind. The requests are reads (`GET`), so stopping between two of them is harmless.

use std::fmt;
use std::time::{Duration, Instant};

use crate::runtime::Prepared;

/// What a waiter does when an acceptor matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// The wait is over: return the response.
    Success,
    /// The wait is over: the resource will never reach the state waited for.
    Failure,
    /// Send the request again.
    Retry,
}

/// What an acceptor looks at.
#[derive(Debug)]
pub(crate) enum Matcher {
    /// A success response whose JSON body holds `expected` (JSON text) at `path`.
    Path {
        /// Property names, from the top of the body.
        path: &'static [&'static str],
        /// The value, as JSON text (`"\"success\""`, `true`, `3`).
        expected: &'static str,
    },
    /// An error response with this HTTP status.
    // An API whose waiters all match paths never builds one.
    #[allow(dead_code)]
    Status(u16),
}

/// A state and what must match to enter it.
#[derive(Debug)]
pub(crate) struct Acceptor {
    pub(crate) state: State,
    pub(crate) matcher: Matcher,
}

/// The delays of one wait: the waiter's defaults, which its builder's setters change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WaitOptions {
    pub(crate) min_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_wait: Duration,
}

/// Why a wait ended without reaching the success state.
///
/// `T` is the body of the waited operation's success response.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<T> {
    /// A response reached a failure state: what was waited for will not happen (an order that
    /// failed). The response that said so is here.
    Failed {
        /// The waiter (its method's name).
        waiter: &'static str,
        /// What matched, such as `` `data.status` is "failure" ``.
        matched: String,
        /// The response.
        response: Box<crate::Response<T>>,
    },
    /// The maximum wait passed before a success or failure state.
    TimedOut {
        /// The waiter (its method's name).
        waiter: &'static str,
        /// How many requests were sent.
        attempts: u32,
        /// The time the wait took (requests and sleeps).
        waited: Duration,
        /// The last outcome: a response still in a `retry` state, or an error worth retrying.
        last: Box<Result<crate::Response<T>, crate::Error>>,
    },
    /// A request failed in a way that waiting longer does not mend (a 404, a 401, a body that
    /// does not decode), or with an error status a `failure` acceptor names.
    Request {
        /// The waiter (its method's name).
        waiter: &'static str,
        /// The error of the last request.
        error: crate::Error,
    },
}

impl<T> WaitError<T> {
    /// The response that reached a failure state, for [`WaitError::Failed`].
    pub fn failed_response(&self) -> Option<&crate::Response<T>> {
        match self {
            WaitError::Failed { response, .. } => Some(response),
            _ => None,
        }
    }

    /// Whether the maximum wait passed.
    pub fn is_timed_out(&self) -> bool {
        matches!(self, WaitError::TimedOut { .. })
    }

    /// The error of the request that ended the wait, for [`WaitError::Request`], or of the last
    /// request of a wait that timed out on an error.
    pub fn error(&self) -> Option<&crate::Error> {
        match self {
            WaitError::Request { error, .. } => Some(error),
            WaitError::TimedOut { last, .. } => last.as_ref().as_ref().err(),
            WaitError::Failed { .. } => None,
        }
    }
}

impl<T> fmt::Display for WaitError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed {
                waiter, matched, ..
            } => write!(f, "{waiter}: reached a failure state: {matched}"),
            WaitError::TimedOut {
                waiter,
                attempts,
                waited,
                last,
            } => {
                write!(
                    f,
                    "{waiter}: no final state after {attempts} request(s) in {:.1} s; last ",
                    waited.as_secs_f64()
                )?;
                match last.as_ref() {
                    Ok(response) => write!(f, "response: status {}", response.status()),
                    Err(error) => write!(f, "error: {error}"),
                }
            }
            WaitError::Request { waiter, error } => write!(f, "{waiter}: {error}"),
        }
    }
}

impl<T: fmt::Debug> std::error::Error for WaitError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Request { error, .. } => Some(error),
            WaitError::TimedOut { last, .. } => match last.as_ref() {
                Err(error) => Some(error),
                Ok(_) => None,
            },
            WaitError::Failed { .. } => None,
        }
    }
}

/// The value at `path` in `body`, if there is one.
fn at<'v>(body: &'v serde_json::Value, path: &[&str]) -> Option<&'v serde_json::Value> {
    path.iter().try_fold(body, |value, key| value.get(key))
}

/// What a matched acceptor looked at, for errors: `` `data.status` is "failure" `` or
/// `status 404`.
fn describe(matcher: &Matcher) -> String {
    match matcher {
        Matcher::Path { path, expected } => format!("`{}` is {expected}", path.join(".")),
        Matcher::Status(status) => format!("status {status}"),
    }
}

/// The first acceptor that matches the outcome of a request (`body` is the parsed JSON of a
/// success response, when it parses).
pub(crate) fn decide<'a>(
    acceptors: &'a [Acceptor],
    body: Option<&serde_json::Value>,
    error_status: Option<u16>,
) -> Option<&'a Acceptor> {
    acceptors.iter().find(|acceptor| match &acceptor.matcher {
        Matcher::Path { path, expected } => {
            let expected = serde_json::from_str::<serde_json::Value>(expected).ok();
            match (body.and_then(|body| at(body, path)), expected) {
                (Some(value), Some(expected)) => *value == expected,
                _ => false,
            }
        }
        Matcher::Status(status) => error_status == Some(*status),
    })
}

/// The sleep before the `retry`-th new request (1 for the first): random between `min_delay`
/// and min(`min_delay` · 2^(retry−1), `max_delay`).
pub(crate) fn delay(options: &WaitOptions, retry: u32) -> Duration {
    let ceiling = options
        .min_delay
        .saturating_mul(1u32 << retry.saturating_sub(1).min(30))
        .min(options.max_delay)
        .max(options.min_delay);
    let spread = ceiling - options.min_delay;
    options.min_delay + spread.mul_f64(fastrand::f64())
}

/// Sends the request `prepare` builds until an acceptor (or the default rule) ends the wait;
/// see the [module docs](self).
#[allow(clippy::manual_async_fn)]
pub(crate) fn wait<T, F>(
    waiter: &'static str,
    acceptors: &'static [Acceptor],
    options: WaitOptions,
    type_name: &'static str,
    mut prepare: F,
) -> impl std::future::Future<Output = Result<crate::Response<T>, WaitError<T>>> + Send + 'static
where
    T: serde::de::DeserializeOwned + Send + 'static,
    F: FnMut() -> Result<Prepared, crate::Error> + Send + 'static,
{
    async move {
        let request_error = |error| WaitError::Request { waiter, error };
        let mut spent = Duration::ZERO;
        let mut attempts: u32 = 0;
        loop {
            let prepared = prepare().map_err(request_error)?;
            let client = prepared.client.clone();
            let started = Instant::now();
            let outcome = prepared.response().await;
            spent += started.elapsed();
            attempts += 1;
            let (state, matched, outcome, asked) = match outcome {
                Ok(response) => {
                    let body = serde_json::from_slice::<serde_json::Value>(response.value()).ok();
                    let accepted = decide(acceptors, body.as_ref(), None);
                    let asked = crate::retry::retry_after(response.headers(), client.clock().now());
                    let value = crate::runtime::decode::<T>(
                        response.value(),
                        type_name,
                        client.strict_decoding(),
                    )
                    .map_err(request_error)?;
                    let response = response.map(|_| value);
                    match accepted {
                        Some(acceptor) => (
                            acceptor.state,
                            describe(&acceptor.matcher),
                            Ok(response),
                            asked,
                        ),
                        None => (State::Retry, String::new(), Ok(response), asked),
                    }
                }
                Err(error) => {
                    let accepted = decide(acceptors, None, error.status());
                    let asked = error.retry_after();
                    match accepted {
                        Some(acceptor) => (
                            acceptor.state,
                            describe(&acceptor.matcher),
                            Err(error),
                            asked,
                        ),
                        None if error.is_retryable() => {
                            (State::Retry, String::new(), Err(error), asked)
                        }
                        None => return Err(request_error(error)),
                    }
                }
            };
            tracing::debug!(waiter, attempts, state = ?state, "waiter polled");
            match (state, outcome) {
                (State::Success, Ok(response)) => return Ok(response),
                (State::Failure, Ok(response)) => {
                    return Err(WaitError::Failed {
                        waiter,
                        matched,
                        response: Box::new(response),
                    })
                }
                // Lowering accepts `success` only for path acceptors, which match responses.
                (State::Success | State::Failure, Err(error)) => return Err(request_error(error)),
                (State::Retry, last) => {
                    let remaining = options.max_wait.saturating_sub(spent);
                    let timed_out = || WaitError::TimedOut {
                        waiter,
                        attempts,
                        waited: spent,
                        last: Box::new(last),
                    };
                    if remaining.is_zero() || asked.is_some_and(|asked| asked > remaining) {
                        return Err(timed_out());
                    }
                    let sleep = delay(&options, attempts)
                        .max(asked.unwrap_or(Duration::ZERO))
                        .min(remaining);
                    client.clock().sleep(sleep).await;
                    spent += sleep;
                }
            }
        }
    }
}
