//! The crate's skeleton: `src/lib.rs`, `src/api.rs` (what the runtime needs to know about the
//! API), and the module files that hold the types and the operations.

use super::syntax::ident;
use super::template::template;
use super::Ctx;

template! {
    fn lib_rs(client_attrs: Attrs, api_items: Items, webhook_items: Items, waiter_items: Items) -> syn::File {
        #![doc = include_str!("../README.md")]
        // Printed by prettyplease like the other generated files, whose layout rustfmt's may
        // not match (long `cfg` attributes).
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        // Generated modules are printed by prettyplease, not rustfmt; the runtime's are
        // formatted at their source in the generator.
        #[rustfmt::skip]
        mod api;
        pub mod auth;
        #[__client_attrs]
        mod client;
        mod error;
        pub mod formats;
        mod nullable;
        #[rustfmt::skip]
        pub mod operations;
        pub mod retry;
        mod runtime;
        #[rustfmt::skip]
        pub mod types;

        /// The `bytes` crate, for the [`Bytes`](bytes::Bytes) that downloads return.
        pub use ::bytes;
        /// The `futures-util` crate, for the combinators (`TryStreamExt`) that consume the page
        /// streams.
        pub use ::futures_util;
        /// The `reqwest` crate, for [`ClientBuilder::http_client`] and header types.
        pub use ::reqwest;
        /// The `serde_json` crate, for the `serde_json::Value` of properties the description
        /// leaves open (and the `json!` of the usage examples).
        pub use ::serde_json;
        /// The `time` crate, for the values [`DateTime::parse`] and [`Date::parse`] return.
        pub use ::time;
        /// The `uuid` crate, for the values [`Uuid::parse`] returns.
        pub use ::uuid;
        __api_items! {}
        pub use auth::{TokenFuture, TokenProvider};
        pub use client::{Client, ClientBuilder, Response, DEFAULT_TIMEOUT, REQUEST_ID_HEADERS};
        pub use error::{
            ApiError, DecodeError, Error, ErrorObject, ErrorSource, TransportError, TypedError,
        };
        pub use formats::{Date, DateTime, FormatError, Uuid};
        pub use nullable::Nullable;

        __webhook_items! {}
        pub use retry::{Clock, TokioClock};
        __waiter_items! {}
    }

    // With waiters: the runtime that runs them (its docs say how), used by the operations of
    // the features that have waiters.
    fn waiter_declarations(waiter_attrs: Attrs) -> syn::File {
        #[__waiter_attrs]
        pub mod waiter;
        pub use waiter::WaitError;
    }

    // A list is spliced once: the module and its re-export take one copy each.
    fn tag_module(module_cfg: Attrs, module: Ident, use_cfg: Attrs) -> syn::File {
        #[__module_cfg]
        #[rustfmt::skip]
        mod __module;
        #[__use_cfg]
        // `self::`: a tag module named `core`, `std` or after a dependency would otherwise be
        // ambiguous with that crate (E0659).
        pub use self::__module::*;
    }

    // With webhooks: their verification (runtime) and functions (generated), behind the
    // `webhooks` feature, whose optional dependencies do the cryptography.
    fn webhook_declarations() -> syn::File {
        #[cfg(feature = "webhooks")]
        #[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
        pub use webhook::{Verifier, WebhookError};
        #[cfg(feature = "webhooks")]
        mod webhook;
        #[cfg(feature = "webhooks")]
        #[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
        #[rustfmt::skip]
        pub mod webhooks;
    }

    fn api_uses_with_key() -> syn::File {
        pub use api::{API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};
    }

    fn api_uses() -> syn::File {
        pub use api::{BASE_URL_ENV, DEFAULT_BASE_URL};
    }

    fn codec_module() -> syn::File {
        #[rustfmt::skip]
        mod codec;
    }
}

/// `src/lib.rs`: crate docs from the README, modules and re-exports.
pub fn lib(ctx: &Ctx) -> syn::File {
    // With every operation feature off, nothing sends requests: `cfg_attr(not(any(feature =
    // "a", ...)), allow(dead_code))`. A hole cannot stand in an attribute's arguments (tokens),
    // so this one is built from its text.
    let client_attrs = dead_code_unless(ctx.api.modules.iter().map(|m| m.feature.as_str()));
    let webhook_items = if ctx.api.webhooks.is_empty() {
        Vec::new()
    } else {
        webhook_declarations().items
    };
    // The features whose operations have waiters, each once, in module order.
    let mut waiter_features: Vec<&str> = ctx
        .api
        .operations
        .iter()
        .filter(|op| !op.waiters.is_empty())
        .map(|op| ctx.api.modules[op.module].feature.as_str())
        .collect();
    waiter_features.sort_unstable();
    waiter_features.dedup();
    let waiter_items = if waiter_features.is_empty() {
        Vec::new()
    } else {
        waiter_declarations(dead_code_unless(waiter_features.into_iter())).items
    };
    let api_items = if super::auth::has_key_env(ctx) {
        api_uses_with_key().items
    } else {
        api_uses().items
    };
    lib_rs(client_attrs, api_items, webhook_items, waiter_items)
}

/// `#[cfg_attr(not(any(feature = "a", ...)), allow(dead_code))]`: code that only the
/// operations of those features use is dead without them. A hole cannot stand in an
/// attribute's arguments (tokens), so the attribute is built from its text.
fn dead_code_unless<'f>(features: impl Iterator<Item = &'f str>) -> Vec<syn::Attribute> {
    let features: Vec<String> = features.map(|f| format!("feature = {f:?}")).collect();
    let text = if features.is_empty() {
        "#[allow(dead_code)]".to_owned()
    } else {
        format!(
            "#[cfg_attr(not(any({})), allow(dead_code))]",
            features.join(", ")
        )
    };
    syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &text).unwrap_or_default()
}

/// `src/operations/mod.rs`: each tag's module behind its feature, re-exported flat so every
/// request builder is `crate::operations::Name`.
pub fn operations_mod(ctx: &Ctx) -> syn::File {
    let mut file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: Vec::new(),
    };
    for module in &ctx.api.modules {
        let cfg = ctx
            .printer
            .cfg_attrs(&std::iter::once(module.feature.clone()).collect(), true);
        file.items
            .extend(tag_module(cfg.clone(), ident(&module.name), cfg).items);
    }
    file
}

/// The items at the top of `src/types/mod.rs`.
pub fn types_mod() -> syn::File {
    codec_module()
}
