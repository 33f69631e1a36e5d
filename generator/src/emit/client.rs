//! Emission of the operations (`src/operations.rs`) and the crate root (`src/lib.rs`).

use super::{doc_attrs, doc_lines, doc_text, ident, type_tokens, Ctx};
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
fn return_type(ctx: &Ctx, op: &Operation) -> TokenStream {
    match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(ty)) => type_tokens(ctx, ty),
        Some(ResponseBody::Bytes { .. }) => quote! { ::bytes::Bytes },
        Some(ResponseBody::Empty) | None => quote! { () },
    }
}

fn body_type(ctx: &Ctx, op: &Operation) -> Option<TokenStream> {
    op.body.as_ref().map(|b| match b.encoding {
        BodyEncoding::Json | BodyEncoding::Form => type_tokens(ctx, &b.ty),
        BodyEncoding::Multipart => quote! { ::reqwest::multipart::Form },
        BodyEncoding::Raw => quote! { ::bytes::Bytes },
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
                let ty = type_tokens(ctx, ty);
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

/// One operation: the client method, the request builder and its impls.
pub fn operation(ctx: &Ctx, op: &Operation) -> TokenStream {
    let builder = ident(&op.builder_name);
    let method_name = ident(&op.method_name);
    let docs = doc_lines(&operation_docs(op));
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let body_required = op.body.as_ref().is_some_and(|b| b.required);

    // Fields of the builder.
    let mut fields = Vec::new();
    for p in &required {
        let name = ident(&p.rust_name);
        let ty = type_tokens(ctx, &p.ty);
        fields.push(quote! { #name: #ty, });
    }
    for p in &optional {
        let name = ident(&p.rust_name);
        let ty = type_tokens(ctx, &p.ty);
        fields.push(quote! { #name: ::std::option::Option<#ty>, });
    }
    if let Some(ty) = body_type(ctx, op) {
        if body_required {
            fields.push(quote! { body: #ty, });
        } else {
            fields.push(quote! { body: ::std::option::Option<#ty>, });
        }
    }

    // Arguments of the client method and of `new`.
    let mut args = Vec::new();
    let mut arg_names = Vec::new();
    let mut inits = Vec::new();
    for p in &required {
        let name = ident(&p.rust_name);
        let ty = type_tokens(ctx, &p.ty);
        if is_string(&p.ty) {
            args.push(quote! { #name: impl ::std::convert::Into<#ty> });
            inits.push(quote! { #name: #name.into(), });
        } else {
            args.push(quote! { #name: #ty });
            inits.push(quote! { #name, });
        }
        arg_names.push(quote! { #name });
    }
    for p in &optional {
        let name = ident(&p.rust_name);
        inits.push(quote! { #name: ::std::option::Option::None, });
    }
    if let Some(ty) = body_type(ctx, op) {
        if body_required {
            args.push(quote! { body: #ty });
            arg_names.push(quote! { body });
            inits.push(quote! { body, });
        } else {
            inits.push(quote! { body: ::std::option::Option::None, });
        }
    }

    // Setters for optional parameters and an optional body.
    let mut setters = Vec::new();
    for p in &optional {
        let name = ident(&p.rust_name);
        let ty = type_tokens(ctx, &p.ty);
        let doc = doc_attrs(&p.docs, &format!("Sets the `{}` parameter.", p.wire_name));
        if is_string(&p.ty) {
            setters.push(quote! {
                #doc
                pub fn #name(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                    self.#name = ::std::option::Option::Some(value.into());
                    self
                }
            });
        } else {
            setters.push(quote! {
                #doc
                pub fn #name(mut self, value: #ty) -> Self {
                    self.#name = ::std::option::Option::Some(value);
                    self
                }
            });
        }
    }
    if let (Some(ty), false) = (body_type(ctx, op), body_required) {
        let body = op.body.as_ref().expect("a body type implies a body");
        let doc = doc_attrs(&body.docs, "Sets the request body.");
        setters.push(quote! {
            #doc
            pub fn body(mut self, value: #ty) -> Self {
                self.body = ::std::option::Option::Some(value);
                self
            }
        });
    }

    // The path.
    let path_pushes = op.path_segments.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote! { path.push_str(#text); },
        PathSegment::Param(i) => {
            let name = ident(&op.params[*i].rust_name);
            quote! { path.push_str(&crate::runtime::path_segment(&crate::runtime::ParamScalar::to_param(&self.#name))); }
        }
    });

    // Query, header and cookie parameters.
    let mut query_writes = Vec::new();
    let mut header_writes = Vec::new();
    let mut cookie_writes = Vec::new();
    for p in &op.params {
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        match p.location {
            ParamLocation::Path => {}
            ParamLocation::Query => {
                let style = match p.style {
                    QueryStyle::Form { explode } => {
                        quote! { crate::runtime::Style::Form { explode: #explode } }
                    }
                    QueryStyle::DeepObject => quote! { crate::runtime::Style::DeepObject },
                    QueryStyle::SpaceDelimited => quote! { crate::runtime::Style::SpaceDelimited },
                    QueryStyle::PipeDelimited => quote! { crate::runtime::Style::PipeDelimited },
                };
                query_writes.push(quote! { crate::runtime::QueryValue::write(&self.#name, #wire, #style, &mut query); });
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

    let method = ident(op.method.as_str());
    let op_id = &op.operation_id;
    let path_template = &op.path;
    let ret = return_type(ctx, op);
    let (accept, finish) = match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(_)) => {
            let type_name = response_type_name(ctx, op);
            (
                quote! { "application/json" },
                quote! { crate::runtime::send_json(self.prepare(), #type_name) },
            )
        }
        Some(ResponseBody::Bytes { media_type }) => {
            // Errors come back as JSON: accept it too, so a server that negotiates answers an
            // error with its JSON body rather than with the success media type.
            let json_errors = op
                .responses
                .iter()
                .any(|r| !r.status.is_success() && matches!(r.body, ResponseBody::Json(_)));
            let accept = if json_errors && !media_type.contains("json") {
                format!("{media_type}, application/json")
            } else {
                media_type.clone()
            };
            (
                quote! { #accept },
                quote! { crate::runtime::send_bytes(self.prepare()) },
            )
        }
        Some(ResponseBody::Empty) | None => (
            quote! { "application/json" },
            quote! { crate::runtime::send_empty(self.prepare()) },
        ),
    };
    // A multipart form cannot be cloned, so neither can its request builder.
    let derive = if op
        .body
        .as_ref()
        .is_some_and(|b| b.encoding == BodyEncoding::Multipart)
    {
        quote! { #[derive(::std::fmt::Debug)] }
    } else {
        quote! { #[derive(::std::fmt::Debug, ::std::clone::Clone)] }
    };
    let request_mut = if header_writes.is_empty() && cookies.is_none() && body_send.is_none() {
        quote! {}
    } else {
        quote! { mut }
    };

    let example = super::examples::operation_example(ctx, op)
        .map(|example| format!("\n\n# Example\n\n{example}"))
        .unwrap_or_default();
    let client_doc = doc_lines(&format!(
        "{}\n\nReturns a [`{}`](crate::operations::{}) request: set optional parameters on it, then `.send().await`.{example}",
        operation_docs(op),
        op.builder_name,
        op.builder_name,
    ));
    let builder_doc = format!(
        " Request builder for [`Client::{}`](crate::Client::{}).",
        op.method_name.trim_start_matches("r#"),
        op.method_name.trim_start_matches("r#")
    );

    let streaming = matches!(
        op.success().map(|r| &r.body),
        Some(ResponseBody::Bytes { .. })
    )
    .then(|| {
        quote! {
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
        }
    });

    let errors = error_enum(ctx, op);
    let paging = op
        .pagination
        .as_ref()
        .map(|p| pagination(ctx, op, p, &ret))
        .unwrap_or_default();

    quote! {
        impl crate::Client {
            #client_doc
            pub fn #method_name(&self, #(#args),*) -> #builder<'_> {
                #builder { client: self, #(#inits)* options: ::std::default::Default::default() }
            }
        }

        #[doc = #builder_doc]
        ///
        #docs
        #derive
        #[must_use = "a request does nothing until `.send().await`"]
        pub struct #builder<'a> {
            client: &'a crate::Client,
            #(#fields)*
            options: crate::runtime::RequestOptions,
        }

        impl<'a> #builder<'a> {
            #(#setters)*

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

            /// Sends the request and decodes the response.
            pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<#ret, crate::Error>> + ::std::marker::Send + 'a {
                #finish
            }

            #streaming

            /// Builds the request; [`send`](Self::send) sends it through the runtime (with retries).
            fn prepare(self) -> ::std::result::Result<crate::runtime::Prepared<'a>, crate::Error> {
                let mut path = ::std::string::String::new();
                #(#path_pushes)*
                let mut query = crate::runtime::Query::new();
                #(#query_writes)*
                self.options.write_query(&mut query);
                let #request_mut request = self.options.apply(
                    self.client
                        .request(::reqwest::Method::#method, &path, query)?
                        .header(::reqwest::header::ACCEPT, #accept),
                );
                #(#header_writes)*
                #cookies
                #body_send
                ::std::result::Result::Ok(crate::runtime::Prepared {
                    client: self.client,
                    request,
                    operation: #op_id,
                    path: #path_template,
                    options: self.options,
                })
            }
        }

        #paging

        #errors
    }
}

/// `pages()` and `items()` streams of a paginated list operation, with the two helpers that
/// read and set the page number on the builder.
fn pagination(ctx: &Ctx, op: &Operation, p: &Pagination, page_ty: &TokenStream) -> TokenStream {
    let builder = ident(&op.builder_name);
    let item = type_tokens(ctx, &p.item);
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

/// `src/lib.rs`: crate docs from the README, modules and re-exports.
pub fn lib_rs(_ctx: &Ctx) -> TokenStream {
    quote! {
        #![doc = include_str!("../README.md")]
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        #[rustfmt::skip]
        mod client;
        #[rustfmt::skip]
        mod error;
        #[rustfmt::skip]
        pub mod operations;
        #[rustfmt::skip]
        pub mod formats;
        #[rustfmt::skip]
        pub mod retry;
        #[rustfmt::skip]
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
        pub use client::{Client, ClientBuilder, API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL, DEFAULT_TIMEOUT};
        pub use error::{ApiError, DecodeError, Error, ErrorObject, ErrorSource, TypedError};
        pub use formats::{Date, DateTime, FormatError, Uuid};
        pub use retry::{Clock, TokioClock};
    }
}
