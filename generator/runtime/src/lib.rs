//! The client runtime: the part of every generated crate that is the same for every API.
//!
//! The generator copies `auth.rs`, `client.rs`, `error.rs`, `formats.rs`, `nullable.rs`,
//! `retry.rs` and `runtime.rs` byte for byte (`include_str!` in `generator/src/emit/`) into each crate it
//! generates, and `waiter.rs` and `webhook.rs` into those whose API has waiters or webhooks, next to
//! the code it writes for the API: `api.rs` (the few constants that differ per API, its security
//! schemes, and the constructors and credential setters they call for), `types.rs`
//! and `operations/`. This crate compiles those files on their own, so they are formatted,
//! linted and unit-tested where they are written. Its `lib.rs` (this file) and `api.rs` stand in
//! for the generated ones and are not copied; `tests.rs` holds the unit tests.
//!
//! A file of the runtime may use what a generated crate defines at its root (`crate::Error`,
//! `crate::Client`...) and in its own modules (`crate::api`, `crate::retry`, `crate::runtime`...),
//! nothing of `types` or `operations`: those differ per API.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api;
pub mod auth;
// The operations of a generated crate call `Client::request` and `Client::execute` and the
// helpers of `runtime`; here only the tests do (`runtime.rs` allows dead code itself: one API
// need not use every helper). Their dead code is checked where they are
// used: the generator's tests compile generated crates with `clippy -D warnings`.
#[allow(dead_code)]
mod client;
mod error;
pub mod formats;
mod nullable;
pub mod retry;
mod runtime;
// `webhooks` of a generated crate calls `webhook::decode`; here only the tests do.
#[cfg(feature = "webhooks")]
#[allow(dead_code)]
mod webhook;

// The `wait_until_…` methods of a generated crate call `waiter::wait`; here only the tests do.
#[allow(dead_code)]
pub mod waiter;

/// Stands in for the generated `webhooks` module (a function per webhook of the API), which the
/// runtime's docs link to.
#[cfg(feature = "webhooks")]
pub mod webhooks {}

/// Stands in for the generated `operations` module (request builders and error enums), which the
/// runtime's docs link to.
pub mod operations {}

#[cfg(test)]
mod tests;

pub use api::{API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};
pub use auth::{TokenFuture, TokenProvider};
pub use client::{Client, ClientBuilder, Response, DEFAULT_TIMEOUT, REQUEST_ID_HEADERS};
pub use error::{
    ApiError, DecodeError, Error, ErrorObject, ErrorSource, TransportError, TypedError,
};
pub use formats::{Date, DateTime, FormatError, Uuid};
pub use nullable::Nullable;
pub use retry::{Clock, TokioClock};
pub use waiter::WaitError;
#[cfg(feature = "webhooks")]
pub use webhook::{Verifier, WebhookError};
