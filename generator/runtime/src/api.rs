//! Stands in for the `api.rs` the generator writes for each API: what the runtime needs to know
//! about the API (its default base URL, the environment variables the client reads, how requests
//! authenticate, the `User-Agent` product). The values here are those of the Telnyx client.

/// The base URL used when none is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.telnyx.com/v2";

/// The environment variable [`Client::from_env`](crate::Client::from_env) reads the API key
/// from.
pub const API_KEY_ENV: &str = "TELNYX_API_KEY";

/// The environment variable [`Client::from_env`](crate::Client::from_env) reads an optional base
/// URL from.
pub const BASE_URL_ENV: &str = "TELNYX_BASE_URL";

/// How requests carry the API key.
pub(crate) const AUTH: crate::client::Auth = crate::client::Auth::Bearer;
