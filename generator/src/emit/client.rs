//! Emission of the operations (`src/operations.rs`) and the crate root (`src/lib.rs`).

use super::syntax::{self, fragment};
use super::{doc_lines, doc_text, ident, Ctx};
use crate::ir::{
    BodyEncoding, Operation, PageControl, Pagination, Param, ParamLocation, PathSegment, Primitive,
    QueryStyle, ResponseBody, Status, TypeRef,
};
use proc_macro2::TokenStream;
use quote::quote;

fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::String { .. }))
}

/// What `send` returns.
fn return_type(ctx: &Ctx, op: &Operation) -> syn::Type {
    match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(ty)) => syntax::type_ref(ctx, ty),
        Some(ResponseBody::Bytes { .. }) => syntax::path_type(syntax::path("::bytes::Bytes")),
        Some(ResponseBody::Empty) | None => syn::Type::Tuple(syn::TypeTuple {
            paren_token: Default::default(),
            elems: Default::default(),
        }),
    }
}

fn body_type(ctx: &Ctx, op: &Operation) -> Option<syn::Type> {
    op.body.as_ref().map(|b| match b.encoding {
        BodyEncoding::Json | BodyEncoding::Form => syntax::type_ref(ctx, &b.ty),
        BodyEncoding::Multipart => syntax::path_type(syntax::path("::reqwest::multipart::Form")),
        BodyEncoding::Raw => syntax::path_type(syntax::path("::bytes::Bytes")),
    })
}

/// The doc comment of an operation: prose, the HTTP request line and the documented errors.
pub fn operation_docs(op: &Operation) -> String {
    let mut text = doc_text(&op.docs, &format!("The `{}` operation.", op.operation_id));
    text.push_str(&format!(
        "\n\n`{} {}` (operation `{}`).",
        op.method.as_str(),
        op.path,
        op.operation_id
    ));
    if op.deprecated {
        text.push_str("\n\n**Deprecated** in the API description.");
    }
    let errors: Vec<String> = op
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .map(|r| {
            let status = match &r.status {
                Status::Code(c) => c.to_string(),
                Status::Range(r) => format!("{r}XX"),
                Status::Default => "other statuses".to_string(),
            };
            format!("- {status}: {}", r.description.trim().replace('\n', " "))
        })
        .collect();
    if !errors.is_empty() {
        text.push_str("\n\n# Errors\n\nReturns [`Error::Api`](crate::Error::Api) for the documented error responses");
        if let Some(e) = &op.error_enum {
            text.push_str(&format!(
                ", which [`Error::typed`](crate::Error::typed) decodes into a [`{0}`](crate::operations::{0})",
                e.name
            ));
        }
        text.push_str(":\n");
        text.push_str(&errors.join("\n"));
    }
    text
}

/// The status a response is documented for, as the docs write it: `404 Not Found`, `418`,
/// `4XX`, `other statuses`.
fn status_text(status: &Status) -> String {
    match status {
        Status::Code(c) => match crate::names::reason_phrase(*c) {
            Some(reason) => format!("{c} {reason}"),
            None => c.to_string(),
        },
        Status::Range(r) => format!("{r}XX"),
        Status::Default => "other statuses".to_string(),
    }
}

/// The enum of an operation's documented error responses and its one function, the
/// `TypedError` impl that picks the variant by status (exact code, then range, then
/// `default`) and decodes the body with the shared `error_body` helper.
fn error_enum(ctx: &Ctx, op: &Operation) -> TokenStream {
    let Some(e) = &op.error_enum else {
        return quote! {};
    };
    let name = ident(&e.name);
    let method = op.method_name.trim_start_matches("r#");
    let doc = doc_lines(&format!(
        "The documented error responses of [`Client::{method}`](crate::Client::{method}), one \
         variant per status.\n\nDecoded from an error with [`Error::typed`](crate::Error::typed): \
         `None` when the status is not documented or the body does not decode."
    ));
    let mut defs = Vec::new();
    let (mut codes, mut ranges, mut default) = (Vec::new(), Vec::new(), None);
    for v in &e.variants {
        let response = &op.responses[v.response];
        let vname = ident(&v.rust_name);
        let description = super::doc_prose(&response.description);
        let mut doc = match response.status {
            Status::Code(_) => status_text(&response.status),
            Status::Range(r) => format!("{r}XX, any other {r}xx status"),
            Status::Default => "Any other status".to_string(),
        };
        if !description.is_empty() {
            doc.push_str(&format!(": {description}"));
        }
        let (def, value) = match &response.body {
            ResponseBody::Json(ty) => {
                let ty = syntax::type_ref(ctx, ty);
                (
                    quote! { #vname(#ty), },
                    quote! { crate::runtime::error_body(error).map(Self::#vname) },
                )
            }
            ResponseBody::Empty | ResponseBody::Bytes { .. } => {
                doc.push_str("\n\nNo JSON body is documented: the raw body is in [`ApiError::body`](crate::ApiError::body).");
                (
                    quote! { #vname, },
                    quote! { ::std::option::Option::Some(Self::#vname) },
                )
            }
        };
        let doc = doc_lines(&doc);
        defs.push(quote! { #doc #def });
        match response.status {
            Status::Code(c) => {
                let c = proc_macro2::Literal::u16_unsuffixed(c);
                codes.push(quote! { #c => #value, });
            }
            Status::Range(r) => {
                let low = proc_macro2::Literal::u16_unsuffixed(r.saturating_mul(100));
                let high =
                    proc_macro2::Literal::u16_unsuffixed(r.saturating_mul(100).saturating_add(99));
                ranges.push(quote! { #low..=#high => #value, });
            }
            Status::Default => default = Some(value),
        }
    }
    // An exact code inside a range is matched first, as the document means it.
    let overlap = (!ranges.is_empty()).then(|| quote! { #[allow(clippy::match_overlapping_arm)] });
    let body = if codes.is_empty() && ranges.is_empty() {
        // Only `default`: no `match` with a single arm.
        default.unwrap_or_else(|| quote! { ::std::option::Option::None })
    } else {
        let default = default.unwrap_or_else(|| quote! { ::std::option::Option::None });
        quote! {
            match error.status {
                #(#codes)*
                #(#ranges)*
                _ => #default,
            }
        }
    };
    // A payload may be much larger than a unit variant; the value is short-lived, not boxed.
    quote! {
        #doc
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#defs)*
        }

        impl crate::TypedError for #name {
            #overlap
            fn from_api(error: &crate::ApiError) -> ::std::option::Option<Self> {
                #body
            }
        }
    }
}

/// `src/operations.rs`.
/// `src/operations/mod.rs`: each tag's module behind its feature, re-exported flat so every
/// request builder is `crate::operations::Name`.
pub fn operations_mod(ctx: &Ctx) -> TokenStream {
    let items = ctx.features.modules.iter().map(|(module, feature)| {
        let module = super::ident(module);
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            mod #module;
            #[cfg(feature = #feature)]
            pub use #module::*;
        }
    });
    quote! { #(#items)* }
}

/// One operation: the client method, the request builder and its impls, or what did not parse
/// when the emitter wrote tokens that are not Rust (an internal error).
///
/// Every operation repeats the client method, the builder struct and its setters, so those are
/// built as syntax trees (see [`super::syntax`]); `prepare`, paging and the error enum vary
/// more and are written as tokens.
pub fn operation(ctx: &Ctx, op: &Operation) -> Result<Vec<syn::Item>, String> {
    let builder = op.builder_name.as_str();
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let body_required = op.body.as_ref().is_some_and(|b| b.required);
    let option_of = |ty: syn::Type| syntax::generic("::std::option::Option", [ty]);
    let none = || syntax::path_expr("::std::option::Option::None");

    // Fields of the builder.
    let mut fields = vec![client_field()];
    for p in &required {
        let ty = syntax::type_ref(ctx, &p.ty);
        fields.push(syntax::named_field(
            Vec::new(),
            false,
            syntax::ident(&p.rust_name),
            ty,
        ));
    }
    for p in &optional {
        let ty = option_of(syntax::type_ref(ctx, &p.ty));
        fields.push(syntax::named_field(
            Vec::new(),
            false,
            syntax::ident(&p.rust_name),
            ty,
        ));
    }
    if let Some(ty) = body_type(ctx, op) {
        let ty = if body_required { ty } else { option_of(ty) };
        fields.push(syntax::named_field(
            Vec::new(),
            false,
            syntax::ident("body"),
            ty,
        ));
    }
    fields.push(options_field());

    // Arguments of the client method and the fields they set.
    let mut method = client_fn();
    method.attrs = syntax::doc_attrs(&client_docs(ctx, op));
    method.sig.ident = syntax::ident(&op.method_name);
    method.sig.output = syn::ReturnType::Type(
        Default::default(),
        Box::new(syntax::with_lifetime(builder, "'_")),
    );
    let mut inits = vec![(syntax::ident("client"), Some(syntax::path_expr("self")))];
    for p in &required {
        let ty = syntax::type_ref(ctx, &p.ty);
        let name = syntax::ident(&p.rust_name);
        if is_string(&p.ty) {
            method
                .sig
                .inputs
                .push(syntax::arg(name.clone(), syntax::impl_into(ty)));
            let value = syntax::method_call(syntax::path_expr(&p.rust_name), "into", []);
            inits.push((name, Some(value)));
        } else {
            method.sig.inputs.push(syntax::arg(name.clone(), ty));
            inits.push((name, None));
        }
    }
    for p in &optional {
        inits.push((syntax::ident(&p.rust_name), Some(none())));
    }
    if let Some(ty) = body_type(ctx, op) {
        if body_required {
            method
                .sig
                .inputs
                .push(syntax::arg(syntax::ident("body"), ty));
            inits.push((syntax::ident("body"), None));
        } else {
            inits.push((syntax::ident("body"), Some(none())));
        }
    }
    inits.push((
        syntax::ident("options"),
        Some(syntax::call("::std::default::Default::default", [])),
    ));
    method.block = syntax::block(vec![syn::Stmt::Expr(
        syntax::struct_expr(builder, inits),
        None,
    )]);

    // Setters for optional parameters and an optional body.
    let mut methods = Vec::new();
    for p in &optional {
        let ty = syntax::type_ref(ctx, &p.ty);
        let docs = doc_text(&p.docs, &format!("Sets the `{}` parameter.", p.wire_name));
        methods.push(setter(&p.rust_name, ty, is_string(&p.ty), &docs));
    }
    if let (Some(ty), false) = (body_type(ctx, op), body_required) {
        let docs = op
            .body
            .as_ref()
            .map(|body| doc_text(&body.docs, "Sets the request body."))
            .unwrap_or_default();
        methods.push(setter("body", ty, false, &docs));
    }
    methods.extend(request_option_methods().items);
    let ret = return_type(ctx, op);
    let mut send = send_fn();
    send.sig.output = syn::ReturnType::Type(
        Default::default(),
        Box::new(syntax::impl_trait_send(
            "::std::future::Future",
            "Output",
            syntax::generic(
                "::std::result::Result",
                [ret.clone(), syntax::path_type(syntax::path("crate::Error"))],
            ),
        )),
    );
    let prepared = syntax::method_call(syntax::path_expr("self"), "prepare", []);
    let finish = match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(_)) => syntax::call(
            "crate::runtime::send_json",
            [prepared, syntax::str_lit(&response_type_name(ctx, op))],
        ),
        Some(ResponseBody::Bytes { .. }) => syntax::call("crate::runtime::send_bytes", [prepared]),
        Some(ResponseBody::Empty) | None => syntax::call("crate::runtime::send_empty", [prepared]),
    };
    send.block = syntax::block(vec![syn::Stmt::Expr(finish, None)]);
    methods.push(syn::ImplItem::Fn(send));
    if matches!(
        op.success().map(|r| &r.body),
        Some(ResponseBody::Bytes { .. })
    ) {
        methods.push(syn::ImplItem::Fn(send_stream_fn()));
    }
    methods.push(syn::ImplItem::Fn(prepare(op)?));

    // A multipart form cannot be cloned, so neither can its request builder.
    let multipart = op
        .body
        .as_ref()
        .is_some_and(|b| b.encoding == BodyEncoding::Multipart);
    let method_name = op.method_name.trim_start_matches("r#");
    let mut attrs = vec![
        syntax::doc_attr(&format!(
            " Request builder for [`Client::{method_name}`](crate::Client::{method_name})."
        )),
        syntax::doc_attr(""),
    ];
    attrs.extend(syntax::doc_attrs(&operation_docs(op)));
    attrs.push(if multipart {
        derive_debug()
    } else {
        derive_debug_clone()
    });
    attrs.push(must_use());
    let mut builder_struct = syntax::item_struct(
        attrs,
        syn::Visibility::Public(Default::default()),
        syntax::ident(builder),
        fields,
    );
    builder_struct.generics = lifetime_a();
    let mut builder_impl = builder_impl();
    builder_impl.self_ty = Box::new(syntax::with_lifetime(builder, "'a"));
    builder_impl.items = methods;

    let mut items = vec![
        syntax::impl_for(
            client_impl(),
            "crate::Client",
            vec![syn::ImplItem::Fn(method)],
        ),
        syn::Item::Struct(builder_struct),
        syn::Item::Impl(builder_impl),
    ];
    let errors = error_enum(ctx, op);
    let paging = op
        .pagination
        .as_ref()
        .map(|p| pagination(ctx, op, p, &ret))
        .unwrap_or_default();
    items.extend(super::parse_items(quote! { #paging #errors })?);
    Ok(items)
}

/// The docs of the client method: the operation's, what it returns, and an example.
fn client_docs(ctx: &Ctx, op: &Operation) -> String {
    let example = super::examples::operation_example(ctx, op)
        .map(|example| format!("\n\n# Example\n\n{example}"))
        .unwrap_or_default();
    format!(
        "{}\n\nReturns a [`{}`](crate::operations::{}) request: set optional parameters on it, then `.send().await`.{example}",
        operation_docs(op),
        op.builder_name,
        op.builder_name,
    )
}

/// `pub fn name(mut self, value: T) -> Self` (`impl Into<T>` for strings), setting an optional
/// field of a request builder.
fn setter(name: &str, ty: syn::Type, into: bool, docs: &str) -> syn::ImplItem {
    let mut f = setter_fn();
    f.attrs = syntax::doc_attrs(docs);
    f.sig.ident = syntax::ident(name);
    let value = if into {
        if let Some(syn::FnArg::Typed(arg)) = f.sig.inputs.iter_mut().nth(1) {
            *arg.ty = syntax::impl_into(ty);
        }
        syntax::method_call(syntax::path_expr("value"), "into", [])
    } else {
        if let Some(syn::FnArg::Typed(arg)) = f.sig.inputs.iter_mut().nth(1) {
            *arg.ty = ty;
        }
        syntax::path_expr("value")
    };
    f.block = syntax::block(vec![
        syntax::stmt(syntax::assign(
            syntax::field("self", name),
            syntax::call("::std::option::Option::Some", [value]),
        )),
        syn::Stmt::Expr(syntax::path_expr("self"), None),
    ]);
    syn::ImplItem::Fn(f)
}

fragment!(client_impl: syn::ItemImpl = impl crate::Client {});
fragment!(client_fn: syn::ImplItemFn = pub fn __method(&self) -> __Builder<'_> {});
fragment!(client_field: syn::Field = client: &'a crate::Client);
fragment!(options_field: syn::Field = options: crate::runtime::RequestOptions);
fragment!(lifetime_a: syn::Generics = <'a>);
fragment!(builder_impl: syn::ItemImpl = impl<'a> __Builder<'a> {});
fragment!(derive_debug: syn::Attribute = #[derive(::std::fmt::Debug)]);
fragment!(derive_debug_clone: syn::Attribute = #[derive(::std::fmt::Debug, ::std::clone::Clone)]);
fragment!(must_use: syn::Attribute = #[must_use = "a request does nothing until `.send().await`"]);
fragment!(setter_fn: syn::ImplItemFn = pub fn __name(mut self, value: __T) -> Self {});
fragment!(
    /// The methods every request builder has after its setters.
    request_option_methods: syn::ItemImpl = impl __Builder {
        /// Overrides the client's number of retries for this request only (`0`: no retry).
        /// The retry policy of [`crate::retry`] still decides which failures are retried.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = ::std::option::Option::Some(retries);
            self
        }

        /// Overrides the client's timeout for this request only.
        pub fn request_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.options.timeout = ::std::option::Option::Some(timeout);
            self
        }

        /// Adds a header the API description does not list.
        pub fn extra_header(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }

        /// Adds a query parameter the API description does not list (sent after the documented ones).
        pub fn extra_query(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.options.query.push((name.into(), value.into()));
            self
        }
    }
);
fragment!(
    send_fn: syn::ImplItemFn =
        /// Sends the request and decodes the response.
        pub fn send(self) -> () {}
);
fragment!(
    send_stream_fn: syn::ImplItemFn =
        /// Sends the request and returns the body as a stream of chunks as they arrive, for
        /// large downloads that should not sit in memory at once. Retries apply until the
        /// response starts; an error while reading the body ends the stream with that error.
        pub fn send_stream(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                impl ::futures_core::Stream<Item = ::std::result::Result<::bytes::Bytes, crate::Error>> + ::std::marker::Send,
                crate::Error,
            >,
        > + ::std::marker::Send + 'a {
            crate::runtime::send_stream(self.prepare())
        }
);

/// `fn prepare`: builds the request of an operation. The statements every operation has are
/// built as syntax trees; headers, cookies and the body, which vary more, are parsed from tokens.
fn prepare(op: &Operation) -> Result<syn::ImplItemFn, String> {
    let mut stmts = vec![new_path()];
    // The path.
    for segment in &op.path_segments {
        let piece = match segment {
            PathSegment::Literal(text) => syntax::str_lit(text),
            PathSegment::Param(i) => syntax::reference(
                syntax::call(
                    "crate::runtime::path_segment",
                    [syntax::reference(
                        syntax::call(
                            "crate::runtime::ParamScalar::to_param",
                            [syntax::reference(
                                syntax::field("self", &op.params[*i].rust_name),
                                false,
                            )],
                        ),
                        false,
                    )],
                ),
                false,
            ),
        };
        stmts.push(syntax::stmt(syntax::method_call(
            syntax::path_expr("path"),
            "push_str",
            [piece],
        )));
    }

    // Query, header and cookie parameters.
    stmts.push(new_query());
    let mut header_writes = Vec::new();
    let mut cookie_writes = Vec::new();
    for p in &op.params {
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        match p.location {
            ParamLocation::Path => {}
            ParamLocation::Query => {
                let style = match p.style {
                    QueryStyle::Form { explode } => syntax::struct_expr(
                        "crate::runtime::Style::Form",
                        [(syntax::ident("explode"), Some(syntax::bool_lit(explode)))],
                    ),
                    QueryStyle::DeepObject => {
                        syntax::path_expr("crate::runtime::Style::DeepObject")
                    }
                    QueryStyle::SpaceDelimited => {
                        syntax::path_expr("crate::runtime::Style::SpaceDelimited")
                    }
                    QueryStyle::PipeDelimited => {
                        syntax::path_expr("crate::runtime::Style::PipeDelimited")
                    }
                };
                stmts.push(syntax::stmt(syntax::call(
                    "crate::runtime::QueryValue::write",
                    [
                        syntax::reference(syntax::field("self", &p.rust_name), false),
                        syntax::str_lit(wire),
                        style,
                        syntax::reference(syntax::path_expr("query"), true),
                    ],
                )));
            }
            ParamLocation::Header => {
                let value = quote! { crate::runtime::ParamScalar::to_param(value) };
                header_writes.push(if p.required {
                    quote! { let value = &self.#name; request = request.header(#wire, #value); }
                } else {
                    quote! { if let ::std::option::Option::Some(value) = &self.#name { request = request.header(#wire, #value); } }
                });
            }
            ParamLocation::Cookie => {
                let value = quote! { ::std::format!("{}={}", #wire, crate::runtime::ParamScalar::to_param(value)) };
                cookie_writes.push(if p.required {
                    quote! { let value = &self.#name; cookies.push(#value); }
                } else {
                    quote! { if let ::std::option::Option::Some(value) = &self.#name { cookies.push(#value); } }
                });
            }
        }
    }
    stmts.push(write_query());
    let cookies = (!cookie_writes.is_empty()).then(|| {
        quote! {
            let mut cookies: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            #(#cookie_writes)*
            request = request.header(::reqwest::header::COOKIE, cookies.join("; "));
        }
    });

    let body_send = op.body.as_ref().map(|b| {
        let attach = match b.encoding {
            BodyEncoding::Json => quote! { request = request.json(body); },
            BodyEncoding::Form => quote! { request = request.form(body); },
            // The form is consumed; reqwest sets the boundary in the Content-Type.
            BodyEncoding::Multipart => quote! { request = request.multipart(body); },
            BodyEncoding::Raw => {
                let media = &b.media_type;
                quote! { request = request.header(::reqwest::header::CONTENT_TYPE, #media).body(body.clone()); }
            }
        };
        let body = if b.encoding == BodyEncoding::Multipart {
            quote! { self.body }
        } else {
            quote! { &self.body }
        };
        if b.required {
            quote! { let body = #body; #attach }
        } else {
            quote! { if let ::std::option::Option::Some(body) = #body { #attach } }
        }
    });

    let accept = match op.success().map(|r| &r.body) {
        Some(ResponseBody::Bytes { media_type }) => {
            // Errors come back as JSON: accept it too, so a server that negotiates answers an
            // error with its JSON body rather than with the success media type.
            let json_errors = op
                .responses
                .iter()
                .any(|r| !r.status.is_success() && matches!(r.body, ResponseBody::Json(_)));
            if json_errors && !media_type.contains("json") {
                format!("{media_type}, application/json")
            } else {
                media_type.clone()
            }
        }
        Some(ResponseBody::Json(_) | ResponseBody::Empty) | None => "application/json".to_string(),
    };
    // `let [mut] request = self.options.apply(self.client.request(METHOD, &path, query)?
    //     .header(ACCEPT, accept));`
    let request = syntax::method_call(
        syntax::try_expr(syntax::method_call(
            syntax::field("self", "client"),
            "request",
            [
                syntax::path_expr(&format!("::reqwest::Method::{}", op.method.as_str())),
                syntax::reference(syntax::path_expr("path"), false),
                syntax::path_expr("query"),
            ],
        )),
        "header",
        [
            syntax::path_expr("::reqwest::header::ACCEPT"),
            syntax::str_lit(&accept),
        ],
    );
    let mutable = !(header_writes.is_empty() && cookies.is_none() && body_send.is_none());
    stmts.push(syntax::let_stmt(
        "request",
        mutable,
        syntax::method_call(syntax::field("self", "options"), "apply", [request]),
    ));
    let rest = quote! { #(#header_writes)* #cookies #body_send };
    if !rest.is_empty() {
        stmts.extend(
            syn::parse::Parser::parse2(syn::Block::parse_within, rest)
                .map_err(|e| format!("does not parse as Rust: {e}"))?,
        );
    }
    let prepared = syntax::struct_expr(
        "crate::runtime::Prepared",
        [
            (
                syntax::ident("client"),
                Some(syntax::field("self", "client")),
            ),
            (syntax::ident("request"), None),
            (
                syntax::ident("operation"),
                Some(syntax::str_lit(&op.operation_id)),
            ),
            (syntax::ident("path"), Some(syntax::str_lit(&op.path))),
            (
                syntax::ident("options"),
                Some(syntax::field("self", "options")),
            ),
        ],
    );
    stmts.push(syn::Stmt::Expr(
        syntax::call("::std::result::Result::Ok", [prepared]),
        None,
    ));
    let mut prepare = prepare_fn();
    prepare.block = syntax::block(stmts);
    Ok(prepare)
}

fragment!(
    prepare_fn: syn::ImplItemFn =
        /// Builds the request; [`send`](Self::send) sends it through the runtime (with retries).
        fn prepare(self) -> ::std::result::Result<crate::runtime::Prepared<'a>, crate::Error> {}
);
fragment!(new_path: syn::Stmt = let mut path = ::std::string::String::new(););
fragment!(new_query: syn::Stmt = let mut query = crate::runtime::Query::new(););
fragment!(write_query: syn::Stmt = self.options.write_query(&mut query););

/// `pages()` and `items()` streams of a paginated list operation, with the two helpers that
/// read and set the page number on the builder.
fn pagination(ctx: &Ctx, op: &Operation, p: &Pagination, page_ty: &syn::Type) -> TokenStream {
    let builder = ident(&op.builder_name);
    let item = syntax::type_ref(ctx, &p.item);
    let param = |i: usize| &op.params[i];
    let (current, set) = match &p.control {
        PageControl::Object {
            param: i,
            number_field,
        } => {
            let field = ident(&param(*i).rust_name);
            let number = ident(number_field);
            if param(*i).required {
                (
                    quote! { crate::runtime::PageNumber::get(&self.#field.#number) },
                    quote! { self.#field.#number = crate::runtime::PageNumber::from_page(number)?; },
                )
            } else {
                (
                    quote! { self.#field.as_ref().and_then(|page| crate::runtime::PageNumber::get(&page.#number)) },
                    quote! {
                        let mut page = self.#field.take().unwrap_or_default();
                        page.#number = crate::runtime::PageNumber::from_page(number)?;
                        self.#field = ::std::option::Option::Some(page);
                    },
                )
            }
        }
        PageControl::Scalar { param: i } => {
            let field = ident(&param(*i).rust_name);
            if param(*i).required {
                (
                    quote! { crate::runtime::PageNumber::get(&self.#field) },
                    quote! { self.#field = crate::runtime::PageNumber::from_page(number)?; },
                )
            } else {
                (
                    quote! { self.#field.as_ref().and_then(crate::runtime::PageNumber::get) },
                    quote! { self.#field = ::std::option::Option::Some(crate::runtime::PageNumber::from_page(number)?); },
                )
            }
        }
    };
    let items_field = ident(&p.items_field);
    let (has_items, into_items) = if p.items_optional {
        (
            quote! { page.#items_field.as_ref().is_some_and(|items| !items.is_empty()) },
            quote! { page.#items_field.unwrap_or_default() },
        )
    } else {
        (
            quote! { !page.#items_field.is_empty() },
            quote! { page.#items_field },
        )
    };
    let meta_field = ident(&p.meta_field);
    let total = ident(&p.total_pages_field);
    let meta_number = p.page_number_field.as_deref().map(ident);
    let (total_pages, number) = if p.meta_optional {
        (
            quote! { page.#meta_field.as_ref().and_then(|meta| crate::runtime::PageNumber::get(&meta.#total)) },
            match &meta_number {
                Some(n) => {
                    quote! { page.#meta_field.as_ref().and_then(|meta| crate::runtime::PageNumber::get(&meta.#n)) }
                }
                None => quote! { ::std::option::Option::<i64>::None },
            },
        )
    } else {
        (
            quote! { crate::runtime::PageNumber::get(&page.#meta_field.#total) },
            match &meta_number {
                Some(n) => quote! { crate::runtime::PageNumber::get(&page.#meta_field.#n) },
                None => quote! { ::std::option::Option::<i64>::None },
            },
        )
    };
    let control_name = match &p.control {
        PageControl::Object { param: i, .. } | PageControl::Scalar { param: i } => {
            param(*i).rust_name.trim_start_matches("r#").to_string()
        }
    };
    let pages_doc = doc_lines(&format!(
        "Every page of the listing, as a stream: this request is sent for page 1 (or the page set \
         with [`{control_name}`](Self::{control_name})), then for each following page with all other \
         parameters unchanged. The stream ends after the last page (`meta.total_pages`) or at a page \
         without items; an error ends it after being yielded.\n\n\
         Each page is one request, retried like any other."
    ));
    let items_doc = doc_lines(&format!(
        "Every item of every page, as a stream (see [`pages`](Self::pages)).\n\n\
         ```no_run\n\
         # async fn example(client: {krate}::Client) -> Result<(), {krate}::Error> {{\n\
         use {krate}::futures_util::TryStreamExt as _;\n\
         let mut items = ::std::pin::pin!(client.{method}().items());\n\
         while let Some(item) = items.try_next().await? {{\n\
         \x20   println!(\"{{item:?}}\");\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```",
        krate = ctx.crate_name.replace('-', "_"),
        method = op.method_name.trim_start_matches("r#"),
    ));
    let type_name = response_type_name(ctx, op);
    quote! {
        impl<'a> #builder<'a> {
            #pages_doc
            pub fn pages(self) -> impl ::futures_core::Stream<Item = ::std::result::Result<#page_ty, crate::Error>> + ::std::marker::Send + 'a {
                crate::runtime::pages(self)
            }

            #items_doc
            pub fn items(self) -> impl ::futures_core::Stream<Item = ::std::result::Result<#item, crate::Error>> + ::std::marker::Send + 'a {
                crate::runtime::items(self)
            }
        }

        impl<'a> crate::runtime::Paginated<'a> for #builder<'a> {
            type Page = #page_ty;
            type Item = #item;
            const PAGE_TYPE: &'static str = #type_name;
            fn request(self) -> ::std::result::Result<crate::runtime::Prepared<'a>, crate::Error> {
                self.prepare()
            }
            fn current_page(&self) -> ::std::option::Option<i64> {
                #current
            }
            fn with_page(mut self, number: i64) -> ::std::option::Option<Self> {
                #set
                ::std::option::Option::Some(self)
            }
            fn position(page: &Self::Page) -> (bool, ::std::option::Option<i64>, ::std::option::Option<i64>) {
                (#has_items, #number, #total_pages)
            }
            fn into_items(page: Self::Page) -> ::std::vec::Vec<Self::Item> {
                #into_items
            }
        }
    }
}

/// The name a JSON success body is decoded as, for decode errors: its type's name.
fn response_type_name(ctx: &Ctx, op: &Operation) -> String {
    match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(TypeRef::Named(id))) => ctx.api.types.get(*id).name.clone(),
        _ => format!("the {} response", op.operation_id),
    }
}

/// `src/api.rs`: what the runtime needs to know about this API.
pub fn api_rs(ctx: &Ctx) -> TokenStream {
    let base_url = &ctx.api.base_url;
    let env_key = format!("{}_API_KEY", ctx.env_prefix);
    let env_base = format!("{}_BASE_URL", ctx.env_prefix);
    let auth = if ctx.api.bearer_auth {
        quote! { crate::client::Auth::Bearer }
    } else {
        quote! { crate::client::Auth::None }
    };
    quote! {
        /// The base URL used when none is configured.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        /// The environment variable [`Client::from_env`](crate::Client::from_env) reads the API key from.
        pub const API_KEY_ENV: &str = #env_key;
        /// The environment variable [`Client::from_env`](crate::Client::from_env) reads an optional base URL from.
        pub const BASE_URL_ENV: &str = #env_base;
        /// How requests carry the API key.
        pub(crate) const AUTH: crate::client::Auth = #auth;
    }
}

/// `src/lib.rs`: crate docs from the README, modules and re-exports.
pub fn lib_rs(ctx: &Ctx) -> TokenStream {
    // With every operation feature off, nothing sends requests.
    let operation_features = ctx.features.modules.values();
    quote! {
        #![doc = include_str!("../README.md")]
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        #[rustfmt::skip]
        mod api;
        #[cfg_attr(not(any(#(feature = #operation_features),*)), allow(dead_code))]
        mod client;
        mod error;
        pub mod formats;
        #[rustfmt::skip]
        pub mod operations;
        pub mod retry;
        mod runtime;
        #[rustfmt::skip]
        pub mod types;

        // In the order rustfmt sorts them (this file is not skipped by rustfmt).
        /// The `bytes` crate, for the [`Bytes`](bytes::Bytes) that downloads return.
        pub use ::bytes;
        /// The `futures-util` crate, for the combinators (`TryStreamExt`) that consume the page streams.
        pub use ::futures_util;
        /// The `reqwest` crate, for [`ClientBuilder::http_client`] and header types.
        pub use ::reqwest;
        /// The `time` crate, for the values [`DateTime::parse`] and [`Date::parse`] return.
        pub use ::time;
        /// The `uuid` crate, for the values [`Uuid::parse`] returns.
        pub use ::uuid;
        pub use api::{API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};
        pub use client::{Client, ClientBuilder, DEFAULT_TIMEOUT};
        pub use error::{ApiError, DecodeError, Error, ErrorObject, ErrorSource, TypedError};
        pub use formats::{Date, DateTime, FormatError, Uuid};
        pub use retry::{Clock, TokioClock};
    }
}
