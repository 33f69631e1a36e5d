//! `src/retry.rs` of the generated crate: the retry policy, the backoff and the clock.
//!
//! Static code: the policy is the same for every API (connection errors, timeouts, 408, 409,
//! 429 and 5xx are retried; requests that are not idempotent only when they cannot have been
//! processed), so it lives here rather than in a template.

use proc_macro2::TokenStream;
use quote::quote;

/// Retries of a failed request when the client does not set them (Stainless's default).
pub const DEFAULT_MAX_RETRIES: u32 = 2;

pub fn retry() -> TokenStream {
    let default_max_retries = proc_macro2::Literal::u32_unsuffixed(DEFAULT_MAX_RETRIES);
    quote! {
        use ::std::future::Future;
        use ::std::pin::Pin;
        use ::std::time::{Duration, SystemTime};

        /// How many times a failed request is retried when neither the client nor the request sets it.
        pub const DEFAULT_MAX_RETRIES: u32 = #default_max_retries;
        /// The first backoff delay; it doubles on each retry.
        pub const INITIAL_RETRY_DELAY: Duration = Duration::from_millis(500);
        /// The longest computed backoff delay.
        pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(8);
        /// The longest wait a `Retry-After` or `Retry-After-Ms` header can ask for; longer waits are cut to this.
        pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
        /// The request header that tells the server which attempt this is (`0` for the first).
        pub const RETRY_COUNT_HEADER: &str = "x-retry-count";

        /// Time as the client sees it: the current time (to read `Retry-After` dates) and sleeping
        /// between attempts.
        ///
        /// The default, [`TokioClock`], uses the system clock and `tokio::time::sleep`. Tests inject
        /// their own with [`ClientBuilder::clock`](crate::ClientBuilder::clock) to run retries without
        /// waiting and to see the delays chosen.
        pub trait Clock: ::std::fmt::Debug + ::std::marker::Send + ::std::marker::Sync + 'static {
            /// The current time.
            fn now(&self) -> SystemTime;
            /// A future that completes after `duration`.
            fn sleep(&self, duration: Duration) -> Pin<::std::boxed::Box<dyn Future<Output = ()> + ::std::marker::Send>>;
        }

        /// The system clock, sleeping with `tokio::time::sleep`.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::default::Default)]
        pub struct TokioClock;

        impl Clock for TokioClock {
            fn now(&self) -> SystemTime {
                SystemTime::now()
            }
            fn sleep(&self, duration: Duration) -> Pin<::std::boxed::Box<dyn Future<Output = ()> + ::std::marker::Send>> {
                ::std::boxed::Box::pin(::tokio::time::sleep(duration))
            }
        }

        /// Whether a request with this method can be sent twice with the effect of once
        /// (RFC 9110: GET, HEAD, OPTIONS, TRACE, PUT, DELETE). POST and PATCH are not.
        pub(crate) fn is_idempotent(method: &::reqwest::Method) -> bool {
            ::std::matches!(
                *method,
                ::reqwest::Method::GET
                    | ::reqwest::Method::HEAD
                    | ::reqwest::Method::OPTIONS
                    | ::reqwest::Method::TRACE
                    | ::reqwest::Method::PUT
                    | ::reqwest::Method::DELETE
            )
        }

        /// Whether a status is worth another attempt: 408, 409, 429 and every 5xx.
        pub(crate) fn is_retryable_status(status: u16) -> bool {
            ::std::matches!(status, 408 | 409 | 429) || status >= 500
        }

        /// Why an attempt failed, for the policy.
        pub(crate) enum Failure<'a> {
            /// No connection was made: the server cannot have seen the request.
            NotConnected,
            /// The request timed out or the connection broke: the server may have processed it.
            MaybeProcessed,
            /// The server answered with this status and headers.
            Status(u16, &'a ::reqwest::header::HeaderMap),
        }

        /// Whether to try again after `failure`.
        ///
        /// - `x-should-retry: true` or `false` from the server decides on its own.
        /// - A failure before the connection was made is always retried.
        /// - Idempotent requests are also retried after a timeout or a broken connection and on
        ///   408, 409, 429 and 5xx.
        /// - Other requests (POST, PATCH), which may have taken effect, only on 429: the server
        ///   refused them without processing them.
        pub(crate) fn should_retry(method: &::reqwest::Method, failure: &Failure<'_>) -> bool {
            match failure {
                Failure::NotConnected => true,
                Failure::MaybeProcessed => is_idempotent(method),
                Failure::Status(status, headers) => {
                    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
                        ::std::option::Option::Some("true") => return true,
                        ::std::option::Option::Some("false") => return false,
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
        /// seconds or as an HTTP date; at most [`MAX_RETRY_AFTER`]. `None` when absent or unreadable.
        pub(crate) fn retry_after(headers: &::reqwest::header::HeaderMap, now: SystemTime) -> ::std::option::Option<Duration> {
            let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
            let seconds = |text: &str| text.parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0);
            let wait = if let ::std::option::Option::Some(ms) = header("retry-after-ms").and_then(seconds) {
                Duration::from_secs_f64((ms / 1000.0).min(MAX_RETRY_AFTER.as_secs_f64()))
            } else {
                let text = header("retry-after")?;
                match seconds(text) {
                    ::std::option::Option::Some(s) => Duration::from_secs_f64(s.min(MAX_RETRY_AFTER.as_secs_f64())),
                    ::std::option::Option::None => {
                        let at = ::httpdate::parse_http_date(text).ok()?;
                        at.duration_since(now).unwrap_or(Duration::ZERO)
                    }
                }
            };
            ::std::option::Option::Some(wait.min(MAX_RETRY_AFTER))
        }

        /// The backoff before retry number `retry` (0 for the first retry): 0.5 s · 2^retry, at
        /// most 8 s, shortened by a random jitter of up to 25 %.
        pub(crate) fn backoff(retry: u32) -> Duration {
            let base = INITIAL_RETRY_DELAY.saturating_mul(1u32 << retry.min(16)).min(MAX_RETRY_DELAY);
            base.mul_f64(1.0 - ::fastrand::f64() * 0.25)
        }
    }
}
