//! Operations: parameters (path-level then operation-level), request bodies, responses, the
//! error enum of each operation, and the names of client methods and request builders.

use super::docs::example_fact;
use super::schemas::Resolved;
use super::{pointer, Lowerer};
use crate::ir::*;
use crate::names::{reserved, sanitize, Case, Ident, Scope};
use crate::pointer::escape as escape_pointer;
use crate::Error;
use openapiv3::{
    Parameter as OaParameter, ParameterSchemaOrContent, ReferenceOr, Schema, StatusCode,
};
use std::collections::BTreeMap;

/// Splits a path template into literals and parameter names.
fn split_template(path: &str) -> Result<Vec<Result<String, String>>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Ok(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path template `{path}`"))?;
        let name = &rest[open + 1..open + close];
        if name.is_empty() || name.contains('{') {
            return Err(format!(
                "malformed parameter `{{{name}}}` in path template `{path}`"
            ));
        }
        out.push(Err(name.to_string()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Ok(rest.to_string()));
    }
    Ok(out)
}

fn status_of(code: &StatusCode) -> Status {
    match code {
        StatusCode::Code(c) => Status::Code(*c),
        StatusCode::Range(r) => Status::Range(*r),
    }
}

fn status_key(status: &Status) -> (u16, u16) {
    match status {
        Status::Code(c) => (*c, 0),
        Status::Range(r) => (r * 100 + 99, 1),
        Status::Default => (u16::MAX, 2),
    }
}

/// The enum of an operation's documented error responses (every response that is not a
/// success), when at least one of them has a JSON body: `{Builder}Error`, claimed in `names`
/// (the scope of request builder names), with a variant per status named by
/// [`status_variant`](crate::names::status_variant).
fn error_enum(op: &Operation, names: &mut Scope) -> Option<ErrorEnum> {
    let errors: Vec<(usize, &Response)> = op
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.status.is_success())
        .collect();
    if !errors
        .iter()
        .any(|(_, r)| matches!(r.body, ResponseBody::Json(_)))
    {
        return None;
    }
    let mut variant_names = Scope::new();
    let variants = errors
        .into_iter()
        .map(|(response, r)| ErrorVariant {
            rust_name: variant_names.claim(crate::names::status_variant(&r.status)),
            response,
        })
        .collect();
    let base = op.builder_name.as_str();
    Some(ErrorEnum {
        name: names.claim(sanitize(&format!("{base} error"), Case::Camel)),
        variants,
    })
}

/// Whether the success responses of `op` have different bodies (a JSON body and none, two
/// JSON types...).
fn successes_differ(op: &Operation) -> bool {
    let mut bodies = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .map(|r| &r.body);
    let first = bodies.next();
    bodies.any(|body| Some(body) != first)
}

/// The enum of the success responses of `op`: `{Builder}Success`, claimed in `names`, with a
/// variant per success status named by [`status_variant`](crate::names::status_variant).
fn success_enum(op: &Operation, names: &mut Scope) -> SuccessEnum {
    let mut variant_names = Scope::new();
    let variants = op
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status.is_success())
        .map(|(response, r)| SuccessVariant {
            rust_name: variant_names.claim(crate::names::status_variant(&r.status)),
            response,
        })
        .collect();
    let base = op.builder_name.as_str();
    SuccessEnum {
        name: names.claim(sanitize(&format!("{base} success"), Case::Camel)),
        variants,
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Where an operation is declared, and the names it was given: what lowering one operation
/// starts from ([`Lowerer::operation`]).
struct OperationSite<'a, 'p> {
    /// Its path template (`/number_orders/{id}`).
    path: &'a str,
    /// The pointer of its path item.
    path_ptr: &'p str,
    /// The parameters its path item declares for all its operations.
    path_params: &'a [ReferenceOr<OaParameter>],
    method: Method,
    op: &'a openapiv3::Operation,
    /// The pointer of the operation.
    op_ptr: &'p str,
    /// Its `operationId`, or one made of its method and path.
    operation_id: String,
    /// The client's method for it.
    method_name: Ident,
    /// Its request builder.
    builder_name: Ident,
}

impl<'a> Lowerer<'a> {
    pub(super) fn operations(&mut self) -> Result<Vec<Operation>, Error> {
        let mut paths: Vec<(&'a String, &'a ReferenceOr<openapiv3::PathItem>)> =
            self.doc.paths.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        let mut method_scope = Scope::with_reserved(reserved::CLIENT_METHODS);
        // Request builders and error enums live in `crate::operations`, which writes prelude
        // names unqualified as `types` does.
        let mut builder_scope = Scope::with_reserved(reserved::TYPES);
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        let mut operations = Vec::new();
        let api_server = super::server_url_of(self.doc);
        for (path, item) in paths {
            let path_ptr = pointer(&["paths", path]);
            let ReferenceOr::Item(item) = item else {
                return Err(self.err(&path_ptr, "`$ref` path items are not supported"));
            };
            for (key, op) in item.iter() {
                let Some(method) = Method::from_key(key) else {
                    continue;
                };
                let op_ptr = format!("{path_ptr}/{key}");
                let operation_id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{key} {path}"));
                if let Some(other) = seen_ids.insert(operation_id.clone(), op_ptr.clone()) {
                    // Invalid OpenAPI, but published documents have it: the names get suffixes.
                    self.warn(
                        &format!("{op_ptr}/operationId"),
                        format!("duplicate operationId `{operation_id}` (also used at {other}): the method name gets a numeric suffix"),
                    );
                }
                let method_name =
                    method_scope.claim(self.sanitizer.sanitize(&operation_id, Case::Snake));
                let builder_name =
                    builder_scope.claim(self.sanitizer.sanitize(&operation_id, Case::Camel));
                let mut operation = self.operation(OperationSite {
                    path,
                    path_ptr: &path_ptr,
                    path_params: &item.parameters,
                    method,
                    op,
                    op_ptr: &op_ptr,
                    operation_id,
                    method_name,
                    builder_name,
                })?;
                let servers = if op.servers.is_empty() {
                    &item.servers
                } else {
                    &op.servers
                };
                operation.server = servers
                    .first()
                    .map(super::server_url)
                    .filter(|url| *url != api_server);
                operation.waiters = self.waiters(op, method, &op_ptr)?;
                operations.push(operation);
            }
        }
        // Error enums share `crate::operations` with the builders: named after all of them, so
        // a builder keeps its name whether or not another operation has an error enum.
        for op in &mut operations {
            op.error_enum = error_enum(op, &mut builder_scope);
        }
        // Success enums after them, for the same reason.
        for op in &mut operations {
            if !successes_differ(op) {
                continue;
            }
            if op.waiters.is_empty() {
                op.success_enum = Some(success_enum(op, &mut builder_scope));
            } else {
                // A waiter reads the one body `send` returns.
                let first = match op.success().map(|r| &r.status) {
                    Some(Status::Code(code)) => code.to_string(),
                    _ => "first".to_string(),
                };
                self.warn(
                    &format!("{}/responses", op.pointer),
                    format!(
                        "success responses have different bodies, and the operation has \
                         waiters: `send` returns the {first} body, and another success is \
                         decoded as one"
                    ),
                );
            }
        }
        // Waiters come last for the same reason.
        super::waiters::name(&mut operations, &mut method_scope, &mut builder_scope);
        Ok(operations)
    }

    /// Lowers the operation declared at `site`: its parameters, body and responses.
    fn operation(&mut self, site: OperationSite<'a, '_>) -> Result<Operation, Error> {
        let camel = site.builder_name.as_str().to_string();
        let (params, path_segments) = self.operation_params(&site, &camel)?;
        let op = site.op;
        let body = match &op.request_body {
            None => None,
            Some(body) => Some(self.body(body, &camel, &format!("{}/requestBody", site.op_ptr))?),
        };
        let responses = self.responses(op, site.op_ptr, &camel)?;
        let security = self.security_of(op, site.op_ptr);
        let declared_paging = self.declared_paging(op, site.op_ptr)?;
        Ok(Operation {
            operation_id: site.operation_id,
            pointer: site.op_ptr.to_owned(),
            method_name: site.method_name,
            builder_name: site.builder_name,
            method: site.method,
            path: site.path.to_string(),
            server: None,
            path_segments,
            params,
            body,
            responses,
            tags: op.tags.clone(),
            module: 0,
            docs: super::docs::operation_docs(op),
            deprecated: op.deprecated,
            pagination: None,
            waiters: Vec::new(),
            error_enum: None,
            success_enum: None,
            security,
            declared_paging,
        })
    }

    /// The parameters of the operation at `site` (its path item's, overridden by its own with
    /// the same name and location), path parameters first in template order, and the segments
    /// of its path template.
    fn operation_params(
        &mut self,
        site: &OperationSite<'a, '_>,
        camel: &str,
    ) -> Result<(Vec<Param>, Vec<PathSegment>), Error> {
        let OperationSite {
            path,
            path_ptr,
            path_params,
            op,
            op_ptr,
            ..
        } = *site;
        // Path-level parameters first, overridden by operation-level ones with the same name and location.
        let mut raw: Vec<(&'a ReferenceOr<OaParameter>, String)> = Vec::new();
        for (i, p) in path_params.iter().enumerate() {
            raw.push((p, format!("{path_ptr}/parameters/{i}")));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            raw.push((p, format!("{op_ptr}/parameters/{i}")));
        }
        let mut params: Vec<Param> = Vec::new();
        let mut scope = Scope::with_reserved(reserved::BUILDER_MEMBERS);
        for (p, ptr) in raw {
            let mut param = self.param(p, camel, &ptr)?;
            if let Some(existing) = params
                .iter_mut()
                .find(|e| e.wire_name == param.wire_name && e.location == param.location)
            {
                param.rust_name = existing.rust_name.clone();
                *existing = param;
            } else {
                param.rust_name = scope.claim(param.rust_name.clone());
                params.push(param);
            }
        }
        // Path parameters in template order first, then the rest in document order.
        let template = split_template(path).map_err(|m| self.err(path_ptr, m))?;
        let mut ordered: Vec<Param> = Vec::new();
        let mut segments = Vec::new();
        for piece in &template {
            match piece {
                Ok(literal) => segments.push(PathSegment::Literal(literal.clone())),
                Err(name) => {
                    if let Some(placed) = ordered.iter().position(|p| &p.wire_name == name) {
                        // `/a/{id}/b/{id}`: one parameter, its value in both places (said once
                        // per path, whatever the number of operations).
                        let message = format!("path template `{path}` uses `{{{name}}}` more than once: the one parameter `{name}` fills every place");
                        let said = self.warnings.iter().any(|w| w.message == message);
                        if !said {
                            self.warn(path_ptr, message);
                        }
                        segments.push(PathSegment::Param(placed));
                        continue;
                    }
                    let index = params
                        .iter()
                        .position(|p| p.location == ParamLocation::Path && &p.wire_name == name)
                        .ok_or_else(|| self.err(op_ptr, format!("path template `{path}` uses `{{{name}}}` but the operation defines no path parameter `{name}`")))?;
                    let mut param = params.remove(index);
                    param.required = true;
                    segments.push(PathSegment::Param(ordered.len()));
                    ordered.push(param);
                }
            }
        }
        if let Some(stray) = params.iter().find(|p| p.location == ParamLocation::Path) {
            return Err(self.err(
                op_ptr,
                format!(
                    "path parameter `{}` does not appear in the path template `{path}`",
                    stray.wire_name
                ),
            ));
        }
        ordered.extend(params);
        Ok((ordered, segments))
    }

    /// The responses of `op` (at `op_ptr`), by status, then its default response.
    fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        op_ptr: &str,
        camel: &str,
    ) -> Result<Vec<Response>, Error> {
        let mut responses = Vec::new();
        let mut success_count = 0;
        let mut codes: Vec<(&'a StatusCode, &'a ReferenceOr<openapiv3::Response>)> =
            op.responses.responses.iter().collect();
        codes.sort_by_key(|(c, _)| status_key(&status_of(c)));
        for (code, response) in codes {
            let status = status_of(code);
            let hint = if status.is_success() {
                success_count += 1;
                if success_count == 1 {
                    format!("{camel}Response")
                } else {
                    format!("{camel}Response{code}")
                }
            } else {
                format!("{camel}Error{code}")
            };
            let ptr = format!("{op_ptr}/responses/{}", code);
            let (description, body) = self.response(response, &hint, &ptr)?;
            responses.push(Response {
                status,
                description,
                body,
                json_media: self.json_media_of(response),
                headers: self.headers_of(response),
            });
        }
        if let Some(default) = &op.responses.default {
            let ptr = format!("{op_ptr}/responses/default");
            let (description, body) =
                self.response(default, &format!("{camel}ErrorDefault"), &ptr)?;
            responses.push(Response {
                status: Status::Default,
                description,
                body,
                json_media: self.json_media_of(default),
                headers: self.headers_of(default),
            });
        }
        Ok(responses)
    }

    pub(super) fn param(
        &mut self,
        p: &'a ReferenceOr<OaParameter>,
        op_camel: &str,
        ptr: &str,
    ) -> Result<Param, Error> {
        let (param, ptr, hint_base) = match p {
            ReferenceOr::Item(param) => (param, ptr.to_string(), None),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/parameters/").ok_or_else(|| {
                    self.err(ptr, format!("`$ref: {reference}` is not supported for parameters: expected `#/components/parameters/...`"))
                })?;
                if let Some(cached) = self.component_params.get(name) {
                    return Ok(cached.clone());
                }
                let components = self.doc.components.as_ref();
                let Some((key, ReferenceOr::Item(param))) =
                    components.and_then(|c| c.parameters.get_key_value(name))
                else {
                    return Err(self.err(
                        ptr,
                        format!(
                            "`$ref: {reference}` points to no parameter in components/parameters"
                        ),
                    ));
                };
                (
                    param,
                    pointer(&["components", "parameters", key]),
                    Some(key.as_str()),
                )
            }
        };
        let simple = LocationStyle::Simple { explode: false };
        let (data, location, style, location_style) = match param {
            OaParameter::Query {
                parameter_data,
                style,
                ..
            } => {
                let explode = parameter_data
                    .explode
                    .unwrap_or(matches!(style, openapiv3::QueryStyle::Form));
                let style = match style {
                    openapiv3::QueryStyle::Form => QueryStyle::Form { explode },
                    openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                    openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                };
                (parameter_data, ParamLocation::Query, style, simple)
            }
            OaParameter::Path {
                parameter_data,
                style,
            } => {
                let explode = parameter_data.explode.unwrap_or(false);
                let location_style = match style {
                    openapiv3::PathStyle::Simple => LocationStyle::Simple { explode },
                    openapiv3::PathStyle::Label => LocationStyle::Label { explode },
                    openapiv3::PathStyle::Matrix => LocationStyle::Matrix { explode },
                };
                (
                    parameter_data,
                    ParamLocation::Path,
                    QueryStyle::Form { explode: false },
                    location_style,
                )
            }
            OaParameter::Header { parameter_data, .. } => {
                let explode = parameter_data.explode.unwrap_or(false);
                (
                    parameter_data,
                    ParamLocation::Header,
                    QueryStyle::Form { explode: false },
                    LocationStyle::Simple { explode },
                )
            }
            OaParameter::Cookie { parameter_data, .. } => {
                let explode = parameter_data.explode.unwrap_or(true);
                (
                    parameter_data,
                    ParamLocation::Cookie,
                    QueryStyle::Form { explode: false },
                    LocationStyle::Form { explode },
                )
            }
        };
        let json_content = match &data.format {
            ParameterSchemaOrContent::Content(content) => {
                content.keys().next().is_some_and(|media| is_json(media))
            }
            ParameterSchemaOrContent::Schema(_) => false,
        };
        let hint = match hint_base {
            Some(component) => component.to_string(),
            None => format!(
                "{op_camel}{}",
                self.sanitizer.sanitize(&data.name, Case::Camel).as_str()
            ),
        };
        let (ty, mut docs) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => (
                self.schema_type(schema, &hint, &format!("{ptr}/schema"))?,
                self.docs_of_ref(schema),
            ),
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((media, media_type)) => {
                    let media_ptr = format!("{ptr}/content/{}", escape_pointer(media));
                    match &media_type.schema {
                        Some(schema) => (
                            self.schema_type(schema, &hint, &format!("{media_ptr}/schema"))?,
                            self.docs_of_ref(schema),
                        ),
                        None => (TypeRef::Json, Docs::default()),
                    }
                }
                None => return Err(self.err(&ptr, "parameter `content` has no media type")),
            },
        };
        if let Some(description) = &data.description {
            docs.description = Some(description.clone());
        }
        // The schema's example is shown as a fact already; the parameter's own is shown when
        // the schema has none that can be.
        let schema_fact = docs.example.as_ref().and_then(example_fact).is_some();
        if let Some(example) = data
            .example
            .clone()
            .or_else(|| self.first_example(&data.examples))
        {
            if !schema_fact {
                docs.facts.extend(example_fact(&example));
            }
            docs.example = Some(example);
        }
        let lowered = Param {
            wire_name: data.name.clone(),
            rust_name: self.sanitizer.sanitize(&data.name, Case::Snake),
            location,
            style,
            location_style,
            json_content,
            required: data.required,
            ty,
            docs,
        };
        if let Some(component) = hint_base {
            self.component_params
                .insert(component.to_string(), lowered.clone());
        }
        Ok(lowered)
    }

    pub(super) fn body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        op_camel: &str,
        ptr: &str,
    ) -> Result<Body, Error> {
        let (body, ptr, hint) = match body {
            ReferenceOr::Item(b) => (b, ptr.to_string(), format!("{op_camel}Body")),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/requestBodies/")
                    .ok_or_else(|| {
                        self.err(
                            ptr,
                            format!("`$ref: {reference}` is not supported for request bodies"),
                        )
                    })?;
                let found = self
                    .doc
                    .components
                    .as_ref()
                    .and_then(|c| c.request_bodies.get_key_value(name));
                let Some((key, ReferenceOr::Item(b))) = found else {
                    return Err(self.err(ptr, format!("`$ref: {reference}` points to no request body in components/requestBodies")));
                };
                (
                    b,
                    pointer(&["components", "requestBodies", key]),
                    key.clone(),
                )
            }
        };
        // JSON first, then form encodings, then whatever comes first.
        let essence = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        };
        let (media_type, content) = body
            .content
            .iter()
            .find(|(m, _)| is_json(m))
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(m, _)| essence(m) == "application/x-www-form-urlencoded")
            })
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(m, _)| essence(m) == "multipart/form-data")
            })
            .or_else(|| body.content.iter().next())
            .ok_or_else(|| self.err(&ptr, "request body has no content"))?;
        let encoding = if is_json(media_type) {
            BodyEncoding::Json
        } else {
            match essence(media_type).as_str() {
                "application/x-www-form-urlencoded" => BodyEncoding::Form,
                "multipart/form-data" => BodyEncoding::Multipart,
                _ => BodyEncoding::Raw,
            }
        };
        let schema_ptr = format!("{ptr}/content/{}/schema", escape_pointer(media_type));
        let mut parts = Vec::new();
        let (ty, mut docs) = match (&content.schema, encoding) {
            (Some(schema), BodyEncoding::Json | BodyEncoding::Form) => (
                self.schema_type(schema, &hint, &schema_ptr)?,
                self.docs_of_ref(schema),
            ),
            (Some(schema), BodyEncoding::Multipart) => {
                parts = self.parts(schema, &schema_ptr)?;
                for part in &mut parts {
                    part.content_type = content
                        .encoding
                        .get(&part.name)
                        .and_then(|e| e.content_type.clone());
                }
                let parts: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
                self.warn(
                    &format!("{ptr}/content/{}", escape_pointer(media_type)),
                    format!(
                        "multipart/form-data body: the method takes a `reqwest::multipart::Form` the caller builds (parts: {})",
                        if parts.is_empty() { "not listed".to_string() } else { parts.join(", ") }
                    ),
                );
                let mut docs = self.docs_of_ref(schema);
                docs.facts.push(format!(
                    "Sent as `multipart/form-data`; build the parts with `reqwest::multipart::Form`{}.",
                    if parts.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", parts.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "))
                    }
                ));
                (TypeRef::Json, docs)
            }
            (Some(schema), BodyEncoding::Raw) => (
                TypeRef::Primitive(Primitive::String {
                    format: Some("binary".into()),
                }),
                self.docs_of_ref(schema),
            ),
            (None, BodyEncoding::Multipart) => {
                self.warn(
                    &format!("{ptr}/content/{}", escape_pointer(media_type)),
                    "multipart/form-data body without a schema: the method takes a `reqwest::multipart::Form` the caller builds",
                );
                (TypeRef::Json, Docs::default())
            }
            (None, _) => (TypeRef::Json, Docs::default()),
        };
        if let Some(description) = &body.description {
            docs.description = Some(description.clone());
        }
        // The media type's own example is the body's, before its schema's.
        if let Some(example) = content
            .example
            .clone()
            .or_else(|| self.first_example(&content.examples))
        {
            docs.example = Some(example);
        }
        // `*/*` and other ranges are not a Content-Type: send bytes as octet-stream.
        let media_type = if media_type.contains('*') {
            "application/octet-stream".to_string()
        } else {
            media_type.clone()
        };
        let form_styles = if encoding == BodyEncoding::Form {
            content
                .encoding
                .iter()
                .filter_map(|(property, encoding)| {
                    let style = match encoding.style.as_ref()? {
                        // `openapiv3` reads an absent `explode` as `false`, where OpenAPI says
                        // `true` for `form`: an explicit `false` cannot be told apart, and the
                        // default is the common case.
                        openapiv3::QueryStyle::Form => QueryStyle::Form { explode: true },
                        openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                        openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                        openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                    };
                    Some((property.clone(), style))
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Body {
            encoding,
            media_type,
            ty,
            required: body.required,
            docs,
            form_styles,
            parts,
        })
    }

    /// The value of the first of `examples` that has one (following `$ref`s to
    /// `components/examples`).
    fn first_example(
        &self,
        examples: &indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Example>>,
    ) -> Option<serde_json::Value> {
        examples.values().find_map(|example| {
            let example = match example {
                openapiv3::ReferenceOr::Item(example) => example,
                openapiv3::ReferenceOr::Reference { reference } => {
                    let name = reference.strip_prefix("#/components/examples/")?;
                    match self.doc.components.as_ref()?.examples.get(name)? {
                        openapiv3::ReferenceOr::Item(example) => example,
                        openapiv3::ReferenceOr::Reference { .. } => return None,
                    }
                }
            };
            example.value.clone()
        })
    }

    /// The property names of a multipart body's object schema, for docs and warnings.
    pub(super) fn parts(
        &self,
        schema: &'a ReferenceOr<Schema>,
        ptr: &str,
    ) -> Result<Vec<Part>, Error> {
        let schema = match self.resolve(schema, ptr)? {
            Resolved::Component(name) => match self.component_target(self.component_key(name)) {
                Ok((_, s)) => s,
                Err(_) => return Ok(Vec::new()),
            },
            Resolved::Inline(s) => s,
        };
        let Some(shape) = self.object_shape(schema, ptr)? else {
            return Ok(Vec::new());
        };
        let mut parts = Vec::with_capacity(shape.properties.len());
        for (name, property, at) in &shape.properties {
            let property = match self.resolve(*property, at)? {
                Resolved::Component(name) => self
                    .component_target(self.component_key(name))
                    .ok()
                    .map(|(_, s)| s),
                Resolved::Inline(s) => Some(s),
            };
            use openapiv3::{SchemaKind, Type};
            let is_file = |schema: &Schema| match &schema.schema_kind {
                SchemaKind::Type(Type::String(s)) => matches!(
                    super::docs::format_name(&s.format).as_deref(),
                    Some("binary" | "base64")
                ),
                _ => false,
            };
            let kind = match property.map(|schema| &schema.schema_kind) {
                _ if property.is_some_and(is_file) => PartKind::File,
                Some(SchemaKind::Type(Type::Array(a)))
                    if a.items.as_ref().is_some_and(
                        |items| matches!(items, ReferenceOr::Item(item) if is_file(item)),
                    ) =>
                {
                    PartKind::File
                }
                Some(SchemaKind::Type(Type::String(_))) => PartKind::Text,
                Some(SchemaKind::Type(Type::Integer(_))) => PartKind::Integer,
                Some(SchemaKind::Type(Type::Number(_))) => PartKind::Number,
                Some(SchemaKind::Type(Type::Boolean(_))) => PartKind::Boolean,
                _ => PartKind::Json,
            };
            parts.push(Part {
                name: (*name).clone(),
                required: shape.required.contains(name.as_str()),
                kind,
                content_type: None,
                docs: property.map(super::docs::docs_of).unwrap_or_default(),
            });
        }
        Ok(parts)
    }

    pub(super) fn response(
        &mut self,
        response: &'a ReferenceOr<openapiv3::Response>,
        hint: &str,
        ptr: &str,
    ) -> Result<(String, ResponseBody), Error> {
        match response {
            ReferenceOr::Item(r) => self.response_body(r, hint, ptr),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/responses/")
                    .ok_or_else(|| {
                        self.err(
                            ptr,
                            format!("`$ref: {reference}` is not supported for responses"),
                        )
                    })?;
                if let Some(cached) = self.component_responses.get(name) {
                    return Ok(cached.clone());
                }
                let found = self
                    .doc
                    .components
                    .as_ref()
                    .and_then(|c| c.responses.get_key_value(name));
                let Some((key, ReferenceOr::Item(r))) = found else {
                    return Err(self.err(
                        ptr,
                        format!(
                            "`$ref: {reference}` points to no response in components/responses"
                        ),
                    ));
                };
                let lowered =
                    self.response_body(r, key, &pointer(&["components", "responses", key]))?;
                self.component_responses
                    .insert(key.clone(), lowered.clone());
                Ok(lowered)
            }
        }
    }

    /// The headers `response` declares, in lower case.
    fn headers_of(&self, response: &'a ReferenceOr<openapiv3::Response>) -> Vec<String> {
        self.resolved_response(response)
            .into_iter()
            .flat_map(|r| r.headers.keys())
            .map(|name| name.to_ascii_lowercase())
            .collect()
    }

    /// `response`, its `$ref` to `components/responses` followed.
    fn resolved_response(
        &self,
        response: &'a ReferenceOr<openapiv3::Response>,
    ) -> Option<&'a openapiv3::Response> {
        match response {
            ReferenceOr::Item(r) => Some(r),
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/responses/")
                .and_then(|name| self.doc.components.as_ref()?.responses.get(name))
                .and_then(|r| match r {
                    ReferenceOr::Item(r) => Some(r),
                    ReferenceOr::Reference { .. } => None,
                }),
        }
    }

    /// The JSON media types `response` declares (`application/json`, `application/ld+json`...),
    /// in document order, as written without parameters.
    fn json_media_of(&self, response: &'a ReferenceOr<openapiv3::Response>) -> Vec<String> {
        let response = self.resolved_response(response);
        let mut media: Vec<String> = Vec::new();
        for key in response.into_iter().flat_map(|r| r.content.keys()) {
            let essence = key.split(';').next().unwrap_or("").trim().to_owned();
            if is_json(&essence) && !media.contains(&essence) {
                media.push(essence);
            }
        }
        media
    }

    pub(super) fn response_body(
        &mut self,
        r: &'a openapiv3::Response,
        hint: &str,
        ptr: &str,
    ) -> Result<(String, ResponseBody), Error> {
        let chosen = r
            .content
            .iter()
            .find(|(m, _)| is_json(m))
            .or_else(|| r.content.iter().next());
        let body = match chosen {
            None => ResponseBody::Empty,
            Some((media, content)) if is_json(media) => {
                let schema_ptr = format!("{ptr}/content/{}/schema", escape_pointer(media));
                match &content.schema {
                    Some(schema) => {
                        ResponseBody::Json(self.schema_type(schema, hint, &schema_ptr)?)
                    }
                    None => ResponseBody::Json(TypeRef::Json),
                }
            }
            Some((media, _)) => ResponseBody::Bytes {
                media_type: media.clone(),
            },
        };
        Ok((r.description.clone(), body))
    }
}
