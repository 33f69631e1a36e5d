//! The non-Rust files of the crate, rendered from `minijinja` templates embedded in the
//! generator. Undefined variables are errors; every name a template shows is computed in
//! Rust and handed over in a `Serialize` context.

use super::Ctx;
use crate::ir::ResponseBody;
use crate::Error;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

/// Template of the crate's `Cargo.toml`.
pub const CARGO_TOML: &str = "Cargo.toml.j2";
/// Template of the crate's `README.md` (also its crate-level documentation).
pub const README: &str = "README.md.j2";

const TEMPLATES: &[(&str, &str)] = &[
    (CARGO_TOML, include_str!("../../templates/Cargo.toml.j2")),
    (README, include_str!("../../templates/README.md.j2")),
];

#[derive(Serialize)]
struct CrateContext<'a> {
    header: &'a str,
    spec: &'a str,
    crate_name: &'a str,
    crate_ident: String,
    crate_version: &'a str,
    description: String,
    api_title: &'a str,
    api_version: &'a str,
    api_description: String,
    base_url: &'a str,
    /// Where `Client::from_env` finds credentials.
    env_credentials: String,
    /// How requests authenticate.
    auth_sentence: String,
    /// A `ClientBuilder` call that gives a credential, or empty.
    credential_setter: String,
    env_base: String,
    list_example: Option<String>,
    create_example: Option<String>,
    list_all_example: Option<String>,
    errors_example: Option<String>,
    typed_errors_example: Option<String>,
    reqwest_features: String,
    /// Whether the crate has cargo examples (which need tokio's runtime to run).
    has_examples: bool,
    /// Whether the API has webhooks (the `webhooks` feature and its optional dependencies).
    has_webhooks: bool,
    /// The function of the first signed webhook, for the README's handler; with the list of
    /// webhooks, how they are signed, and the verifier's constructor and key variable.
    webhook: Option<String>,
    webhook_list: String,
    webhook_scheme: String,
    webhook_key_fn: &'static str,
    webhook_key_env: String,
    /// The waiters (`x-waiters`): their client methods, and a call of the first matched on
    /// each outcome.
    waiter_list: String,
    waiter_example: Option<String>,
    /// Cargo features (one per tag, and `components`), sorted.
    features: Vec<String>,
    /// The same, quoted and comma-separated, for `default = [...]`.
    default_features: String,
    operations: Vec<OperationRow>,
}

#[derive(Serialize)]
struct OperationRow {
    method: &'static str,
    path: String,
    rust_method: String,
    summary: String,
}

fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    Ok(env)
}

/// Renders every template: (path in the crate, contents).
pub fn render(
    ctx: &Ctx,
    crate_version: &str,
    header: &str,
    spec: &str,
    has_examples: bool,
) -> Result<Vec<(String, String)>, Error> {
    let api = ctx.api;
    let features: std::collections::BTreeSet<String> = api
        .modules
        .iter()
        .map(|m| m.feature.clone())
        .chain([crate::names::reserved::COMPONENTS_FEATURE.to_string()])
        .chain(
            (!api.webhooks.is_empty())
                .then(|| crate::names::reserved::WEBHOOKS_FEATURE.to_string()),
        )
        .collect();
    let signed = api.webhooks.iter().find(|w| w.scheme.is_some());
    let list_example = api
        .operations
        .iter()
        .find(|op| {
            op.method == crate::ir::Method::Get
                && op.params.iter().all(|p| !p.required)
                && matches!(op.success().map(|r| &r.body), Some(ResponseBody::Json(_)))
        })
        .map(|op| op.method_name.to_string());
    let examples = super::examples::readme_examples(ctx);
    let auth = super::auth::readme(ctx);
    let context = CrateContext {
        header,
        spec,
        crate_name: ctx.crate_name,
        crate_ident: ctx.crate_name.replace('-', "_"),
        crate_version,
        description: format!("Generated client for the {}", api.title).replace('"', "'"),
        api_title: &api.title,
        api_version: &api.version,
        api_description: super::doc_prose(api.description.as_deref().unwrap_or("")),
        base_url: &api.base_url,
        env_credentials: auth.from_env,
        auth_sentence: auth.sentence,
        credential_setter: auth.setter_example,
        env_base: format!("{}_BASE_URL", ctx.env_prefix),
        list_example,
        create_example: examples.create,
        list_all_example: examples.list_all,
        errors_example: examples.errors,
        typed_errors_example: examples.typed_errors,
        features: features.iter().cloned().collect(),
        default_features: features
            .iter()
            .map(|f| format!("{f:?}"))
            .collect::<Vec<_>>()
            .join(", "),
        has_examples,
        has_webhooks: !api.webhooks.is_empty(),
        webhook: signed.map(|w| w.fn_name.to_string()),
        webhook_list: api
            .webhooks
            .iter()
            .map(|w| format!("`{}`", w.name))
            .collect::<Vec<_>>()
            .join(", "),
        webhook_scheme: match signed.and_then(|w| w.scheme.as_ref()) {
            Some(crate::ir::SignatureScheme::Ed25519Timestamped {
                signature,
                timestamp,
            }) => format!(
                "Deliveries are signed with Ed25519: `{signature}` holds the signature of \
                 `{{{timestamp}}}|{{body}}`; verify them with the public key \
                 ([`Verifier::ed25519`], base64)."
            ),
            Some(crate::ir::SignatureScheme::Standard) => "Deliveries follow Standard Webhooks: \
                 verify them with the shared secret ([`Verifier::hmac_secret`], `whsec_…`) or \
                 the public key ([`Verifier::ed25519`], `whpk_…`)."
                .to_owned(),
            None => String::new(),
        },
        webhook_key_fn: match signed.and_then(|w| w.scheme.as_ref()) {
            Some(crate::ir::SignatureScheme::Standard) => "hmac_secret",
            _ => "ed25519",
        },
        webhook_key_env: format!("{}_WEBHOOK_KEY", ctx.env_prefix),
        waiter_list: api
            .operations
            .iter()
            .flat_map(|op| &op.waiters)
            .map(|w| format!("[`{0}`](Client::{0})", w.method_name))
            .collect::<Vec<_>>()
            .join(", "),
        waiter_example: super::examples::readme_waiter_example(ctx),
        reqwest_features: {
            let mut features = vec!["json", "rustls-tls", "stream"];
            if api.operations.iter().any(|op| {
                op.body
                    .as_ref()
                    .is_some_and(|b| b.encoding == crate::ir::BodyEncoding::Multipart)
            }) {
                features.push("multipart");
            }
            features
                .iter()
                .map(|f| format!("{f:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        },
        operations: api
            .operations
            .iter()
            .map(|op| OperationRow {
                method: op.method.as_str(),
                path: op.path.clone(),
                rust_method: op.method_name.to_string(),
                summary: op
                    .docs
                    .summary
                    .clone()
                    .unwrap_or_default()
                    .replace('|', "\\|")
                    .replace('\n', " "),
            })
            .collect(),
    };
    let internal = |e: minijinja::Error| Error {
        file: spec.to_string(),
        pointer: String::new(),
        line: None,
        message: format!("internal error: template failed: {e:#}"),
    };
    let env = environment().map_err(internal)?;
    let mut out = Vec::new();
    for (path, template) in [("Cargo.toml", CARGO_TOML), ("README.md", README)] {
        let mut text = env
            .get_template(template)
            .and_then(|t| t.render(&context))
            .map_err(internal)?;
        // Exactly one trailing newline, whatever the template ends with.
        text.truncate(text.trim_end().len());
        text.push('\n');
        out.push((path.to_string(), text));
    }
    Ok(out)
}
