//! `src/webhooks.rs`: for each webhook of the API, a function that verifies a delivery with a
//! [`Verifier`](crate) and only then decodes its event.

use super::syntax::{self, ident, type_ref, At};
use super::template::template;
use super::{doc_text, Ctx};
use crate::ir::{SignatureScheme, TypeRef, Webhook};

template! {
    fn webhook_fn(docs: Attrs, name: Ident, Event: Type, verify: Expr, type_name: Expr) -> syn::Item {
        #[__docs]
        pub fn __name(
            verifier: &crate::Verifier,
            headers: &::reqwest::header::HeaderMap,
            body: &[u8],
        ) -> Result<__Event, crate::WebhookError> {
            __verify?;
            crate::webhook::decode(body, __type_name)
        }
    }

    fn verify_ed25519(signature: Expr, timestamp: Expr) -> syn::Expr {
        verifier.verify_ed25519_timestamped(headers, body, __signature, __timestamp)
    }

    fn verify_standard() -> syn::Expr {
        verifier.verify_standard(headers, body)
    }

    fn reexports() -> syn::Item {
        pub use crate::{Verifier, WebhookError};
    }
}

/// The items of `src/webhooks.rs`.
pub fn webhooks(ctx: &Ctx) -> Vec<syn::Item> {
    let mut items = vec![reexports()];
    for hook in &ctx.api.webhooks {
        if let Some(item) = webhook(ctx, hook) {
            items.push(item);
        }
    }
    items
}

fn webhook(ctx: &Ctx, hook: &Webhook) -> Option<syn::Item> {
    let scheme = hook.scheme.as_ref()?;
    let (verify, how) = match scheme {
        SignatureScheme::Ed25519Timestamped {
            signature,
            timestamp,
        } => (
            verify_ed25519(syntax::str_lit(signature), syntax::str_lit(timestamp)),
            format!(
                "the Ed25519 signature in `{signature}` (base64) of `{{{timestamp}}}|{{body}}`, made \
                 with the key of [`Verifier::ed25519`](crate::Verifier::ed25519), and the Unix time \
                 in `{timestamp}` within the verifier's tolerance"
            ),
        ),
        SignatureScheme::Standard => (
            verify_standard(),
            "a Standard Webhooks signature in `webhook-signature` of \
             `{webhook-id}.{webhook-timestamp}.{body}` that matches the verifier's key, and the \
             Unix time in `webhook-timestamp` within its tolerance"
                .to_owned(),
        ),
    };
    let type_name = match &hook.event {
        TypeRef::Named(id) => ctx.api.types.get(*id).name.as_str().to_owned(),
        _ => format!("the {} event", hook.name),
    };
    let docs = format!(
        "{}\n\nThe `{}` webhook. Checks {how}, and only then decodes the body into the event \
         (leniently, like a response: unknown properties and enum values are kept). Pass the raw \
         body as received, before any JSON parsing: a byte changed is a signature that no longer \
         matches.\n\n# Errors\n\nA [`WebhookError`] that says which check \
         failed; it never shows the key or the body.",
        doc_text(&hook.docs, &format!("The `{}` webhook.", hook.name)),
        hook.name,
    );
    Some(webhook_fn(
        ctx.printer.doc_attrs(&docs),
        ident(&hook.fn_name),
        type_ref(ctx, &hook.event, At::Elsewhere),
        verify,
        syntax::str_lit(&type_name),
    ))
}
