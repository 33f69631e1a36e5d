//! Security: the document's `components/securitySchemes` (each a credential the client takes,
//! through a `ClientBuilder` setter named after it) and each operation's requirements (its
//! `security`, else the document's), which name the schemes by index.

use super::{pointer, Lowerer};
use crate::ir::{KeyLocation, SecurityKind, SecurityRequirement, SecurityScheme};
use crate::names::{reserved, Case, Ident, Scope};
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme as OaScheme};

/// The suffixes of the setters of an `oauth2` or `openIdConnect` scheme's stem.
pub(super) const TOKEN_SETTERS: [&str; 3] = ["_token", "_provider", "_client_credentials"];

impl Lowerer<'_> {
    /// The document's security schemes, in document order, each with its setter; remembers
    /// their indices by name for [`Lowerer::security_of`].
    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.components else {
            return Vec::new();
        };
        let mut scope = Scope::with_reserved(reserved::CLIENT_BUILDER_METHODS);
        let mut schemes = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let ptr = pointer(&["components", "securitySchemes", name]);
            let scheme = match scheme {
                ReferenceOr::Item(scheme) => scheme,
                ReferenceOr::Reference { reference } => {
                    let target = reference
                        .strip_prefix("#/components/securitySchemes/")
                        .and_then(|target| components.security_schemes.get(target));
                    match target {
                        Some(ReferenceOr::Item(scheme)) => scheme,
                        _ => {
                            self.warn(
                                &ptr,
                                format!(
                                    "`$ref: {reference}` names no security scheme of \
                                     components/securitySchemes: the scheme is left out, and \
                                     requirements that name it cannot be met"
                                ),
                            );
                            continue;
                        }
                    }
                }
            };
            let (kind, description) = match scheme {
                OaScheme::APIKey {
                    location,
                    name: key,
                    description,
                    ..
                } => {
                    let location = match location {
                        APIKeyLocation::Header => KeyLocation::Header,
                        APIKeyLocation::Query => KeyLocation::Query,
                        APIKeyLocation::Cookie => KeyLocation::Cookie,
                    };
                    let kind = SecurityKind::ApiKey {
                        location,
                        name: key.clone(),
                    };
                    (kind, description)
                }
                OaScheme::HTTP {
                    scheme,
                    bearer_format,
                    description,
                    ..
                } => {
                    let kind = SecurityKind::Http {
                        scheme: scheme.clone(),
                        bearer_format: bearer_format.clone(),
                    };
                    (kind, description)
                }
                OaScheme::OAuth2 {
                    flows, description, ..
                } => {
                    let declared = [
                        ("authorizationCode", flows.authorization_code.is_some()),
                        ("clientCredentials", flows.client_credentials.is_some()),
                        ("implicit", flows.implicit.is_some()),
                        ("password", flows.password.is_some()),
                    ];
                    let kind = SecurityKind::OAuth2 {
                        client_credentials: flows
                            .client_credentials
                            .as_ref()
                            .map(|flow| flow.token_url.clone()),
                        flows: declared
                            .into_iter()
                            .filter(|(_, declared)| *declared)
                            .map(|(flow, _)| flow)
                            .collect(),
                    };
                    (kind, description)
                }
                OaScheme::OpenIDConnect {
                    open_id_connect_url,
                    description,
                    ..
                } => {
                    let kind = SecurityKind::OpenIdConnect {
                        url: open_id_connect_url.clone(),
                    };
                    (kind, description)
                }
            };
            let setter = self.setter(&mut scope, name, &kind);
            self.scheme_index.insert(name.clone(), schemes.len());
            schemes.push(SecurityScheme {
                name: name.clone(),
                setter,
                kind,
                description: description.clone(),
                pointer: ptr,
            });
        }
        schemes
    }

    /// The setter of the scheme `name`: its name in snake case, free in `scope`; for
    /// `oauth2` and `openIdConnect`, a stem whose `…_token`, `…_provider` and
    /// `…_client_credentials` are all free too (each is claimed).
    fn setter(&mut self, scope: &mut Scope, name: &str, kind: &SecurityKind) -> Ident {
        let wanted = self.sanitizer.sanitize(name, Case::Snake);
        if !matches!(
            kind,
            SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. }
        ) {
            return scope.claim(wanted);
        }
        let mut stem = wanted.as_str().trim_start_matches("r#").to_owned();
        let mut n = 1;
        while !TOKEN_SETTERS
            .iter()
            .all(|suffix| scope.is_free(&format!("{stem}{suffix}")))
        {
            n += 1;
            stem = format!("{}{n}", wanted.as_str());
        }
        for suffix in TOKEN_SETTERS {
            scope.claim(Ident::new(format!("{stem}{suffix}")));
        }
        Ident::new(stem)
    }

    /// The requirements of the operation at `op_ptr`: its own `security`, else the document's.
    /// A requirement that names a scheme the document does not declare is left out, with a
    /// warning.
    pub(super) fn security_of(
        &mut self,
        op: &openapiv3::Operation,
        op_ptr: &str,
    ) -> Vec<SecurityRequirement> {
        let (requirements, at) = match &op.security {
            Some(own) => (own, format!("{op_ptr}/security")),
            None => match &self.doc.security {
                Some(document) => (document, "/security".to_owned()),
                None => return Vec::new(),
            },
        };
        let mut lowered = Vec::with_capacity(requirements.len());
        for (i, requirement) in requirements.iter().enumerate() {
            let mut schemes = Vec::with_capacity(requirement.len());
            for (name, scopes) in requirement {
                match self.scheme_index.get(name) {
                    Some(&index) => schemes.push((index, scopes.clone())),
                    None => {
                        let message = format!(
                            "this security requirement names `{name}`, which \
                             components/securitySchemes does not declare: the requirement is \
                             left out"
                        );
                        let ptr = format!("{at}/{i}");
                        // Said once for the document's requirements, not per operation.
                        let said = self
                            .warnings
                            .iter()
                            .any(|w| w.message == message && w.pointer == ptr);
                        if !said {
                            self.warn(&ptr, message);
                        }
                        schemes.clear();
                        break;
                    }
                }
            }
            if schemes.is_empty() && !requirement.is_empty() {
                continue;
            }
            lowered.push(schemes);
        }
        lowered
    }
}
