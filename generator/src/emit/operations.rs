//! The operations: for each, a method of `Client`, its request builder (setters, the request
//! options, `send`), the private `prepare` that builds the request, paging for list operations,
//! and the enum of its documented error responses. One file per module (tag).

use super::syntax::{self, ident, type_ref, At};
use super::template::template;
use super::{doc_prose, doc_text, Ctx};
use crate::ir::{
    AcceptorMatcher, AcceptorState, BodyEncoding, CursorFrom, ItemsAt, NextPage, Operation,
    PageControl, Pagination, Param, ParamLocation, PathSegment, Primitive, QueryStyle,
    ResponseBody, Status, TypeRef, Waiter,
};

template! {
    fn client_method(cfg: Attrs, docs: Attrs, method: Ident, args: Args, Builder: Ident, inits: Inits) -> syn::ItemImpl {
        #[__cfg]
        impl crate::Client {
            #[__docs]
            pub fn __method(&self, __args: ()) -> __Builder {
                __Builder {
                    client: self.clone(),
                    __inits: (),
                    options: Default::default(),
                }
            }
        }
    }

    fn builder_struct(cfg: Attrs, docs: Attrs, derive: Attrs, Builder: Ident, fields: Fields) -> syn::ItemStruct {
        #[__docs]
        #[__cfg]
        #[__derive]
        #[must_use = "a request does nothing until `.send().await`"]
        pub struct __Builder {
            client: crate::Client,
            __fields: (),
            options: crate::runtime::RequestOptions,
        }
    }

    fn derive_debug_clone() -> Vec<syn::Attribute> {
        #[derive(Debug, Clone)]
    }

    // A multipart form cannot be cloned, so neither can its request builder.
    fn derive_debug() -> Vec<syn::Attribute> {
        #[derive(Debug)]
    }

    fn builder_field(name: Ident, T: Type) -> syn::Field {
        __name: __T
    }

    fn builder_impl(
        Builder: Ident,
        setters: ImplItems,
        Output: Type,
        send: Expr,
        send_with_response: Expr,
        more: ImplItems,
    ) -> syn::ItemImpl {
        impl __Builder {
            __setters! {}

            /// Overrides the client's number of retries for this request only (`0`: no retry).
            /// The retry policy of [`crate::retry`] still decides which failures are retried.
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }

            /// Overrides the client's timeout of each attempt for this request only.
            pub fn request_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// Overrides the client's total timeout for this request only: the longest the
            /// call may take, all attempts and the waits between them included.
            pub fn total_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.total_timeout = Some(timeout);
                self
            }

            /// Adds a header the API description does not list.
            pub fn extra_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.headers.push((name.into(), value.into()));
                self
            }

            /// Adds a query parameter the API description does not list (sent after the
            /// documented ones).
            pub fn extra_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.query.push((name.into(), value.into()));
                self
            }

            /// Sends the request and decodes the response. The future owns what it needs, so it
            /// can be spawned.
            pub fn send(self) -> impl ::std::future::Future<Output = Result<__Output, crate::Error>> + ::std::marker::Send + 'static {
                __send
            }

            /// Sends the request like [`send`](Self::send) and returns the decoded response with
            /// its status, headers and request id.
            pub fn send_with_response(
                self,
            ) -> impl ::std::future::Future<Output = Result<crate::Response<__Output>, crate::Error>> + ::std::marker::Send + 'static {
                __send_with_response
            }

            __more! {}
        }
    }

    fn setter(docs: Attrs, name: Ident, T: Type) -> syn::ImplItem {
        #[__docs]
        pub fn __name(mut self, value: __T) -> Self {
            self.__name = Some(value);
            self
        }
    }

    fn into_setter(docs: Attrs, name: Ident, T: Type) -> syn::ImplItem {
        #[__docs]
        pub fn __name(mut self, value: impl Into<__T>) -> Self {
            self.__name = Some(value.into());
            self
        }
    }

    fn send_json(type_name: Expr) -> syn::Expr {
        crate::runtime::send_json(self.prepare(), __type_name)
    }

    fn send_success() -> syn::Expr {
        crate::runtime::send_success(self.prepare())
    }

    fn send_success_response() -> syn::Expr {
        crate::runtime::send_success_response(self.prepare())
    }

    fn send_bytes() -> syn::Expr {
        crate::runtime::send_bytes(self.prepare())
    }

    fn send_empty() -> syn::Expr {
        crate::runtime::send_empty(self.prepare())
    }

    fn send_json_response(type_name: Expr) -> syn::Expr {
        crate::runtime::send_json_response(self.prepare(), __type_name)
    }

    fn send_bytes_response() -> syn::Expr {
        crate::runtime::send_bytes_response(self.prepare())
    }

    fn send_empty_response() -> syn::Expr {
        crate::runtime::send_empty_response(self.prepare())
    }

    fn send_stream() -> syn::ImplItem {
        /// Sends the request and returns the body as a stream of chunks as they arrive, for
        /// large downloads that should not sit in memory at once. Retries apply until the
        /// response starts; an error while reading the body ends the stream with that error.
        pub fn send_stream(
            self,
        ) -> impl ::std::future::Future<
            Output = Result<
                impl ::futures_core::Stream<Item = Result<::bytes::Bytes, crate::Error>> + ::std::marker::Send,
                crate::Error,
            >,
        > + ::std::marker::Send + 'static {
            crate::runtime::send_stream(self.prepare())
        }
    }
}

/// What `send` returns.
fn return_type(ctx: &Ctx, op: &Operation) -> syn::Type {
    match &op.success_enum {
        Some(e) => operations_type(ident(&e.name)),
        None => first_success_type(ctx, op),
    }
}

/// The type of the first success response's body (a page, for a listing).
fn first_success_type(ctx: &Ctx, op: &Operation) -> syn::Type {
    match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(ty)) => type_ref(ctx, ty, At::Elsewhere),
        Some(ResponseBody::Bytes { .. }) => bytes_type(),
        Some(ResponseBody::Empty) | None => unit_type(),
    }
}

template! {
    fn operations_type(Name: Ident) -> syn::Type { crate::operations::__Name }
    fn bytes_type() -> syn::Type { ::bytes::Bytes }
    fn unit_type() -> syn::Type { () }
    fn multipart_type() -> syn::Type { ::reqwest::multipart::Form }
}

/// The type of the request body the builder holds.
fn body_type(ctx: &Ctx, op: &Operation) -> Option<syn::Type> {
    op.body.as_ref().map(|b| match b.encoding {
        BodyEncoding::Json | BodyEncoding::Form => type_ref(ctx, &b.ty, At::Elsewhere),
        BodyEncoding::Multipart => multipart_type(),
        BodyEncoding::Raw => bytes_type(),
    })
}

fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::String { .. }))
}

/// The docs of the client method, where the operation is documented (once): its prose, the
/// HTTP request line, what it returns, the documented errors and an example.
fn client_docs(ctx: &Ctx, op: &Operation) -> String {
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
    text.push_str(&format!(
        "\n\nReturns a [`{0}`](crate::operations::{0}) request: set optional parameters on it, \
         then `.send().await`.",
        op.builder_name
    ));
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
    if let Some(example) = super::examples::operation_example(ctx, op) {
        text.push_str(&format!("\n\n# Example\n\n{example}"));
    }
    text
}

/// One operation's items, in the file of its module.
pub fn operation(ctx: &Ctx, op: &Operation) -> Vec<syn::Item> {
    let module = &ctx.api.modules[op.module];
    let features = std::iter::once(module.feature.clone()).collect();
    // The module is compiled only with its feature (`operations/mod.rs`); docs.rs says so.
    let public_cfg = ctx.printer.doc_cfg_attrs(&features);
    let builder = ident(&op.builder_name);
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let body_required = op.body.as_ref().is_some_and(|b| b.required);
    let body_name = || syn::Ident::new("body", proc_macro2::Span::call_site());

    // The builder's fields: required parameters, optional ones, the body.
    let mut fields = Vec::new();
    for p in &required {
        fields.push(builder_field(
            ident(&p.rust_name),
            type_ref(ctx, &p.ty, At::Elsewhere),
        ));
    }
    for p in &optional {
        fields.push(builder_field(
            ident(&p.rust_name),
            syntax::option_of(type_ref(ctx, &p.ty, At::Elsewhere)),
        ));
    }
    if let Some(ty) = body_type(ctx, op) {
        let ty = if body_required {
            ty
        } else {
            syntax::option_of(ty)
        };
        fields.push(builder_field(body_name(), ty));
    }

    // The client method's arguments and the fields they set.
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &required {
        let ty = type_ref(ctx, &p.ty, At::Elsewhere);
        let name = ident(&p.rust_name);
        if is_string(&p.ty) {
            args.push(into_arg(name.clone(), ty));
            inits.push(init(name.clone(), into_value(name)));
        } else {
            args.push(arg(name.clone(), ty));
            inits.push(shorthand(name));
        }
    }
    for p in &optional {
        inits.push(init(ident(&p.rust_name), none()));
    }
    if let Some(ty) = body_type(ctx, op) {
        if body_required {
            args.push(arg(body_name(), ty));
            inits.push(shorthand(body_name()));
        } else {
            inits.push(init(body_name(), none()));
        }
    }
    let method = client_method(
        public_cfg.clone(),
        ctx.printer.doc_attrs(&client_docs(ctx, op)),
        ident(&op.method_name),
        args.clone(),
        builder.clone(),
        inits.clone(),
    );

    // Setters for optional parameters and an optional body.
    let mut setters = Vec::new();
    for p in &optional {
        let ty = type_ref(ctx, &p.ty, At::Elsewhere);
        let docs = ctx.printer.doc_attrs(&doc_text(
            &p.docs,
            &format!("Sets the `{}` parameter.", p.wire_name),
        ));
        setters.push(if is_string(&p.ty) {
            into_setter(docs, ident(&p.rust_name), ty)
        } else {
            setter(docs, ident(&p.rust_name), ty)
        });
    }
    if let (Some(ty), Some(body), false) = (body_type(ctx, op), &op.body, body_required) {
        let docs = ctx
            .printer
            .doc_attrs(&doc_text(&body.docs, "Sets the request body."));
        setters.push(setter(docs, body_name(), ty));
    }
    let output = return_type(ctx, op);
    let (send, send_with_response) = match op.success().map(|r| &r.body) {
        _ if op.success_enum.is_some() => (send_success(), send_success_response()),
        Some(ResponseBody::Json(_)) => {
            let type_name = syntax::str_lit(&response_type_name(ctx, op));
            (send_json(type_name.clone()), send_json_response(type_name))
        }
        Some(ResponseBody::Bytes { .. }) => (send_bytes(), send_bytes_response()),
        Some(ResponseBody::Empty) | None => (send_empty(), send_empty_response()),
    };
    let mut more = Vec::new();
    if matches!(
        op.success().map(|r| &r.body),
        Some(ResponseBody::Bytes { .. })
    ) {
        more.push(send_stream());
    }
    let paging = op
        .pagination
        .as_ref()
        .map(|p| pagination(ctx, op, p, &first_success_type(ctx, op)));
    if let Some((methods, _)) = &paging {
        more.extend(methods.iter().cloned());
    }

    let multipart = op
        .body
        .as_ref()
        .is_some_and(|b| b.encoding == BodyEncoding::Multipart);
    let method_name = &op.method_name;
    let builder_docs = ctx.printer.doc_attrs(&format!(
        "The request of [`Client::{method_name}`](crate::Client::{method_name}) (`{} {}`), whose \
         docs describe the operation: set optional parameters, then `.send().await`.",
        op.method.as_str(),
        op.path
    ));
    let mut items = vec![
        syn::Item::Impl(method),
        syn::Item::Struct(builder_struct(
            public_cfg.clone(),
            builder_docs,
            if multipart {
                derive_debug()
            } else {
                derive_debug_clone()
            },
            builder.clone(),
            fields,
        )),
        syn::Item::Impl(builder_impl(
            builder.clone(),
            setters,
            output,
            send,
            send_with_response,
            more,
        )),
        syn::Item::Impl(prepare(ctx, op)),
    ];
    if let Some((_, paginated)) = paging {
        items.push(syn::Item::Impl(paginated));
    }
    if let Some(success_items) = success_enum(ctx, op, &public_cfg) {
        items.extend(success_items);
    }
    if let Some(error_items) = error_enum(ctx, op, &public_cfg) {
        items.extend(error_items);
    }
    for waiter in &op.waiters {
        items.extend(waiter_items(ctx, op, waiter, &public_cfg, &args, &inits));
    }
    items
}

template! {
    fn arg(name: Ident, T: Type) -> syn::FnArg {
        __name: __T
    }

    fn into_arg(name: Ident, T: Type) -> syn::FnArg {
        __name: impl Into<__T>
    }

    fn init(name: Ident, value: Expr) -> syn::FieldValue {
        __name: __value
    }

    fn shorthand(name: Ident) -> syn::FieldValue {
        __name
    }

    fn into_value(name: Ident) -> syn::Expr {
        __name.into()
    }

    fn none() -> syn::Expr {
        None
    }
}

// ----- building the request -------------------------------------------------------------

template! {
    fn prepare_impl(
        Builder: Ident,
        path: Stmts,
        query: Stmts,
        method: Expr,
        accept: Expr,
        request: Pat,
        rest: Stmts,
        operation: Expr,
        template: Expr,
        server: Expr,
        security: Expr,
    ) -> syn::ItemImpl {
        impl __Builder {
            /// Builds the request; [`send`](Self::send) sends it through the runtime (with
            /// retries).
            fn prepare(self) -> Result<crate::runtime::Prepared, crate::Error> {
                let mut path = String::new();
                __path;
                let mut query = crate::runtime::Query::new();
                __query;
                self.options.write_query(&mut query);
                let __request = self.options.apply(
                    self.client
                        .request(__method, __server, &path, query)?
                        .header(::reqwest::header::ACCEPT, __accept),
                );
                __rest;
                Ok(crate::runtime::Prepared {
                    client: self.client,
                    request,
                    operation: __operation,
                    path: __template,
                    security: __security,
                    options: self.options,
                })
            }
        }
    }

    fn some_server(url: Expr) -> syn::Expr {
        ::std::option::Option::Some(__url)
    }

    fn no_server() -> syn::Expr {
        ::std::option::Option::None
    }

    fn push_literal(text: Expr) -> syn::Stmt {
        path.push_str(__text);
    }

    // One character (the `/` between two parameters): clippy's `single_char_add_str`.
    fn push_literal_char(text: Expr) -> syn::Stmt {
        path.push(__text);
    }

    fn push_param(wire: Expr, name: Ident) -> syn::Stmt {
        crate::runtime::push_path_param(&mut path, __wire, &self.__name)?;
    }

    fn write_query(name: Ident, wire: Expr, style: Expr) -> syn::Stmt {
        crate::runtime::QueryValue::write(&self.__name, __wire, __style, &mut query);
    }

    // Shapes `QueryValue` does not cover, and parameters described by `content` (`json`).
    fn write_query_serialized(name: Ident, wire: Expr, style: Expr, json: Expr) -> syn::Stmt {
        crate::runtime::write_serialized(&self.__name, __wire, __style, __json, &mut query);
    }

    fn push_param_styled(wire: Expr, name: Ident, style: Expr) -> syn::Stmt {
        crate::runtime::push_path_styled(&mut path, __wire, &self.__name, __style)?;
    }

    fn styled_header(name: Ident, wire: Expr, style: Expr) -> syn::Stmt {
        if let Some(value) = crate::runtime::styled(&self.__name, __wire, __style, false) {
            request = request.header(__wire, value);
        }
    }

    fn styled_cookie(name: Ident, wire: Expr, style: Expr) -> syn::Stmt {
        if let Some(value) = crate::runtime::styled(&self.__name, __wire, __style, true) {
            cookies.push(value);
        }
    }

    fn simple_style(explode: Expr) -> syn::Expr {
        crate::runtime::ParamStyle::Simple { explode: __explode }
    }

    fn label_style(explode: Expr) -> syn::Expr {
        crate::runtime::ParamStyle::Label { explode: __explode }
    }

    fn matrix_style(explode: Expr) -> syn::Expr {
        crate::runtime::ParamStyle::Matrix { explode: __explode }
    }

    fn cookie_form_style(explode: Expr) -> syn::Expr {
        crate::runtime::ParamStyle::Form { explode: __explode }
    }

    fn json_style() -> syn::Expr {
        crate::runtime::ParamStyle::Json
    }

    fn form_style(explode: Expr) -> syn::Expr {
        crate::runtime::Style::Form { explode: __explode }
    }

    fn deep_object_style() -> syn::Expr {
        crate::runtime::Style::DeepObject
    }

    fn space_delimited_style() -> syn::Expr {
        crate::runtime::Style::SpaceDelimited
    }

    fn pipe_delimited_style() -> syn::Expr {
        crate::runtime::Style::PipeDelimited
    }

    fn required_header(name: Ident, wire: Expr) -> syn::Stmt {
        request = request.header(__wire, crate::runtime::ParamScalar::to_param(&self.__name));
    }

    fn optional_header(name: Ident, wire: Expr) -> syn::Stmt {
        if let Some(value) = &self.__name {
            request = request.header(__wire, crate::runtime::ParamScalar::to_param(value));
        }
    }

    fn cookies(pushes: Stmts) -> Vec<syn::Stmt> {
        let mut cookies: Vec<String> = Vec::new();
        __pushes;
        request = request.header(::reqwest::header::COOKIE, cookies.join("; "));
    }

    // A hole cannot stand inside a macro's arguments (tokens): no `format!` here.
    fn required_cookie(name: Ident, wire: Expr) -> syn::Stmt {
        cookies.push([__wire, "=", &crate::runtime::ParamScalar::to_param(&self.__name)].concat());
    }

    fn optional_cookie(name: Ident, wire: Expr) -> syn::Stmt {
        if let Some(value) = &self.__name {
            cookies.push([__wire, "=", &crate::runtime::ParamScalar::to_param(value)].concat());
        }
    }

    fn required_body(attach: Stmts) -> Vec<syn::Stmt> {
        let body = &self.body;
        __attach;
    }

    fn optional_body(attach: Stmts) -> Vec<syn::Stmt> {
        if let Some(body) = &self.body {
            __attach;
        }
    }

    fn required_multipart() -> Vec<syn::Stmt> {
        request = request.multipart(self.body);
    }

    // The form is consumed; reqwest sets the boundary in the Content-Type.
    fn optional_multipart() -> Vec<syn::Stmt> {
        if let Some(body) = self.body {
            request = request.multipart(body);
        }
    }

    fn attach_json() -> syn::Stmt {
        request = request.json(body);
    }

    // Encoded by the runtime, each property as the description's `encoding` says (reqwest's
    // `form` cannot write an array).
    fn attach_form(styles: Expr) -> syn::Stmt {
        request = request
            .header(::reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(crate::runtime::form_body(body, &__styles));
    }

    fn attach_raw(media_type: Expr) -> syn::Stmt {
        request = request.header(::reqwest::header::CONTENT_TYPE, __media_type).body(body.clone());
    }

    fn method_expr(Method: Ident) -> syn::Expr {
        ::reqwest::Method::__Method
    }

    fn binding(name: Ident) -> syn::Pat {
        __name
    }

    fn mut_binding(name: Ident) -> syn::Pat {
        mut __name
    }
}

/// How a path, header or cookie parameter that is not a plain scalar is written.
fn location_style(p: &crate::ir::Param) -> syn::Expr {
    use crate::ir::LocationStyle;
    if p.json_content {
        return json_style();
    }
    match p.location_style {
        LocationStyle::Simple { explode } => simple_style(syntax::bool_lit(explode)),
        LocationStyle::Label { explode } => label_style(syntax::bool_lit(explode)),
        LocationStyle::Matrix { explode } => matrix_style(syntax::bool_lit(explode)),
        LocationStyle::Form { explode } => cookie_form_style(syntax::bool_lit(explode)),
    }
}

/// A parameter written as its scalar text (the shapes and styles every API used before the
/// other styles were supported; their code stays as it was).
fn plain_scalar(ctx: &Ctx, p: &crate::ir::Param) -> bool {
    use crate::ir::LocationStyle;
    !p.json_content
        && matches!(
            p.location_style,
            LocationStyle::Simple { .. } | LocationStyle::Form { .. }
        )
        && super::is_scalar(ctx, &p.ty)
}

/// `fn prepare`: builds the request of an operation.
fn prepare(ctx: &Ctx, op: &Operation) -> syn::ItemImpl {
    let path = op
        .path_segments
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => match text.chars().collect::<Vec<_>>()[..] {
                [c] => push_literal_char(syntax::char_lit(c)),
                _ => push_literal(syntax::str_lit(text)),
            },
            PathSegment::Param(i) => {
                let p = &op.params[*i];
                if plain_scalar(ctx, p) {
                    push_param(syntax::str_lit(&p.wire_name), ident(&p.rust_name))
                } else {
                    push_param_styled(
                        syntax::str_lit(&p.wire_name),
                        ident(&p.rust_name),
                        location_style(p),
                    )
                }
            }
        })
        .collect();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut cookie_pushes = Vec::new();
    for p in &op.params {
        let (name, wire) = (ident(&p.rust_name), syntax::str_lit(&p.wire_name));
        match p.location {
            ParamLocation::Path => {}
            ParamLocation::Query => {
                let style = match p.style {
                    QueryStyle::Form { explode } => form_style(syntax::bool_lit(explode)),
                    QueryStyle::DeepObject => deep_object_style(),
                    QueryStyle::SpaceDelimited => space_delimited_style(),
                    QueryStyle::PipeDelimited => pipe_delimited_style(),
                };
                query.push(if p.json_content || !super::query_writable(ctx, &p.ty) {
                    write_query_serialized(name, wire, style, syntax::bool_lit(p.json_content))
                } else {
                    write_query(name, wire, style)
                });
            }
            ParamLocation::Header if !plain_scalar(ctx, p) => {
                headers.push(styled_header(name, wire, location_style(p)))
            }
            ParamLocation::Header => headers.push(if p.required {
                required_header(name, wire)
            } else {
                optional_header(name, wire)
            }),
            ParamLocation::Cookie if !plain_scalar(ctx, p) => {
                cookie_pushes.push(styled_cookie(name, wire, location_style(p)))
            }
            ParamLocation::Cookie => cookie_pushes.push(if p.required {
                required_cookie(name, wire)
            } else {
                optional_cookie(name, wire)
            }),
        }
    }
    let mut rest = headers;
    if !cookie_pushes.is_empty() {
        rest.extend(cookies(cookie_pushes));
    }
    if let Some(b) = &op.body {
        rest.extend(match (b.encoding, b.required) {
            (BodyEncoding::Multipart, true) => required_multipart(),
            (BodyEncoding::Multipart, false) => optional_multipart(),
            (encoding, required) => {
                let attach = vec![match encoding {
                    BodyEncoding::Json => attach_json(),
                    BodyEncoding::Form => attach_form(form_styles(&b.form_styles)),
                    _ => attach_raw(syntax::str_lit(&b.media_type)),
                }];
                if required {
                    required_body(attach)
                } else {
                    optional_body(attach)
                }
            }
        });
    }

    let accept = match op.success().map(|r| &r.body) {
        // Each success's media types, when they differ.
        _ if op.success_enum.is_some() => {
            let mut media: Vec<&str> = Vec::new();
            for r in op.responses.iter().filter(|r| r.status.is_success()) {
                match &r.body {
                    ResponseBody::Json(_) if !r.json_media.is_empty() => {
                        media.extend(r.json_media.iter().map(String::as_str))
                    }
                    ResponseBody::Json(_) => media.push("application/json"),
                    ResponseBody::Bytes { media_type } => media.push(media_type),
                    ResponseBody::Empty => {}
                }
            }
            let mut seen = std::collections::BTreeSet::new();
            media.retain(|m| seen.insert(*m));
            if media.is_empty() {
                "application/json".to_string()
            } else {
                media.join(", ")
            }
        }
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
        // The JSON media types the response declares (`application/ld+json`, say): a server
        // that only answers those refuses `application/json` (406).
        Some(ResponseBody::Json(_)) => match op.success().map(|r| r.json_media.as_slice()) {
            Some(media) if !media.is_empty() => media.join(", "),
            _ => "application/json".to_string(),
        },
        Some(ResponseBody::Empty) | None => "application/json".to_string(),
    };
    let request = syn::Ident::new("request", proc_macro2::Span::call_site());
    let binding = if rest.is_empty() {
        binding(request)
    } else {
        mut_binding(request)
    };
    prepare_impl(
        ident(&op.builder_name),
        path,
        query,
        method_expr(syn::Ident::new(
            op.method.as_str(),
            proc_macro2::Span::call_site(),
        )),
        syntax::str_lit(&accept),
        binding,
        rest,
        syntax::str_lit(&op.operation_id),
        syntax::str_lit(&op.path),
        match &op.server {
            Some(url) => some_server(syntax::str_lit(url)),
            None => no_server(),
        },
        super::auth::security(op),
    )
}

// ----- pages ----------------------------------------------------------------------------

template! {
    fn paging_methods(pages_docs: Attrs, items_docs: Attrs, Page: Type, Item: Type) -> syn::ItemImpl {
        impl Builder {
            #[__pages_docs]
            pub fn pages(self) -> impl ::futures_core::Stream<Item = Result<__Page, crate::Error>> + ::std::marker::Send + 'static {
                crate::runtime::pages(self)
            }

            #[__items_docs]
            pub fn items(self) -> impl ::futures_core::Stream<Item = Result<__Item, crate::Error>> + ::std::marker::Send + 'static {
                crate::runtime::items(self)
            }
        }
    }

    fn paginated(
        Builder: Ident,
        Page: Type,
        Item: Type,
        page_type: Expr,
        items: Expr,
        next: Stmts,
        into_items: Expr,
        helpers: ImplItems,
    ) -> syn::ItemImpl {
        impl crate::runtime::Paginated for __Builder {
            type Page = __Page;
            type Item = __Item;
            const PAGE_TYPE: &'static str = __page_type;

            fn request(self) -> Result<crate::runtime::Prepared, crate::Error> {
                self.prepare()
            }

            #[allow(unused_variables)]
            fn next(self, page: &Self::Page, headers: &::reqwest::header::HeaderMap) -> crate::runtime::Next<Self> {
                let items: &[__Item] = __items;
                if items.is_empty() {
                    return crate::runtime::Next::End;
                }
                __next;
            }

            fn into_items(page: Self::Page) -> Vec<Self::Item> {
                __into_items
            }

            __helpers! {}
        }
    }

    fn current_page_fn(current: Expr) -> syn::ImplItem {
        fn current_page(&self) -> Option<i64> {
            __current
        }
    }

    fn with_page_fn(set: Stmts) -> syn::ImplItem {
        fn with_page(mut self, number: i64) -> Option<Self> {
            __set;
            Some(self)
        }
    }

    fn current_cursor_fn(current: Expr) -> syn::ImplItem {
        fn current_cursor(&self) -> Option<&str> {
            __current
        }
    }

    fn with_cursor_fn(set: Stmts) -> syn::ImplItem {
        fn with_cursor(mut self, cursor: &str) -> Option<Self> {
            __set;
            Some(self)
        }
    }

    // The next page number: the one this page says it is (else the one asked for, else 1),
    // plus one, unless that was the last page.
    fn next_number(number: Expr, total: Expr) -> Vec<syn::Stmt> {
        let number = __number
            .or_else(|| crate::runtime::Paginated::current_page(&self))
            .unwrap_or(1);
        if __total.is_some_and(|total| number >= total) {
            return crate::runtime::Next::End;
        }
        crate::runtime::Next::request(crate::runtime::Paginated::with_page(self, number.saturating_add(1)))
    }

    // The next offset: this one (else 0) and the items read, unless that is the total.
    fn next_offset(total: Expr) -> Vec<syn::Stmt> {
        let read = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let offset = crate::runtime::Paginated::current_page(&self)
            .unwrap_or(0)
            .saturating_add(read);
        if __total.is_some_and(|total| offset >= total) {
            return crate::runtime::Next::End;
        }
        crate::runtime::Next::request(crate::runtime::Paginated::with_page(self, offset))
    }

    // The next cursor, while there is one (and the body says there is more); the same cursor
    // again would ask for the same page forever.
    fn next_cursor(has_more: Stmts, cursor: Expr) -> Vec<syn::Stmt> {
        __has_more;
        let Some(cursor) = __cursor.and_then(crate::runtime::Text::text) else {
            return crate::runtime::Next::End;
        };
        if crate::runtime::Paginated::current_cursor(&self) == Some(cursor) {
            return crate::runtime::Next::End;
        }
        crate::runtime::Next::request(crate::runtime::Paginated::with_cursor(self, cursor))
    }

    fn next_url(url: Expr) -> Vec<syn::Stmt> {
        match __url.and_then(crate::runtime::Text::text) {
            Some(url) => crate::runtime::Next::Url(self, url.to_owned()),
            None => crate::runtime::Next::End,
        }
    }

    fn next_link() -> Vec<syn::Stmt> {
        match crate::runtime::link_next(headers) {
            Some(url) => crate::runtime::Next::Url(self, url),
            None => crate::runtime::Next::End,
        }
    }

    fn no_total() -> syn::Expr {
        ::std::option::Option::<i64>::None
    }

    fn end_unless_more(has_more: Expr) -> Vec<syn::Stmt> {
        if __has_more == Some(&false) {
            return crate::runtime::Next::End;
        }
    }

    fn path_root(root: Ident) -> syn::Expr {
        ::std::option::Option::Some(__root)
    }

    fn path_optional(base: Expr, field: Ident) -> syn::Expr {
        __base.and_then(|v| crate::runtime::Present::present(&v.__field))
    }

    fn path_required(base: Expr, field: Ident) -> syn::Expr {
        __base.map(|v| &v.__field)
    }

    fn path_number(path: Expr) -> syn::Expr {
        __path.and_then(crate::runtime::PageNumber::get)
    }

    fn last_item() -> syn::Expr {
        items.last()
    }

    fn object_page_get(param: Ident, number: Ident) -> syn::Expr {
        crate::runtime::PageNumber::get(&self.__param.__number)
    }

    fn object_page_set(param: Ident, number: Ident) -> Vec<syn::Stmt> {
        self.__param.__number = crate::runtime::PageNumber::from_page(number)?;
    }

    fn optional_object_page_get(param: Ident, number: Ident) -> syn::Expr {
        self.__param
            .as_ref()
            .and_then(|page| crate::runtime::PageNumber::get(&page.__number))
    }

    fn optional_object_page_set(param: Ident, number: Ident) -> Vec<syn::Stmt> {
        let mut page = self.__param.take().unwrap_or_default();
        page.__number = crate::runtime::PageNumber::from_page(number)?;
        self.__param = Some(page);
    }

    fn scalar_page_get(param: Ident) -> syn::Expr {
        crate::runtime::PageNumber::get(&self.__param)
    }

    fn scalar_page_set(param: Ident) -> Vec<syn::Stmt> {
        self.__param = crate::runtime::PageNumber::from_page(number)?;
    }

    fn optional_scalar_page_get(param: Ident) -> syn::Expr {
        self.__param.as_ref().and_then(crate::runtime::PageNumber::get)
    }

    fn optional_scalar_page_set(param: Ident) -> Vec<syn::Stmt> {
        self.__param = Some(crate::runtime::PageNumber::from_page(number)?);
    }

    fn cursor_get(param: Ident) -> syn::Expr {
        Some(self.__param.as_str())
    }

    fn cursor_set(param: Ident) -> Vec<syn::Stmt> {
        self.__param = cursor.to_owned();
    }

    fn optional_cursor_get(param: Ident) -> syn::Expr {
        self.__param.as_deref()
    }

    fn optional_cursor_set(param: Ident) -> Vec<syn::Stmt> {
        self.__param = Some(cursor.to_owned());
    }

    fn body_items() -> syn::Expr {
        &page[..]
    }

    fn body_wrapped_items() -> syn::Expr {
        &page.0[..]
    }

    fn field_items(items: Ident) -> syn::Expr {
        &page.__items[..]
    }

    fn field_wrapped_items(items: Ident) -> syn::Expr {
        &page.__items.0[..]
    }

    fn optional_field_items(items: Ident) -> syn::Expr {
        crate::runtime::Present::present(&page.__items).map_or(&[][..], |items| &items[..])
    }

    fn optional_field_wrapped_items(items: Ident) -> syn::Expr {
        crate::runtime::Present::present(&page.__items).map_or(&[][..], |items| &items.0[..])
    }

    fn take_body() -> syn::Expr {
        page
    }

    fn take_wrapped_body() -> syn::Expr {
        page.0
    }

    fn take_items(items: Ident) -> syn::Expr {
        page.__items
    }

    fn take_wrapped_items(items: Ident) -> syn::Expr {
        page.__items.0
    }

    fn take_optional_wrapped_items(items: Ident) -> syn::Expr {
        crate::runtime::Present::into_present(page.__items)
            .map(|items| items.0)
            .unwrap_or_default()
    }

    fn take_optional_items(items: Ident) -> syn::Expr {
        crate::runtime::Present::into_present(page.__items).unwrap_or_default()
    }

    fn path_items(path: Expr) -> syn::Expr {
        __path.map_or(&[][..], |items| &items[..])
    }

    fn path_wrapped_items(path: Expr) -> syn::Expr {
        __path.map_or(&[][..], |items| &items.0[..])
    }

    fn take_path(path: Expr) -> syn::Expr {
        __path.unwrap_or_default()
    }

    fn take_wrapped_path(path: Expr) -> syn::Expr {
        __path.map(|items| items.0).unwrap_or_default()
    }

    fn into_path_optional(base: Expr, field: Ident) -> syn::Expr {
        __base.and_then(|v| crate::runtime::Present::into_present(v.__field))
    }

    fn into_path_required(base: Expr, field: Ident) -> syn::Expr {
        __base.map(|v| v.__field)
    }
}

/// `Option<&T>` of the property at `path` of `root` (`page`, or `item`).
fn path_expr(root: &str, path: &crate::ir::FieldPath) -> syn::Expr {
    let mut expr = path_root(syn::Ident::new(root, proc_macro2::Span::call_site()));
    for (field, optional) in path {
        expr = if *optional {
            path_optional(expr, ident(field))
        } else {
            path_required(expr, ident(field))
        };
    }
    expr
}

/// A property path as the docs write it: `meta.total_pages`.
fn dotted(path: &crate::ir::FieldPath) -> String {
    let names: Vec<String> = path.iter().map(|(field, _)| field.to_string()).collect();
    names.join(".")
}

/// `Option<T>` of the property at `path` of `page`, taken by value.
fn into_path_expr(path: &crate::ir::FieldPath) -> syn::Expr {
    let mut expr = path_root(syn::Ident::new("page", proc_macro2::Span::call_site()));
    for (field, optional) in path {
        expr = if *optional {
            into_path_optional(expr, ident(field))
        } else {
            into_path_required(expr, ident(field))
        };
    }
    expr
}

/// The `Paginated` impl of a paginated operation, and the page setters of its builder.
fn pagination(
    ctx: &Ctx,
    op: &Operation,
    p: &Pagination,
    page_ty: &syn::Type,
) -> (Vec<syn::ImplItem>, syn::ItemImpl) {
    let item = type_ref(ctx, &p.item, At::Elsewhere);
    let mut setters = Vec::new();
    let mut helpers = Vec::new();
    // Where the page is asked for (a parameter), for the docs.
    let mut control_name = None;
    // An integer parameter: the page number or the offset.
    let number_param = |param: &crate::ir::Param, helpers: &mut Vec<syn::ImplItem>| {
        let name = ident(&param.rust_name);
        let (current, set) = if param.required {
            (scalar_page_get(name.clone()), scalar_page_set(name))
        } else {
            (
                optional_scalar_page_get(name.clone()),
                optional_scalar_page_set(name),
            )
        };
        helpers.push(current_page_fn(current));
        helpers.push(with_page_fn(set));
    };
    let next = match &p.next {
        NextPage::Number {
            control,
            total_pages,
            page_number,
        } => {
            match control {
                PageControl::Object {
                    param,
                    number_field,
                    setters: page_setters,
                } => {
                    let param = &op.params[*param];
                    for (method, field, property) in page_setters {
                        setters.extend(page_setter(ctx, param, field, method, property));
                    }
                    let (name, number) = (ident(&param.rust_name), ident(number_field));
                    let (current, set) = if param.required {
                        (
                            object_page_get(name.clone(), number.clone()),
                            object_page_set(name, number),
                        )
                    } else {
                        (
                            optional_object_page_get(name.clone(), number.clone()),
                            optional_object_page_set(name, number),
                        )
                    };
                    helpers.push(current_page_fn(current));
                    helpers.push(with_page_fn(set));
                    control_name = Some(param.rust_name.to_string());
                }
                PageControl::Scalar { param } => {
                    let param = &op.params[*param];
                    number_param(param, &mut helpers);
                    control_name = Some(param.rust_name.to_string());
                }
            }
            let number_at = |path: &Option<crate::ir::FieldPath>| match path {
                Some(path) => path_number(path_expr("page", path)),
                None => no_total(),
            };
            next_number(number_at(page_number), number_at(total_pages))
        }
        NextPage::Offset { param, total } => {
            let param = &op.params[*param];
            number_param(param, &mut helpers);
            control_name = Some(param.rust_name.to_string());
            next_offset(match total {
                Some(path) => path_number(path_expr("page", path)),
                None => no_total(),
            })
        }
        NextPage::Cursor {
            param,
            from,
            has_more,
        } => {
            let param = &op.params[*param];
            let name = ident(&param.rust_name);
            let (current, set) = if param.required {
                (cursor_get(name.clone()), cursor_set(name))
            } else {
                (optional_cursor_get(name.clone()), optional_cursor_set(name))
            };
            helpers.push(current_cursor_fn(current));
            helpers.push(with_cursor_fn(set));
            control_name = Some(param.rust_name.to_string());
            let cursor = match from {
                CursorFrom::Body(path) => path_expr("page", path),
                CursorFrom::LastItem(path) => {
                    let mut expr = last_item();
                    for (field, optional) in path {
                        expr = if *optional {
                            path_optional(expr, ident(field))
                        } else {
                            path_required(expr, ident(field))
                        };
                    }
                    expr
                }
            };
            let has_more = match has_more {
                Some(path) => end_unless_more(path_expr("page", path)),
                None => Vec::new(),
            };
            next_cursor(has_more, cursor)
        }
        NextPage::Url { field } => next_url(path_expr("page", field)),
        NextPage::LinkHeader => next_link(),
    };
    let (items, into_items) = match &p.items {
        ItemsAt::Body { newtype: false } => (body_items(), take_body()),
        ItemsAt::Body { newtype: true } => (body_wrapped_items(), take_wrapped_body()),
        ItemsAt::Field { path, newtype } => match (&path[..], newtype) {
            // One property: read in place (the usual `data`).
            ([(field, optional)], newtype) => {
                let field = ident(field);
                match (optional, newtype) {
                    (false, false) => (field_items(field.clone()), take_items(field)),
                    (false, true) => (
                        field_wrapped_items(field.clone()),
                        take_wrapped_items(field),
                    ),
                    (true, false) => (
                        optional_field_items(field.clone()),
                        take_optional_items(field),
                    ),
                    (true, true) => (
                        optional_field_wrapped_items(field.clone()),
                        take_optional_wrapped_items(field),
                    ),
                }
            }
            // Deeper: along the path, each property present or not.
            (_, false) => (
                path_items(path_expr("page", path)),
                take_path(into_path_expr(path)),
            ),
            (_, true) => (
                path_wrapped_items(path_expr("page", path)),
                take_wrapped_path(into_path_expr(path)),
            ),
        },
    };
    let control = control_name.as_deref().unwrap_or_default();
    let how = match &p.next {
        NextPage::Number { total_pages, .. } => format!(
            "page 1 (or the page set with [`{control}`](Self::{control})), then for each \
             following page with all other parameters unchanged. The stream ends after the last \
             page{} or at a page without items",
            total_pages
                .as_ref()
                .map(|path| format!(" (`{}`)", dotted(path)))
                .unwrap_or_default()
        ),
        NextPage::Offset { total, .. } => format!(
            "its offset (or the one set with [`{control}`](Self::{control})), then with the \
             offset moved on by the items read, all other parameters unchanged. The stream ends \
             at a page without items{}",
            total
                .as_ref()
                .map(|path| format!(", or when the offset reaches `{}`", dotted(path)))
                .unwrap_or_default()
        ),
        NextPage::Cursor { from, has_more, .. } => format!(
            "its first page, then with [`{control}`](Self::{control}) set to {}, all other \
             parameters unchanged. The stream ends when a page gives none{}, or at a page \
             without items",
            match from {
                CursorFrom::Body(path) => format!("each page's `{}`", dotted(path)),
                CursorFrom::LastItem(path) => {
                    format!("the `{}` of each page's last item", dotted(path))
                }
            },
            has_more
                .as_ref()
                .map(|path| format!(" or its `{}` is false", dotted(path)))
                .unwrap_or_default()
        ),
        NextPage::Url { field } => format!(
            "its first page, then to the URL each page gives in `{}` (on the API's own origin \
             only). The stream ends when a page gives none, or at a page without items",
            dotted(field)
        ),
        NextPage::LinkHeader => "its first page, then to the `rel=\"next\"` URL of each \
             response's `Link` header (on the API's own origin only). The stream ends when a \
             response has none, or at a page without items"
            .to_owned(),
    };
    let pages_docs = ctx.printer.doc_attrs(&format!(
        "Every page of the listing, as a stream: this request is sent for {how}; an error ends \
         it after being yielded.\n\nEach page is one request, retried like any other."
    ));
    let items_docs = ctx.printer.doc_attrs(&format!(
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
        method = op.method_name,
    ));
    let mut methods = setters;
    methods.extend(paging_methods(pages_docs, items_docs, page_ty.clone(), item.clone()).items);
    let paginated = paginated(
        ident(&op.builder_name),
        page_ty.clone(),
        item,
        syntax::str_lit(&response_type_name(ctx, op)),
        items,
        next,
        into_items,
        helpers,
    );
    (methods, paginated)
}

template! {
    fn required_page_setter(docs: Attrs, method: Ident, T: Type, param: Ident, field: Ident, value: Expr) -> syn::ImplItem {
        #[__docs]
        pub fn __method(mut self, value: __T) -> Self {
            self.__param.__field = __value;
            self
        }
    }

    fn optional_page_setter(docs: Attrs, method: Ident, T: Type, param: Ident, field: Ident, value: Expr) -> syn::ImplItem {
        #[__docs]
        pub fn __method(mut self, value: __T) -> Self {
            let mut page = self.__param.take().unwrap_or_default();
            page.__field = __value;
            self.__param = Some(page);
            self
        }
    }

    fn plain_value() -> syn::Expr {
        value
    }

    fn some_value() -> syn::Expr {
        Some(value)
    }

    fn nullable_value() -> syn::Expr {
        crate::Nullable::Value(value)
    }
}

/// `.page_number(n)` or `.page_size(n)` of a list operation whose page is an object parameter
/// (`page[number]`, `page[size]`): sets that field, keeping the others, so callers need not build
/// the page struct.
fn page_setter(
    ctx: &Ctx,
    param: &Param,
    field: &crate::names::Ident,
    method: &crate::names::Ident,
    wire: &str,
) -> Option<syn::ImplItem> {
    let (fields, _) = crate::paginate::struct_of(&ctx.api.types, &param.ty)?;
    let f = fields.iter().find(|f| f.rust_name == *field)?;
    let (inner, value) = match &f.ty {
        TypeRef::Option(inner) if f.nullable && !f.required => (inner.as_ref(), nullable_value()),
        TypeRef::Option(inner) => (inner.as_ref(), some_value()),
        ty => (ty, plain_value()),
    };
    let docs = ctx.printer.doc_attrs(&format!(
        "Sets `{}[{wire}]`, keeping the other fields of [`{}`](Self::{}).",
        param.wire_name, param.rust_name, param.rust_name
    ));
    let method = ident(method);
    let ty = type_ref(ctx, inner, At::Elsewhere);
    let required = param.required;
    let (param, field) = (ident(&param.rust_name), ident(field));
    Some(if required {
        required_page_setter(docs, method, ty, param, field, value)
    } else {
        optional_page_setter(docs, method, ty, param, field, value)
    })
}

/// The name a JSON success body is decoded as, for decode errors: its type's name.
fn response_type_name(ctx: &Ctx, op: &Operation) -> String {
    match op.success().map(|r| &r.body) {
        Some(ResponseBody::Json(TypeRef::Named(id))) => {
            ctx.api.types.get(*id).name.as_str().to_string()
        }
        _ => format!("the {} response", op.operation_id),
    }
}

// ----- success responses of several shapes ----------------------------------------------

template! {
    fn success_enum_items(docs: Attrs, cfg: Attrs, Name: Ident, variants: Variants, body: Expr) -> syn::File {
        #[__docs]
        #[__cfg]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        // A payload may be much larger than a unit variant; the value is short-lived, not boxed.
        #[allow(clippy::large_enum_variant)]
        pub enum __Name {
            __variants,
        }

        impl crate::runtime::Successes for __Name {
            #[allow(unused_variables)]
            fn decode(status: u16, body: &::bytes::Bytes, strict: bool) -> Result<Self, crate::Error> {
                __body
            }
        }
    }

    fn decode_success(Name: Ident, type_name: Expr) -> syn::Expr {
        crate::runtime::decode(body, __type_name, strict).map(Self::__Name)
    }

    fn bytes_success(Name: Ident) -> syn::Expr {
        Ok(Self::__Name(body.clone()))
    }

    fn empty_success(Name: Ident) -> syn::Expr {
        Ok(Self::__Name)
    }

    fn success_by_status(arms: Arms, default: Expr) -> syn::Expr {
        match status {
            __arms => {}
            _ => __default,
        }
    }
}

/// The enum `send` returns when the success responses of `op` have different bodies: a
/// variant per status, decoded by the status the response has (a success status the document
/// does not name is read as its first success).
fn success_enum(ctx: &Ctx, op: &Operation, cfg: &[syn::Attribute]) -> Option<Vec<syn::Item>> {
    let e = op.success_enum.as_ref()?;
    let method = &op.method_name;
    let docs = ctx.printer.doc_attrs(&format!(
        "What [`Client::{method}`](crate::Client::{method}) returns: its success responses \
         have different bodies, so one variant per status."
    ));
    let mut variants = Vec::new();
    let (mut codes, mut ranges, mut first) = (Vec::new(), Vec::new(), None);
    for v in &e.variants {
        let response = &op.responses[v.response];
        let name = ident(&v.rust_name);
        let description = doc_prose(&response.description);
        let mut doc = match response.status {
            Status::Range(r) => format!("{r}XX, any {r}xx status not listed"),
            _ => status_text(&response.status),
        };
        if !description.is_empty() {
            doc.push_str(&format!(": {description}"));
        }
        let value = match &response.body {
            ResponseBody::Json(ty) => {
                variants.push(payload_variant(
                    ctx.printer.doc_attrs(&doc),
                    name.clone(),
                    type_ref(ctx, ty, At::Elsewhere),
                ));
                let type_name = match ty {
                    TypeRef::Named(id) => ctx.api.types.get(*id).name.as_str().to_string(),
                    _ => format!("the {} response", status_text(&response.status)),
                };
                decode_success(name, syntax::str_lit(&type_name))
            }
            ResponseBody::Bytes { .. } => {
                variants.push(payload_variant(
                    ctx.printer.doc_attrs(&doc),
                    name.clone(),
                    bytes_type(),
                ));
                bytes_success(name)
            }
            ResponseBody::Empty => {
                variants.push(unit_variant(ctx.printer.doc_attrs(&doc), name.clone()));
                empty_success(name)
            }
        };
        first.get_or_insert_with(|| value.clone());
        match response.status {
            Status::Code(c) => codes.push(code_arm(syntax::int_pat(c.into()), value)),
            Status::Range(_) | Status::Default => ranges.push(value),
        }
    }
    // A `2XX` is every success status not listed; else the first success is.
    let default = ranges.pop().or(first)?;
    let body = if codes.is_empty() {
        default
    } else {
        success_by_status(codes, default)
    };
    Some(success_enum_items(docs, cfg.to_vec(), ident(&e.name), variants, body).items)
}

// ----- typed error responses ------------------------------------------------------------

template! {
    fn error_enum_items(docs: Attrs, cfg: Attrs, Name: Ident, variants: Variants, allow: Attrs, body: Expr) -> syn::File {
        #[__docs]
        #[__cfg]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        // A payload may be much larger than a unit variant; the value is short-lived, not boxed.
        #[allow(clippy::large_enum_variant)]
        pub enum __Name {
            __variants,
        }

        impl crate::TypedError for __Name {
            #[__allow]
            fn from_api(error: &crate::ApiError) -> Option<Self> {
                __body
            }
        }
    }

    fn payload_variant(docs: Attrs, Name: Ident, T: Type) -> syn::Variant {
        #[__docs]
        __Name(__T)
    }

    fn unit_variant(docs: Attrs, Name: Ident) -> syn::Variant {
        #[__docs]
        __Name
    }

    fn decode_body(Name: Ident) -> syn::Expr {
        crate::runtime::error_body(error).map(Self::__Name)
    }

    fn no_body(Name: Ident) -> syn::Expr {
        Some(Self::__Name)
    }

    fn by_status(arms: Arms, default: Expr) -> syn::Expr {
        match error.status {
            __arms => {}
            _ => __default,
        }
    }

    fn code_arm(code: Pat, value: Expr) -> syn::Arm {
        __code => __value,
    }

    fn range_arm(low: Expr, high: Expr, value: Expr) -> syn::Arm {
        __low..=__high => __value,
    }

    // An exact code inside a range is matched first, as the document means it.
    fn overlapping_arms() -> Vec<syn::Attribute> {
        #[allow(clippy::match_overlapping_arm)]
    }
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

/// The enum of an operation's documented error responses and its `TypedError` impl, which
/// picks the variant by status (exact code, then range, then `default`) and decodes the body
/// with the runtime's `error_body`.
fn error_enum(ctx: &Ctx, op: &Operation, cfg: &[syn::Attribute]) -> Option<Vec<syn::Item>> {
    let e = op.error_enum.as_ref()?;
    let method = &op.method_name;
    let docs = ctx.printer.doc_attrs(&format!(
        "The documented error responses of [`Client::{method}`](crate::Client::{method}), one \
         variant per status.\n\nDecoded from an error with [`Error::typed`](crate::Error::typed): \
         `None` when the status is not documented or the body does not decode."
    ));
    let mut variants = Vec::new();
    let (mut codes, mut ranges, mut default) = (Vec::new(), Vec::new(), None);
    for v in &e.variants {
        let response = &op.responses[v.response];
        let name = ident(&v.rust_name);
        let description = doc_prose(&response.description);
        let mut doc = match response.status {
            Status::Code(_) => status_text(&response.status),
            Status::Range(r) => format!("{r}XX, any other {r}xx status"),
            Status::Default => "Any other status".to_string(),
        };
        if !description.is_empty() {
            doc.push_str(&format!(": {description}"));
        }
        let value = match &response.body {
            ResponseBody::Json(ty) => {
                variants.push(payload_variant(
                    ctx.printer.doc_attrs(&doc),
                    name.clone(),
                    type_ref(ctx, ty, At::Elsewhere),
                ));
                decode_body(name)
            }
            ResponseBody::Empty | ResponseBody::Bytes { .. } => {
                doc.push_str("\n\nNo JSON body is documented: the raw body is in [`ApiError::body`](crate::ApiError::body).");
                variants.push(unit_variant(ctx.printer.doc_attrs(&doc), name.clone()));
                no_body(name)
            }
        };
        match response.status {
            Status::Code(c) => codes.push(code_arm(syntax::int_pat(c.into()), value)),
            Status::Range(r) => {
                let low = u64::from(r) * 100;
                ranges.push(range_arm(
                    syntax::int_lit(low),
                    syntax::int_lit(low + 99),
                    value,
                ));
            }
            Status::Default => default = Some(value),
        }
    }
    let allow = if ranges.is_empty() {
        Vec::new()
    } else {
        overlapping_arms()
    };
    let body = if codes.is_empty() && ranges.is_empty() {
        // Only `default`: no `match` with a single arm.
        default.unwrap_or_else(none)
    } else {
        codes.extend(ranges);
        by_status(codes, default.unwrap_or_else(none))
    };
    Some(error_enum_items(docs, cfg.to_vec(), ident(&e.name), variants, allow, body).items)
}

// ----- waiters ---------------------------------------------------------------------------

template! {
    fn waiter_method(
        cfg: Attrs,
        docs: Attrs,
        method: Ident,
        args: Args,
        Waiter: Ident,
        Builder: Ident,
        inits: Inits,
        min_delay: Expr,
        max_delay: Expr,
        max_wait: Expr,
    ) -> syn::ItemImpl {
        #[__cfg]
        impl crate::Client {
            #[__docs]
            pub fn __method(&self, __args: ()) -> __Waiter {
                __Waiter {
                    request: __Builder {
                        client: self.clone(),
                        __inits: (),
                        options: Default::default(),
                    },
                    options: crate::waiter::WaitOptions {
                        min_delay: ::std::time::Duration::from_millis(__min_delay),
                        max_delay: ::std::time::Duration::from_millis(__max_delay),
                        max_wait: ::std::time::Duration::from_millis(__max_wait),
                    },
                }
            }
        }
    }

    fn waiter_struct(cfg: Attrs, docs: Attrs, Waiter: Ident, Builder: Ident) -> syn::ItemStruct {
        #[__docs]
        #[__cfg]
        #[derive(Debug, Clone)]
        #[must_use = "a waiter does nothing until `.send().await`"]
        pub struct __Waiter {
            request: __Builder,
            options: crate::waiter::WaitOptions,
        }
    }

    fn waiter_impl(
        Waiter: Ident,
        Builder: Ident,
        Output: Type,
        name: Expr,
        acceptors: Expr,
        type_name: Expr,
    ) -> syn::ItemImpl {
        impl __Waiter {
            /// The longest the wait may take, requests and sleeps included; when it has passed,
            /// `send` returns [`WaitError::TimedOut`](crate::WaitError::TimedOut).
            pub fn max_wait(mut self, max_wait: ::std::time::Duration) -> Self {
                self.options.max_wait = max_wait;
                self
            }

            /// The shortest sleep between two requests.
            pub fn min_delay(mut self, min_delay: ::std::time::Duration) -> Self {
                self.options.min_delay = min_delay;
                self
            }

            /// The longest sleep between two requests (a `Retry-After` may ask for longer).
            pub fn max_delay(mut self, max_delay: ::std::time::Duration) -> Self {
                self.options.max_delay = max_delay;
                self
            }

            /// Changes the request the waiter sends: its optional parameters, or its request
            /// options (`max_retries`, `request_timeout`...).
            pub fn map_request(mut self, change: impl FnOnce(__Builder) -> __Builder) -> Self {
                self.request = change(self.request);
                self
            }

            /// Sends the request until its response reaches a final state, and returns the
            /// response that reached success. The future owns what it needs, so it can be
            /// spawned; dropping it cancels the wait.
            pub fn send(
                self,
            ) -> impl ::std::future::Future<Output = Result<crate::Response<__Output>, crate::WaitError<__Output>>> + ::std::marker::Send + 'static {
                static ACCEPTORS: &[crate::waiter::Acceptor] = &__acceptors;
                let request = self.request;
                crate::waiter::wait(__name, ACCEPTORS, self.options, __type_name, move || {
                    request.clone().prepare()
                })
            }
        }
    }

    fn path_acceptor(State: Ident, path: Expr, expected: Expr) -> syn::Expr {
        crate::waiter::Acceptor {
            state: crate::waiter::State::__State,
            matcher: crate::waiter::Matcher::Path { path: &__path, expected: __expected },
        }
    }

    fn status_acceptor(State: Ident, status: Expr) -> syn::Expr {
        crate::waiter::Acceptor {
            state: crate::waiter::State::__State,
            matcher: crate::waiter::Matcher::Status(__status),
        }
    }
}

/// An array expression `[a, b, ...]`.
fn array(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// The `(property, style)` pairs of a form body's `encoding`, as the runtime reads them.
fn form_styles(styles: &[(String, QueryStyle)]) -> syn::Expr {
    array(
        styles
            .iter()
            .map(|(property, style)| {
                let style = match style {
                    QueryStyle::Form { explode } => form_style(syntax::bool_lit(*explode)),
                    QueryStyle::DeepObject => deep_object_style(),
                    QueryStyle::SpaceDelimited => space_delimited_style(),
                    QueryStyle::PipeDelimited => pipe_delimited_style(),
                };
                syn::Expr::Tuple(syn::ExprTuple {
                    attrs: Vec::new(),
                    paren_token: Default::default(),
                    elems: [syntax::str_lit(property), style].into_iter().collect(),
                })
            })
            .collect(),
    )
}

/// A `u64` literal.
fn u64_lit(value: u64) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Int(syn::LitInt::new(
            &value.to_string(),
            proc_macro2::Span::call_site(),
        )),
    })
}

fn state_name(state: AcceptorState) -> &'static str {
    match state {
        AcceptorState::Success => "success",
        AcceptorState::Failure => "failure",
        AcceptorState::Retry => "retry",
    }
}

/// Seconds for the docs: `2 s`, `0.5 s`.
fn seconds(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

/// The docs of a waiter's client method: what it waits for, its acceptors, its delays, what
/// it returns, and an example.
fn waiter_docs(ctx: &Ctx, op: &Operation, waiter: &Waiter) -> String {
    let mut text = match &waiter.description {
        Some(description) => doc_prose(description),
        None => format!(
            "Waits until the `{}` waiter of the API description ends.",
            waiter.name
        ),
    };
    text.push_str(&format!(
        "\n\nSends [`Client::{0}`](crate::Client::{0}) (`{1} {2}`) until a response reaches a \
         final state (the `{3}` waiter of the API description). Its acceptors, tried in order:\n",
        op.method_name,
        op.method.as_str(),
        op.path,
        waiter.name
    ));
    for acceptor in &waiter.acceptors {
        let what = match &acceptor.matcher {
            AcceptorMatcher::Path { path, expected } => {
                format!("`{}` is `{expected}`", path.join("."))
            }
            AcceptorMatcher::Status(status) => format!("the API answers {status}"),
        };
        text.push_str(&format!("\n- {what}: {}", state_name(acceptor.state)));
    }
    text.push_str(&format!(
        "\n\nAny other response means retry; any other error ends the wait unless it is worth \
         retrying (see [`waiter`](crate::waiter)). Between requests it sleeps {} to {}, with jitter and \
         growing, or what a `Retry-After` asks; it waits at most {} unless \
         [`max_wait`](crate::operations::{}::max_wait) says otherwise.",
        seconds(waiter.min_delay_ms),
        seconds(waiter.max_delay_ms),
        seconds(waiter.max_wait_ms),
        waiter.builder_name,
    ));
    text.push_str(
        "\n\n# Errors\n\n[`WaitError::Failed`](crate::WaitError::Failed) with the response that \
         reached a failure state, [`WaitError::TimedOut`](crate::WaitError::TimedOut) with the last \
         response or error, or [`WaitError::Request`](crate::WaitError::Request) when a request \
         failed in a way waiting does not mend.",
    );
    if let Some(example) = super::examples::waiter_example(ctx, op, waiter) {
        text.push_str(&format!("\n\n# Example\n\n{example}"));
    }
    text
}

/// A waiter's items: its client method, its builder and the builder's methods.
fn waiter_items(
    ctx: &Ctx,
    op: &Operation,
    waiter: &Waiter,
    cfg: &[syn::Attribute],
    args: &[syn::FnArg],
    inits: &[syn::FieldValue],
) -> Vec<syn::Item> {
    let name = ident(&waiter.builder_name);
    let builder = ident(&op.builder_name);
    let acceptors = waiter
        .acceptors
        .iter()
        .map(|acceptor| {
            let state = syn::Ident::new(
                match acceptor.state {
                    AcceptorState::Success => "Success",
                    AcceptorState::Failure => "Failure",
                    AcceptorState::Retry => "Retry",
                },
                proc_macro2::Span::call_site(),
            );
            match &acceptor.matcher {
                AcceptorMatcher::Path { path, expected } => path_acceptor(
                    state,
                    array(path.iter().map(|step| syntax::str_lit(step)).collect()),
                    syntax::str_lit(&expected.to_string()),
                ),
                AcceptorMatcher::Status(status) => {
                    status_acceptor(state, u64_lit(u64::from(*status)))
                }
            }
        })
        .collect();
    let method_name = &waiter.method_name;
    let struct_docs = format!(
        "The waiter of [`Client::{method_name}`](crate::Client::{method_name}), whose docs say what \
         it waits for: change the delays or the request, then `.send().await`."
    );
    vec![
        syn::Item::Impl(waiter_method(
            cfg.to_vec(),
            ctx.printer.doc_attrs(&waiter_docs(ctx, op, waiter)),
            ident(method_name),
            args.to_vec(),
            name.clone(),
            builder.clone(),
            inits.to_vec(),
            u64_lit(waiter.min_delay_ms),
            u64_lit(waiter.max_delay_ms),
            u64_lit(waiter.max_wait_ms),
        )),
        syn::Item::Struct(waiter_struct(
            cfg.to_vec(),
            ctx.printer.doc_attrs(&struct_docs),
            name.clone(),
            builder.clone(),
        )),
        syn::Item::Impl(waiter_impl(
            name,
            builder,
            return_type(ctx, op),
            syntax::str_lit(method_name.as_str()),
            array(acceptors),
            syntax::str_lit(&response_type_name(ctx, op)),
        )),
    ]
}
