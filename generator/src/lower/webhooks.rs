//! Webhooks (OpenAPI 3.1 `webhooks`, kept by normalization as `x-webhooks`): the event each
//! delivers (its request body's type) and how deliveries are signed, which follows from the
//! headers the webhook declares:
//!
//! - `webhook-id`, `webhook-timestamp` and `webhook-signature`: [Standard Webhooks].
//! - a signature header (named `…-signature-ed25519`, or marked
//!   `x-webhook-equivalent: webhook-signature`) and a timestamp header (named `…-timestamp`, or
//!   marked `x-webhook-equivalent: webhook-timestamp`): Ed25519 over `{timestamp}|{body}`, as
//!   Telnyx signs.
//! - neither: the webhook gets its event type but no verifying function, and a warning: an
//!   unsigned delivery cannot be trusted, so the crate offers no way to read one as if it could.
//!
//! [Standard Webhooks]: https://github.com/standard-webhooks/standard-webhooks

use super::{pointer, Lowerer};
use crate::ir::*;
use crate::names::{Case, Scope};
use crate::Error;
use openapiv3::{Parameter, PathItem, ReferenceOr};

/// How a header parameter names itself: its name and `x-webhook-equivalent`.
fn header_names<'p>(params: impl Iterator<Item = &'p Parameter>) -> Vec<(String, Option<String>)> {
    params
        .filter_map(|p| match p {
            Parameter::Header { parameter_data, .. } => Some((
                parameter_data.name.to_ascii_lowercase(),
                parameter_data
                    .extensions
                    .get("x-webhook-equivalent")
                    .and_then(|v| v.as_str())
                    .map(str::to_ascii_lowercase),
            )),
            _ => None,
        })
        .collect()
}

/// The signature scheme the declared headers describe (see the module docs).
fn scheme(headers: &[(String, Option<String>)]) -> Option<SignatureScheme> {
    let has = |name: &str| headers.iter().any(|(n, _)| n == name);
    if has("webhook-id") && has("webhook-timestamp") && has("webhook-signature") {
        return Some(SignatureScheme::Standard);
    }
    let find = |suffix: &str, equivalent: &str| {
        headers
            .iter()
            .find(|(n, e)| e.as_deref() == Some(equivalent) || n.ends_with(suffix))
            .map(|(n, _)| n.clone())
    };
    let signature = find("-signature-ed25519", "webhook-signature")?;
    let timestamp = find("-timestamp", "webhook-timestamp")?;
    Some(SignatureScheme::Ed25519Timestamped {
        signature,
        timestamp,
    })
}

impl<'a> Lowerer<'a> {
    /// Lowers the webhooks: an event type and a verifying function each.
    pub(super) fn webhooks(
        &mut self,
        items: &'a [(String, PathItem)],
    ) -> Result<Vec<Webhook>, Error> {
        let mut names = Scope::new();
        let mut webhooks = Vec::new();
        for (name, item) in items {
            // Pointers into the normalized document, where 3.1's `webhooks` are `x-webhooks` (the
            // source reports them where the user wrote them).
            let item_ptr = pointer(&["x-webhooks", name]);
            let ops = [
                ("post", &item.post),
                ("put", &item.put),
                ("patch", &item.patch),
                ("get", &item.get),
                ("delete", &item.delete),
            ];
            let Some((method, op)) = ops
                .into_iter()
                .find_map(|(m, op)| op.as_ref().map(|op| (m, op)))
            else {
                self.warn(&item_ptr, "this webhook has no operation: left out");
                continue;
            };
            let op_ptr = format!("{item_ptr}/{method}");
            let camel = self.sanitizer.sanitize(name, Case::Camel);
            let Some(body) = &op.request_body else {
                self.warn(&op_ptr, "this webhook delivers no body: left out");
                continue;
            };
            let body = self.body(
                body,
                &format!("{}Event", camel.as_str()),
                &format!("{op_ptr}/requestBody"),
            )?;
            if body.encoding != BodyEncoding::Json {
                self.warn(
                    &format!("{op_ptr}/requestBody"),
                    format!(
                        "this webhook delivers `{}`, not JSON: left out",
                        body.media_type
                    ),
                );
                continue;
            }
            let mut params = Vec::new();
            for p in item.parameters.iter().chain(&op.parameters) {
                match p {
                    ReferenceOr::Item(p) => params.push(p.clone()),
                    ReferenceOr::Reference { reference } => {
                        let found = reference
                            .strip_prefix("#/components/parameters/")
                            .and_then(|n| self.doc.components.as_ref()?.parameters.get(n));
                        if let Some(ReferenceOr::Item(p)) = found {
                            params.push(p.clone());
                        }
                    }
                }
            }
            let scheme = scheme(&header_names(params.iter()));
            if scheme.is_none() {
                self.warn(
                    &op_ptr,
                    "this webhook declares no signature headers (Standard Webhooks' `webhook-id`, \
                     `webhook-timestamp` and `webhook-signature`, or an Ed25519 signature and a \
                     timestamp header): its event type is generated, but no function that reads a \
                     delivery, since an unsigned one cannot be verified",
                );
            }
            webhooks.push(Webhook {
                name: name.clone(),
                fn_name: names.claim(self.sanitizer.sanitize(name, Case::Snake)),
                event: body.ty,
                scheme,
                docs: super::docs::operation_docs(op),
            });
        }
        Ok(webhooks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(n, e)| (n.to_string(), e.map(str::to_string)))
            .collect()
    }

    #[test]
    fn the_scheme_follows_from_the_declared_headers() {
        assert_eq!(
            scheme(&headers(&[
                ("webhook-id", None),
                ("webhook-timestamp", None),
                ("webhook-signature", None)
            ])),
            Some(SignatureScheme::Standard)
        );
        assert_eq!(
            scheme(&headers(&[
                ("telnyx-timestamp", Some("webhook-timestamp")),
                ("telnyx-signature-ed25519", Some("webhook-signature"))
            ])),
            Some(SignatureScheme::Ed25519Timestamped {
                signature: "telnyx-signature-ed25519".into(),
                timestamp: "telnyx-timestamp".into()
            })
        );
        assert_eq!(
            scheme(&headers(&[
                ("x-sent-at", Some("webhook-timestamp")),
                ("x-sig", Some("webhook-signature"))
            ])),
            Some(SignatureScheme::Ed25519Timestamped {
                signature: "x-sig".into(),
                timestamp: "x-sent-at".into()
            })
        );
        assert_eq!(scheme(&headers(&[("x-trace", None)])), None);
        assert_eq!(scheme(&headers(&[("webhook-signature", None)])), None);
    }
}
