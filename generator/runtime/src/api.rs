//! Stands in for the `api.rs` the generator writes for each API: what the runtime needs to know
//! about the API (its default base URL, the environment variables the client reads, its security
//! schemes) and the constructors and credential setters that depend on them. The values here are
//! those of the Telnyx client (one `http` `bearer` scheme), and the constructors are written as
//! the generator writes them for such an API; the other schemes are there for the runtime's
//! tests of every kind of scheme, with setters of their own.

use crate::auth::{Credential, KeyLocation, Scheme, SchemeKind};

/// The base URL used when none is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.telnyx.com/v2";

/// The environment variable [`Client::from_env`](crate::Client::from_env) reads an optional base
/// URL from.
pub const BASE_URL_ENV: &str = "TELNYX_BASE_URL";

/// The environment variable [`Client::from_env`](crate::Client::from_env) reads the API key
/// from.
pub const API_KEY_ENV: &str = "TELNYX_API_KEY";

/// The API's security schemes.
pub(crate) const SCHEMES: &[Scheme] = &[
    Scheme {
        name: "bearerAuth",
        setter: "bearer_auth",
        kind: SchemeKind::Http { scheme: "bearer" },
    },
    Scheme {
        name: "headerKey",
        setter: "header_key",
        kind: SchemeKind::ApiKey {
            location: KeyLocation::Header,
            name: "X-API-Key",
        },
    },
    Scheme {
        name: "queryKey",
        setter: "query_key",
        kind: SchemeKind::ApiKey {
            location: KeyLocation::Query,
            name: "api_key",
        },
    },
    Scheme {
        name: "cookieKey",
        setter: "cookie_key",
        kind: SchemeKind::ApiKey {
            location: KeyLocation::Cookie,
            name: "session",
        },
    },
    Scheme {
        name: "basicAuth",
        setter: "basic_auth",
        kind: SchemeKind::Http { scheme: "basic" },
    },
    Scheme {
        name: "hoba",
        setter: "hoba",
        kind: SchemeKind::Http { scheme: "HOBA" },
    },
    Scheme {
        name: "oauth",
        setter: "oauth",
        kind: SchemeKind::OAuth2 {
            token_url: Some("/oauth/token"),
        },
    },
    Scheme {
        name: "openId",
        setter: "open_id",
        kind: SchemeKind::OpenIdConnect,
    },
];

impl crate::Client {
    /// Creates a client that authenticates with `api_key` (the bearer token of the security
    /// scheme `bearerAuth`), with the default base URL and timeout.
    ///
    /// Fails only when the key cannot be sent in a header or the HTTP client cannot be set up.
    pub fn new(api_key: impl Into<String>) -> Result<Self, crate::Error> {
        Self::builder().api_key(api_key).build()
    }

    /// Creates a client from the environment: the API key from [`API_KEY_ENV`] and, when set,
    /// the base URL from [`BASE_URL_ENV`].
    pub fn from_env() -> Result<Self, crate::Error> {
        let mut builder = Self::builder();
        if let Ok(value) = std::env::var(API_KEY_ENV) {
            builder = builder.bearer_auth(value);
        }
        if let Ok(url) = std::env::var(BASE_URL_ENV) {
            builder = builder.base_url(url);
        }
        if !builder.has_credentials() {
            return Err(crate::Error::Config(format!(
                "no credential in the environment: set {API_KEY_ENV}"
            )));
        }
        builder.build()
    }
}

impl crate::ClientBuilder {
    /// The API key: the bearer token of the security scheme `bearerAuth`
    /// ([`ClientBuilder::bearer_auth`](crate::ClientBuilder::bearer_auth)).
    pub fn api_key(self, key: impl Into<String>) -> Self {
        self.bearer_auth(key)
    }

    /// The security scheme `bearerAuth`: `Authorization: Bearer <token>`.
    pub fn bearer_auth(self, token: impl Into<String>) -> Self {
        self.credential(0, Credential::Secret(token.into()))
    }

    /// The security scheme `headerKey`: the key in the `X-API-Key` header.
    pub fn header_key(self, key: impl Into<String>) -> Self {
        self.credential(1, Credential::Secret(key.into()))
    }

    /// The security scheme `queryKey`: the key in the `api_key` query parameter.
    pub fn query_key(self, key: impl Into<String>) -> Self {
        self.credential(2, Credential::Secret(key.into()))
    }

    /// The security scheme `cookieKey`: the key in the `session` cookie.
    pub fn cookie_key(self, key: impl Into<String>) -> Self {
        self.credential(3, Credential::Secret(key.into()))
    }

    /// The security scheme `basicAuth`: `Authorization: Basic` with the username and password.
    pub fn basic_auth(self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credential(
            4,
            Credential::Basic {
                username: username.into(),
                password: password.into(),
            },
        )
    }

    /// The security scheme `hoba`: `Authorization: HOBA <value>`.
    pub fn hoba(self, value: impl Into<String>) -> Self {
        self.credential(5, Credential::Secret(value.into()))
    }

    /// The security scheme `oauth`, with an access token given as it is.
    pub fn oauth_token(self, token: impl Into<String>) -> Self {
        self.credential(6, Credential::Secret(token.into()))
    }

    /// The security scheme `oauth`, with access tokens from `provider`.
    pub fn oauth_provider(self, provider: impl crate::TokenProvider) -> Self {
        self.credential(6, Credential::Tokens(std::sync::Arc::new(provider)))
    }

    /// The security scheme `oauth`, its `clientCredentials` flow run by the client.
    pub fn oauth_client_credentials(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_credentials(6, "/oauth/token", client_id.into(), client_secret.into())
    }

    /// The security scheme `openId`, with access tokens from `provider`.
    pub fn open_id_provider(self, provider: impl crate::TokenProvider) -> Self {
        self.credential(7, Credential::Tokens(std::sync::Arc::new(provider)))
    }
}
