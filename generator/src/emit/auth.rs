//! `src/api.rs`: what the runtime needs to know about the API (its base URL, the environment
//! variables the client reads, its security schemes), and what follows from its security
//! schemes: `Client::new`, `Client::from_env` and one `ClientBuilder` setter per scheme. Also
//! each operation's requirements, as the runtime reads them ([`security`]).

use super::syntax::{self, ident};
use super::template::template;
use super::{doc_prose, Ctx};
use crate::ir::{KeyLocation, Operation, SecurityKind, SecurityScheme};
use crate::names::Ident;

template! {
    fn api_rs(base_url: Expr, base_env: Expr, key_env: Items, schemes: Expr, client: ImplItems, setters: ImplItems) -> syn::File {
        /// The base URL used when none is configured.
        pub const DEFAULT_BASE_URL: &str = __base_url;

        /// The environment variable [`Client::from_env`](crate::Client::from_env) reads an
        /// optional base URL from.
        pub const BASE_URL_ENV: &str = __base_env;

        __key_env! {}

        /// The API's security schemes, in the order of its description; an operation's
        /// requirements name them by index (see [`crate::auth`]).
        pub(crate) const SCHEMES: &[crate::auth::Scheme] = &__schemes;

        impl crate::Client {
            __client! {}
        }

        impl crate::ClientBuilder {
            __setters! {}
        }
    }

    fn key_env_const(key_env: Expr) -> syn::File {
        /// The environment variable [`Client::from_env`](crate::Client::from_env) reads the API
        /// key from.
        pub const API_KEY_ENV: &str = __key_env;
    }

    fn scheme_literal(name: Expr, setter: Expr, kind: Expr) -> syn::Expr {
        crate::auth::Scheme {
            name: __name,
            setter: __setter,
            kind: __kind,
        }
    }

    fn api_key_kind(location: Ident, name: Expr) -> syn::Expr {
        crate::auth::SchemeKind::ApiKey {
            location: crate::auth::KeyLocation::__location,
            name: __name,
        }
    }

    fn http_kind(scheme: Expr) -> syn::Expr {
        crate::auth::SchemeKind::Http { scheme: __scheme }
    }

    fn oauth2_kind(token_url: Expr) -> syn::Expr {
        crate::auth::SchemeKind::OAuth2 { token_url: __token_url }
    }

    fn open_id_connect_kind() -> syn::Expr {
        crate::auth::SchemeKind::OpenIdConnect
    }

    fn some(value: Expr) -> syn::Expr {
        ::std::option::Option::Some(__value)
    }

    fn none() -> syn::Expr {
        ::std::option::Option::None
    }

    fn secret_setter(docs: Attrs, name: Ident, index: Expr) -> syn::ImplItem {
        #[__docs]
        pub fn __name(self, value: impl Into<String>) -> Self {
            self.credential(__index, crate::auth::Credential::Secret(value.into()))
        }
    }

    fn basic_setter(docs: Attrs, name: Ident, index: Expr) -> syn::ImplItem {
        #[__docs]
        pub fn __name(self, username: impl Into<String>, password: impl Into<String>) -> Self {
            self.credential(
                __index,
                crate::auth::Credential::Basic {
                    username: username.into(),
                    password: password.into(),
                },
            )
        }
    }

    fn provider_setter(docs: Attrs, name: Ident, index: Expr) -> syn::ImplItem {
        #[__docs]
        pub fn __name(self, provider: impl crate::TokenProvider) -> Self {
            self.credential(
                __index,
                crate::auth::Credential::Tokens(::std::sync::Arc::new(provider)),
            )
        }
    }

    fn client_credentials_setter(docs: Attrs, name: Ident, index: Expr, token_url: Expr) -> syn::ImplItem {
        #[__docs]
        pub fn __name(self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
            self.client_credentials(__index, __token_url, client_id.into(), client_secret.into())
        }
    }

    fn alias_setter(docs: Attrs, setter: Ident) -> syn::ImplItem {
        #[__docs]
        pub fn api_key(self, key: impl Into<String>) -> Self {
            self.__setter(key)
        }
    }

    fn new_with_key(docs: Attrs, setter: Ident) -> syn::ImplItem {
        #[__docs]
        pub fn new(api_key: impl Into<String>) -> Result<Self, crate::Error> {
            Self::builder().__setter(api_key).build()
        }
    }

    fn new_without_key(docs: Attrs) -> syn::ImplItem {
        #[__docs]
        pub fn new() -> Result<Self, crate::Error> {
            Self::builder().build()
        }
    }

    fn from_env(docs: Attrs, reads: Stmts, check: Stmts) -> syn::ImplItem {
        #[__docs]
        pub fn from_env() -> Result<Self, crate::Error> {
            let mut builder = Self::builder();
            __reads;
            if let Ok(url) = ::std::env::var(crate::BASE_URL_ENV) {
                builder = builder.base_url(url);
            }
            __check;
            builder.build()
        }
    }

    fn read_one(var: Expr, setter: Ident) -> syn::Stmt {
        if let Ok(value) = ::std::env::var(__var) {
            builder = builder.__setter(value);
        }
    }

    fn read_two(first: Expr, second: Expr, setter: Ident) -> syn::Stmt {
        if let (Ok(first), Ok(second)) = (::std::env::var(__first), ::std::env::var(__second)) {
            builder = builder.__setter(first, second);
        }
    }

    fn require_some(message: Expr) -> syn::Stmt {
        if !builder.has_credentials() {
            return Err(crate::Error::Config(__message.to_owned()));
        }
    }
}

/// Whether the API has exactly one security scheme, whose credential is one secret (an API key,
/// a token): then `Client::new(api_key)` takes it, `ClientBuilder::api_key` sets it, and
/// `API_KEY_ENV` names its environment variable.
fn single_key<'a>(ctx: &Ctx<'a>) -> Option<&'a SecurityScheme> {
    match ctx.api.security_schemes.as_slice() {
        [only] if only.kind.takes_one_secret() => Some(only),
        _ => None,
    }
}

/// The environment variables `Client::from_env` reads for each scheme, by what they hold:
/// `(setter, [variable...], what)`.
fn environment(ctx: &Ctx) -> Vec<(String, Vec<String>, String)> {
    let var = |scheme: &SecurityScheme, suffix: &str| {
        format!(
            "{}_{}{suffix}",
            ctx.env_prefix,
            scheme.setter.as_str().to_ascii_uppercase()
        )
    };
    let mut reads = Vec::new();
    for scheme in &ctx.api.security_schemes {
        let setter = scheme.setter.as_str();
        match &scheme.kind {
            _ if single_key(ctx).is_some() => reads.push((
                setter.to_owned(),
                vec![format!("{}_API_KEY", ctx.env_prefix)],
                "the API key".to_owned(),
            )),
            SecurityKind::ApiKey { .. } => {
                reads.push((setter.to_owned(), vec![var(scheme, "")], "the key".into()))
            }
            SecurityKind::Http { scheme: kind, .. } if kind.eq_ignore_ascii_case("basic") => reads
                .push((
                    setter.to_owned(),
                    vec![var(scheme, "_USERNAME"), var(scheme, "_PASSWORD")],
                    "the username and password".into(),
                )),
            SecurityKind::Http { .. } => {
                reads.push((setter.to_owned(), vec![var(scheme, "")], "the token".into()))
            }
            SecurityKind::OAuth2 {
                client_credentials, ..
            } => {
                if client_credentials.is_some() {
                    reads.push((
                        format!("{setter}_client_credentials"),
                        vec![var(scheme, "_CLIENT_ID"), var(scheme, "_CLIENT_SECRET")],
                        "the client id and secret".into(),
                    ));
                }
                reads.push((
                    format!("{setter}_token"),
                    vec![var(scheme, "_TOKEN")],
                    "an access token".into(),
                ));
            }
            SecurityKind::OpenIdConnect { .. } => reads.push((
                format!("{setter}_token"),
                vec![var(scheme, "_TOKEN")],
                "an access token".into(),
            )),
        }
    }
    reads
}

/// Whether some operation can only be called with credentials.
fn needs_credentials(ctx: &Ctx) -> bool {
    ctx.api
        .operations
        .iter()
        .any(|op| !op.security.is_empty() && op.security.iter().all(|r| !r.is_empty()))
}

/// How a scheme's credential travels, for the setter's docs.
fn travels(scheme: &SecurityScheme) -> String {
    match &scheme.kind {
        SecurityKind::ApiKey { location, name } => {
            let place = match location {
                KeyLocation::Header => format!("the `{name}` header"),
                KeyLocation::Query => format!("the `{name}` query parameter"),
                KeyLocation::Cookie => format!("the `{name}` cookie"),
            };
            format!("the API key, sent in {place}")
        }
        SecurityKind::Http { scheme: kind, .. } if kind.eq_ignore_ascii_case("basic") => {
            "the username and password, sent as `Authorization: Basic` (RFC 7617)".to_owned()
        }
        SecurityKind::Http {
            scheme: kind,
            bearer_format,
        } if kind.eq_ignore_ascii_case("bearer") => {
            let format = match bearer_format {
                Some(format) => format!(" (a {format})"),
                None => String::new(),
            };
            format!("the bearer token{format}, sent as `Authorization: Bearer <token>`")
        }
        SecurityKind::Http { scheme: kind, .. } => {
            format!("the credential, sent as it is given in `Authorization: {kind} <value>`")
        }
        SecurityKind::OAuth2 { .. } => "OAuth 2.0".to_owned(),
        SecurityKind::OpenIdConnect { url } => format!("OpenID Connect (<{url}>)"),
    }
}

/// The docs of a setter: what it sets, how that travels, and the scheme's description.
fn setter_docs(ctx: &Ctx, scheme: &SecurityScheme, what: &str) -> Vec<syn::Attribute> {
    let mut text = format!("The security scheme `{}`: {what}.", scheme.name);
    if let Some(description) = scheme
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        text.push_str("\n\n");
        text.push_str(&doc_prose(description));
    }
    ctx.printer.doc_attrs(&text)
}

/// The setters of `scheme`, the `index`-th of the API.
fn setters(ctx: &Ctx, index: usize, scheme: &SecurityScheme) -> Vec<syn::ImplItem> {
    let at = syntax::int_lit(index as u64);
    let name = ident(&scheme.setter);
    let stem = scheme.setter.as_str();
    let named = |suffix: &str| ident(&Ident::new(format!("{stem}{suffix}")));
    match &scheme.kind {
        SecurityKind::ApiKey { .. } => vec![secret_setter(
            setter_docs(ctx, scheme, &travels(scheme)),
            name,
            at,
        )],
        SecurityKind::Http { scheme: kind, .. } if kind.eq_ignore_ascii_case("basic") => {
            vec![basic_setter(
                setter_docs(ctx, scheme, &travels(scheme)),
                name,
                at,
            )]
        }
        SecurityKind::Http { .. } => vec![secret_setter(
            setter_docs(ctx, scheme, &travels(scheme)),
            name,
            at,
        )],
        SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => {
            let kind = travels(scheme);
            let mut items = vec![
                secret_setter(
                    setter_docs(
                        ctx,
                        scheme,
                        &format!(
                            "{kind}, with an access token given as it is, sent as \
                             `Authorization: Bearer <token>` (it is not renewed: for tokens \
                             that expire, give a [`TokenProvider`](crate::TokenProvider))"
                        ),
                    ),
                    named("_token"),
                    at.clone(),
                ),
                provider_setter(
                    setter_docs(
                        ctx,
                        scheme,
                        &format!(
                            "{kind}, with access tokens from `provider`, asked for before each \
                             request it authenticates, with the scopes of the operation"
                        ),
                    ),
                    named("_provider"),
                    at.clone(),
                ),
            ];
            if let SecurityKind::OAuth2 {
                client_credentials: Some(token_url),
                ..
            } = &scheme.kind
            {
                items.push(client_credentials_setter(
                    setter_docs(
                        ctx,
                        scheme,
                        &format!(
                            "{kind}, its `clientCredentials` flow run by the client: it obtains \
                             access tokens from `{token_url}` with this client id and secret, \
                             keeps each until shortly before it expires, and renews it when the \
                             API refuses it (see [`crate::auth`])"
                        ),
                    ),
                    named("_client_credentials"),
                    at,
                    syntax::str_lit(token_url),
                ));
            }
            items
        }
    }
}

/// The `Scheme` literal of `scheme`.
fn scheme_expr(scheme: &SecurityScheme) -> syn::Expr {
    let kind = match &scheme.kind {
        SecurityKind::ApiKey { location, name } => {
            let location = match location {
                KeyLocation::Header => "Header",
                KeyLocation::Query => "Query",
                KeyLocation::Cookie => "Cookie",
            };
            api_key_kind(
                syn::Ident::new(location, proc_macro2::Span::call_site()),
                syntax::str_lit(name),
            )
        }
        SecurityKind::Http { scheme, .. } => http_kind(syntax::str_lit(scheme)),
        SecurityKind::OAuth2 {
            client_credentials, ..
        } => oauth2_kind(match client_credentials {
            Some(url) => some(syntax::str_lit(url)),
            None => none(),
        }),
        SecurityKind::OpenIdConnect { .. } => open_id_connect_kind(),
    };
    scheme_literal(
        syntax::str_lit(&scheme.name),
        syntax::str_lit(scheme.setter.as_str()),
        kind,
    )
}

/// `src/api.rs`.
pub fn api(ctx: &Ctx) -> syn::File {
    let single = single_key(ctx);
    let key_env = match single {
        Some(_) => key_env_const(syntax::str_lit(&format!("{}_API_KEY", ctx.env_prefix))).items,
        None => Vec::new(),
    };
    let schemes = array(ctx.api.security_schemes.iter().map(scheme_expr).collect());
    let mut client = Vec::new();
    match single {
        Some(scheme) => client.push(new_with_key(
            ctx.printer.doc_attrs(&format!(
                "Creates a client that authenticates with `api_key` (the credential of the \
                 security scheme `{}`: {}), with the default base URL and timeout.\n\nFails \
                 only when the key cannot be sent as its scheme sends it or the HTTP client \
                 cannot be set up.",
                scheme.name,
                travels(scheme)
            )),
            ident(&scheme.setter),
        )),
        None if ctx.api.security_schemes.is_empty() => {
            client.push(new_without_key(ctx.printer.doc_attrs(
                "Creates a client with the default base URL and timeout (the API takes no \
                 credentials).\n\nFails only when the HTTP client cannot be set up.",
            )))
        }
        None => {}
    }
    let environment = environment(ctx);
    let mut reads = Vec::new();
    let mut read_docs = Vec::new();
    for (setter, vars, what) in &environment {
        let setter_ident = ident(&Ident::new(setter.clone()));
        reads.push(match vars.as_slice() {
            [one] => read_one(syntax::str_lit(one), setter_ident),
            [first, second, ..] => read_two(
                syntax::str_lit(first),
                syntax::str_lit(second),
                setter_ident,
            ),
            [] => continue,
        });
        let vars: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
        read_docs.push(format!(
            "- {}: {what}, for [`ClientBuilder::{setter}`](crate::ClientBuilder::{setter});",
            vars.join(" and ")
        ));
    }
    let mut check = Vec::new();
    if needs_credentials(ctx) {
        let all: Vec<String> = environment
            .iter()
            .map(|(_, vars, _)| vars.join(" and "))
            .collect();
        check.push(require_some(syntax::str_lit(&format!(
            "no credential in the environment: set {}",
            all.join(", or ")
        ))));
    }
    let mut env_docs = String::from(
        "Creates a client from the environment: the credentials found there, and the base URL \
         from [`BASE_URL_ENV`](crate::BASE_URL_ENV) when it is set.",
    );
    if !read_docs.is_empty() {
        env_docs.push_str("\n\nIt reads:\n\n");
        env_docs.push_str(&read_docs.join("\n"));
    }
    if !check.is_empty() {
        env_docs.push_str(
            "\n\nFails when none of these is set, as every operation needs a credential.",
        );
    }
    client.push(from_env(ctx.printer.doc_attrs(&env_docs), reads, check));
    let mut setter_items = Vec::new();
    for (index, scheme) in ctx.api.security_schemes.iter().enumerate() {
        setter_items.extend(setters(ctx, index, scheme));
    }
    if let Some(scheme) = single.filter(|s| s.setter.as_str() != "api_key") {
        setter_items.push(alias_setter(
            ctx.printer.doc_attrs(&format!(
                "The API key: the credential of the security scheme `{}` \
                 ([`ClientBuilder::{}`](crate::ClientBuilder::{})).",
                scheme.name,
                scheme.setter.as_str(),
                scheme.setter.as_str()
            )),
            ident(&scheme.setter),
        ));
    }
    api_rs(
        syntax::str_lit(&ctx.api.base_url),
        syntax::str_lit(&format!("{}_BASE_URL", ctx.env_prefix)),
        key_env,
        schemes,
        client,
        setter_items,
    )
}

/// Whether the crate exports `API_KEY_ENV` (see [`api`]).
pub fn has_key_env(ctx: &Ctx) -> bool {
    single_key(ctx).is_some()
}

/// What `op` accepts, as the runtime reads it (`crate::auth::Security`):
/// `&[&[(scheme, &["scope", ...]), ...], ...]`.
pub fn security(op: &Operation) -> syn::Expr {
    let requirements = op
        .security
        .iter()
        .map(|requirement| {
            let schemes = requirement
                .iter()
                .map(|(index, scopes)| {
                    tuple(vec![
                        syntax::int_lit(*index as u64),
                        reference(array(scopes.iter().map(|s| syntax::str_lit(s)).collect())),
                    ])
                })
                .collect();
            reference(array(schemes))
        })
        .collect();
    reference(array(requirements))
}

fn array(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

fn tuple(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

fn reference(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// What the crate's README says of credentials.
pub struct ReadmeAuth {
    /// Where `Client::from_env` finds the credentials (`the API key in TELNYX_API_KEY`).
    pub from_env: String,
    /// How requests authenticate: a sentence.
    pub sentence: String,
    /// A `ClientBuilder` call that gives a credential (`.api_key("KEY...")`), or nothing.
    pub setter_example: String,
}

/// The README's words on credentials (see [`ReadmeAuth`]).
pub fn readme(ctx: &Ctx) -> ReadmeAuth {
    let environment = environment(ctx);
    let vars: Vec<String> = environment
        .iter()
        .flat_map(|(_, vars, _)| vars.iter().cloned())
        .collect();
    let from_env = match (single_key(ctx), vars.as_slice()) {
        (Some(_), [var]) => format!("the API key from {var}"),
        (_, []) => "no credential (the API takes none)".to_owned(),
        _ => format!("the credentials from {}", vars.join(", ")),
    };
    let schemes: Vec<String> = ctx
        .api
        .security_schemes
        .iter()
        .map(|scheme| match &scheme.kind {
            SecurityKind::OAuth2 {
                client_credentials: Some(_),
                ..
            } => format!(
                "`{}` ({}: an access token, a [`TokenProvider`], or the client id and secret of \
                 its client-credentials flow, which the client runs itself)",
                scheme.name,
                travels(scheme)
            ),
            SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => format!(
                "`{}` ({}: an access token, or a [`TokenProvider`])",
                scheme.name,
                travels(scheme)
            ),
            _ => format!("`{}` ({})", scheme.name, travels(scheme)),
        })
        .collect();
    let sentence = if schemes.is_empty() {
        "The API takes no credentials.".to_owned()
    } else {
        format!(
            "Requests carry the credentials their operation accepts, as the API's security \
             schemes say ([`auth`]): {}.",
            schemes.join("; ")
        )
    };
    let setter_example = match (single_key(ctx), ctx.api.security_schemes.first()) {
        (Some(_), _) => ".api_key(\"KEY...\")".to_owned(),
        (None, Some(scheme)) => {
            let setter = scheme.setter.as_str();
            match &scheme.kind {
                SecurityKind::Http { scheme: kind, .. } if kind.eq_ignore_ascii_case("basic") => {
                    format!(".{setter}(\"USER\", \"PASSWORD\")")
                }
                SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => {
                    format!(".{setter}_token(\"TOKEN...\")")
                }
                _ => format!(".{setter}(\"KEY...\")"),
            }
        }
        (None, None) => String::new(),
    };
    ReadmeAuth {
        from_env,
        sentence,
        setter_example,
    }
}
