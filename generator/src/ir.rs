//! The intermediate representation: what the client is, with no tokens in it.
//!
//! Types refer to each other by [`TypeId`] through a [`TypeSpace`] (a `BTreeMap`), so
//! recursive and shared schemas need no special casing. Everything is sorted once, during
//! lowering; emission walks these collections in order and never re-sorts.

use crate::names::Ident;
use std::collections::{BTreeMap, BTreeSet};

/// Identifies a named type in the [`TypeSpace`]. Assigned in lowering order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// The whole API.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The first server URL: the client's default base URL.
    pub base_url: String,
    /// Named types, by id.
    pub types: TypeSpace,
    /// Operations, sorted by path then method.
    pub operations: Vec<Operation>,
    /// The modules of `crate::operations`, one per tag, sorted by name; each is a cargo feature.
    pub modules: Vec<Module>,
    /// The webhooks the API sends (OpenAPI 3.1 `webhooks`), in document order.
    pub webhooks: Vec<Webhook>,
    /// The API's security schemes (`components/securitySchemes`), in document order; an
    /// operation's requirements name them by index.
    pub security_schemes: Vec<SecurityScheme>,
    /// What lowering could not express as written, and what it did instead.
    pub warnings: Vec<crate::Warning>,
}

/// A security scheme: how a credential travels, and the client setter that takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// Its name in `components/securitySchemes`.
    pub name: String,
    /// The `ClientBuilder` method that takes its credential (snake case); for `oauth2` and
    /// `openIdConnect`, the stem of `…_token`, `…_provider` and `…_client_credentials`.
    pub setter: Ident,
    /// How the credential travels.
    pub kind: SecurityKind,
    /// Its `description`.
    pub description: Option<String>,
    /// Where it is declared.
    pub pointer: String,
}

/// The kinds of security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// A key in the header, query parameter or cookie `name`.
    ApiKey { location: KeyLocation, name: String },
    /// `Authorization: <scheme> …` (`basic`, `bearer`, or another scheme, as written).
    Http {
        scheme: String,
        bearer_format: Option<String>,
    },
    /// OAuth 2.0: the token URL of its `clientCredentials` flow, when it has one, and the
    /// flows it declares (`authorizationCode`, `clientCredentials`, `implicit`, `password`).
    OAuth2 {
        client_credentials: Option<String>,
        flows: Vec<&'static str>,
    },
    /// OpenID Connect, discovered at `url`.
    OpenIdConnect { url: String },
}

impl SecurityKind {
    /// Whether its credential is one secret value (an API key, a token): what
    /// `Client::new(api_key)` can take.
    pub fn takes_one_secret(&self) -> bool {
        match self {
            SecurityKind::ApiKey { .. } => true,
            SecurityKind::Http { scheme, .. } => !scheme.eq_ignore_ascii_case("basic"),
            SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => false,
        }
    }
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// One way to meet an operation's security: the schemes (indices into
/// [`Api::security_schemes`]) that must all have a credential, each with the scopes it needs.
/// Empty: the operation may be called without credentials.
pub type SecurityRequirement = Vec<(usize, Vec<String>)>;

/// All named types.
#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    /// Named types by id.
    pub types: BTreeMap<TypeId, TypeDef>,
}

impl TypeSpace {
    /// The type with this id.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[&id]
    }

    /// The named types reachable from `roots`: through fields, alternatives, wrapped and
    /// aliased types, and the items of options, lists and maps.
    pub fn reachable(&self, roots: impl IntoIterator<Item = TypeRef>) -> BTreeSet<TypeId> {
        let mut found = BTreeSet::new();
        let mut stack: Vec<TypeRef> = roots.into_iter().collect();
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Named(id) => {
                    if found.insert(id) {
                        stack.extend(self.get(id).kind.members());
                    }
                }
                TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
                    stack.push(*inner)
                }
                TypeRef::Primitive(_) | TypeRef::Json => {}
            }
        }
        found
    }
}

impl TypeKind {
    /// Calls `f` on every named type this kind refers to (as [`TypeKind::members`] lists them),
    /// in a fixed order, to rewrite it.
    pub fn for_each_named_mut(&mut self, f: &mut impl FnMut(&mut TypeId)) {
        match self {
            TypeKind::Struct { fields, .. } => {
                fields.iter_mut().for_each(|x| x.ty.for_each_named_mut(f))
            }
            TypeKind::Union { variants, .. } => {
                variants.iter_mut().for_each(|v| v.ty.for_each_named_mut(f))
            }
            TypeKind::Newtype { inner } => inner.for_each_named_mut(f),
            TypeKind::Alias { target } => f(target),
            TypeKind::Enum { .. } => {}
        }
    }

    /// The types this kind refers to: field types, alternative payloads, the wrapped or
    /// aliased type.
    pub fn members(&self) -> Vec<TypeRef> {
        match self {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| f.ty.clone()).collect(),
            TypeKind::Union { variants, .. } => variants.iter().map(|v| v.ty.clone()).collect(),
            TypeKind::Newtype { inner } => vec![inner.clone()],
            TypeKind::Alias { target } => vec![TypeRef::Named(*target)],
            TypeKind::Enum { .. } => Vec::new(),
        }
    }
}

/// A named type of the generated crate.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name (UpperCamelCase, unique).
    pub name: Ident,
    /// Where it comes from (JSON pointer into the document).
    pub origin: String,
    /// Documentation prose.
    pub docs: Docs,
    /// Shape.
    pub kind: TypeKind,
    /// The cargo features that compile it: those of the modules whose operations use it, or
    /// `components` when no operation does.
    pub features: BTreeSet<String>,
}

/// A webhook: an event the API delivers to the user's server.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// Name as written (`numberOrderStatusUpdate`).
    pub name: String,
    /// The function of `crate::webhooks` that verifies and decodes a delivery (snake_case).
    pub fn_name: Ident,
    /// The event: the type of the request body.
    pub event: TypeRef,
    /// How deliveries are signed; `None` when the webhook declares no signature headers (no
    /// function is generated then).
    pub scheme: Option<SignatureScheme>,
    /// Docs.
    pub docs: Docs,
}

/// How a webhook's deliveries are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureScheme {
    /// Ed25519 over `{timestamp}|{body}`, as Telnyx signs: the headers of the signature and of
    /// the timestamp (lower case).
    Ed25519Timestamped {
        /// The header of the base64 signature (`telnyx-signature-ed25519`).
        signature: String,
        /// The header of the Unix time (`telnyx-timestamp`).
        timestamp: String,
    },
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256
    /// `v1` or Ed25519 `v1a`).
    Standard,
}

/// A module of `crate::operations` and the cargo feature that compiles it.
#[derive(Debug, Clone)]
pub struct Module {
    /// Module name (snake_case).
    pub name: Ident,
    /// Cargo feature (kebab-case).
    pub feature: String,
    /// The tags whose operations it holds, as written (several when their names differ only in
    /// case or punctuation).
    pub tags: Vec<String>,
}

/// The shape of a named type.
#[derive(Debug, Clone, Hash)]
pub enum TypeKind {
    /// An object with known properties.
    Struct {
        /// Properties in document order.
        fields: Vec<Field>,
        /// Whether `Default` can be derived (every field has a default).
        default: bool,
        /// Rust name of the map that keeps properties the document does not list (`extra`,
        /// suffixed when a property already has that name).
        extra_field: Ident,
        /// The hidden struct that collects the properties while the struct is decoded, when
        /// some property is required (otherwise the struct itself collects them).
        slots: Option<Ident>,
    },
    /// A string enumeration; unknown values are kept in a catch-all variant.
    Enum {
        /// Known values in document order.
        variants: Vec<EnumVariant>,
        /// The spec's default value, if any (index into `variants`).
        default: Option<usize>,
    },
    /// `oneOf` / `anyOf`: one of several shapes. Decoding picks the variant the discriminator
    /// names, or else the one that fits best; anything else is kept as raw JSON.
    Union {
        /// The alternatives in document order.
        variants: Vec<UnionVariant>,
        /// The discriminator property, when the document names one.
        discriminator: Option<String>,
    },
    /// A wrapper of another type (a component that is an array, a primitive, a map...).
    Newtype {
        /// The wrapped type.
        inner: TypeRef,
    },
    /// Another name for a named type (a component that is only a `$ref`): a `type` alias.
    Alias {
        /// The named type it stands for.
        target: TypeId,
    },
}

/// A property of a struct.
#[derive(Debug, Clone, Hash)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust identifier (snake_case, unique within the struct).
    pub rust_name: Ident,
    /// Type of the field, wrapped in [`TypeRef::Option`] when it may be absent or null.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// May be `null` (`nullable: true`, or `null` among its 3.1 types). An optional nullable
    /// property is a [`Nullable`](crate) in Rust, so absent and `null` stay apart; a required
    /// one is an `Option` written as `null` when `None`.
    pub nullable: bool,
    /// Documentation.
    pub docs: Docs,
    /// Stored behind a `Box` because the type contains itself through this field.
    pub boxed: bool,
}

/// One alternative of a [`TypeKind::Union`].
#[derive(Debug, Clone, Hash)]
pub struct UnionVariant {
    /// Rust variant name (UpperCamelCase, unique within the union).
    pub rust_name: Ident,
    /// The payload type.
    pub ty: TypeRef,
    /// Discriminator values that select this variant.
    pub tags: Vec<String>,
    /// Stored behind a `Box` because the type contains itself through this variant.
    pub boxed: bool,
}

/// One value of a string enum.
#[derive(Debug, Clone, Hash)]
pub struct EnumVariant {
    /// Value on the wire.
    pub wire_value: String,
    /// Rust variant name (UpperCamelCase, unique within the enum).
    pub rust_name: Ident,
}

/// A reference to a type: a named type or a structural one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A named type.
    Named(TypeId),
    /// A primitive.
    Primitive(Primitive),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// A map with string keys: `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// May be absent or `null`: `Option<T>`.
    Option(Box<TypeRef>),
    /// Arbitrary JSON.
    Json,
}

impl TypeRef {
    /// Calls `f` on every named type this is or holds, to rewrite it.
    pub fn for_each_named_mut(&mut self, f: &mut impl FnMut(&mut TypeId)) {
        match self {
            TypeRef::Named(id) => f(id),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
                inner.for_each_named_mut(f)
            }
            TypeRef::Primitive(_) | TypeRef::Json => {}
        }
    }
}

/// Primitive types. String formats are kept so emission can document them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// A string with an optional `format` (`uuid`, `date-time`, ...).
    String {
        /// The format, as written in the document.
        format: Option<String>,
    },
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
}

/// Documentation gathered from the document.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    /// Summary line (operations) or title.
    pub summary: Option<String>,
    /// Description prose.
    pub description: Option<String>,
    /// Facts such as format, default, range and example, rendered as a list.
    pub facts: Vec<String>,
    /// The document's example value, for generated usage examples.
    pub example: Option<serde_json::Value>,
    /// `readOnly`: set by the server, left out of request examples.
    pub read_only: bool,
    /// What a valid value must meet, for generated usage examples.
    pub constraints: Constraints,
}

/// What a schema asks of a valid value, as far as usage examples need it to write one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Constraints {
    /// The document's `default`.
    pub default: Option<String>,
    /// A string's `format` (`email`, `uri`, `ipv4`...).
    pub format: Option<String>,
    /// A string's `pattern` (an ECMA 262 regular expression).
    pub pattern: Option<String>,
    /// A string's `minLength` and `maxLength`.
    pub length: (Option<usize>, Option<usize>),
    /// A number's `minimum` (and whether it is exclusive).
    pub minimum: Option<(serde_json::Number, bool)>,
    /// A number's `maximum` (and whether it is exclusive).
    pub maximum: Option<(serde_json::Number, bool)>,
    /// A number's `multipleOf`.
    pub multiple_of: Option<serde_json::Number>,
    /// An array's `minItems`.
    pub min_items: Option<usize>,
}

/// Docs hash as they print: an example by its JSON text, in the order its keys are written
/// (a JSON map's own hash ignores the order).
impl std::hash::Hash for Docs {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let Docs {
            summary,
            description,
            facts,
            example,
            read_only,
            constraints,
        } = self;
        summary.hash(state);
        description.hash(state);
        facts.hash(state);
        example.as_ref().map(|e| e.to_string()).hash(state);
        read_only.hash(state);
        constraints.hash(state);
    }
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// Every method, in the order OpenAPI lists the fields of a path item: the one list of
    /// HTTP methods of the generator ([`crate::load::METHODS`] is made of it).
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// Its field in a path item (`get`).
    pub const fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// The method whose field in a path item is `key`.
    pub fn from_key(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One operation: the unit the client exposes as a method and a request builder.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId` as written.
    pub operation_id: String,
    /// Where it is declared (`/paths/~1number_orders/get`).
    pub pointer: String,
    /// Client method name (snake_case).
    pub method_name: Ident,
    /// Request builder type name (UpperCamelCase).
    pub builder_name: Ident,
    /// HTTP method.
    pub method: Method,
    /// Path template as written (`/number_orders/{number_order_id}`).
    pub path: String,
    /// The operation's own base URL (the first of `servers` on the operation, else on its
    /// path), server variables at their defaults; `None` when it has none or it is the API's.
    pub server: Option<String>,
    /// Path template split into literal text and parameters, in order.
    pub path_segments: Vec<PathSegment>,
    /// Parameters: path ones first in template order, then query and header ones in document order.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// Responses sorted by status (`2XX`/`default` after numeric codes).
    pub responses: Vec<Response>,
    /// Tags.
    pub tags: Vec<String>,
    /// Its module in [`Api::modules`] (by the first tag).
    pub module: usize,
    /// Docs (summary + description).
    pub docs: Docs,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// How to walk the pages of a list operation, when it has them.
    pub pagination: Option<Pagination>,
    /// The enum of the documented error responses, when at least one has a JSON body.
    pub error_enum: Option<ErrorEnum>,
    /// The enum `send` returns when the success responses have different bodies.
    pub success_enum: Option<SuccessEnum>,
    /// The waiters declared on it (`x-waiters`), in declared order.
    pub waiters: Vec<Waiter>,
    /// What it accepts to authenticate (its `security`, else the document's): any one of these
    /// requirements. Empty: it sends no credential.
    pub security: Vec<SecurityRequirement>,
    /// How it declares its paging (`x-pagination`), when it does: what [`crate::paginate`]
    /// reads instead of recognising the paging by its names.
    pub declared_paging: Option<DeclaredPaging>,
}

/// Paging as an operation declares it (`x-pagination`): property paths in the body as written
/// (`meta.next_cursor`), and parameters by their name on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredPaging {
    /// Where it was declared.
    pub pointer: String,
    /// The path of the items (`data`); `None`: the body is the array, or the one array
    /// property of it.
    pub items: Option<Vec<String>>,
    /// How the next page is asked for.
    pub style: DeclaredStyle,
}

/// The ways `x-pagination` can declare the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeclaredStyle {
    /// `page: <parameter>`, with `total-pages: <path>`.
    Page {
        param: String,
        total_pages: Option<Vec<String>>,
    },
    /// `offset: <parameter>`, with `total: <path>`.
    Offset {
        param: String,
        total: Option<Vec<String>>,
    },
    /// `cursor: <parameter>` with `next-cursor: <path>` or `last-item: <path in the item>`,
    /// and `has-more: <path>`.
    Cursor {
        param: String,
        next_cursor: Option<Vec<String>>,
        last_item: Option<Vec<String>>,
        has_more: Option<Vec<String>>,
    },
    /// `next-url: <path>`.
    NextUrl { path: Vec<String> },
    /// `link-header: true`.
    LinkHeader,
}

/// A waiter (`x-waiters` on a `GET` operation with a JSON success body): sends the operation
/// until an acceptor ends the wait (see the runtime's `waiter.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// The name as declared (`NumberOrderSettled`).
    pub name: String,
    /// Client method name: `wait_until_` and the snake-case name.
    pub method_name: Ident,
    /// Builder type name: `WaitUntil` and the camel-case name, in `crate::operations`.
    pub builder_name: Ident,
    /// The declared description.
    pub description: Option<String>,
    /// The shortest sleep between two requests, in milliseconds.
    pub min_delay_ms: u64,
    /// The longest sleep between two requests, in milliseconds.
    pub max_delay_ms: u64,
    /// The default longest wait, in milliseconds.
    pub max_wait_ms: u64,
    /// The acceptors, in declared order (the first that matches decides).
    pub acceptors: Vec<Acceptor>,
    /// Where the waiter is declared (a JSON pointer), for errors found after lowering.
    pub pointer: String,
}

/// A state of a [`Waiter`] and what must match to enter it.
#[derive(Debug, Clone, PartialEq)]
pub struct Acceptor {
    /// The state entered.
    pub state: AcceptorState,
    /// What must match.
    pub matcher: AcceptorMatcher,
}

/// What a waiter does when an [`Acceptor`] matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    /// End the wait with the response.
    Success,
    /// End the wait with an error: what is waited for will not happen.
    Failure,
    /// Send the request again.
    Retry,
}

/// What an [`Acceptor`] looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum AcceptorMatcher {
    /// A success response whose JSON body holds `expected` at `path` (property names).
    Path {
        /// Property names from the top of the body.
        path: Vec<String>,
        /// The value.
        expected: serde_json::Value,
    },
    /// An error response with this status.
    Status(u16),
}

/// The documented error responses of an operation as one enum, a variant per status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    /// Rust name (UpperCamelCase), unique among request builders and error enums: both live in
    /// `crate::operations`.
    pub name: Ident,
    /// One variant per non-success response, in the order of [`Operation::responses`] (codes
    /// by number, then ranges, then `default`).
    pub variants: Vec<ErrorVariant>,
}

/// One documented error status of an [`ErrorEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// Rust variant name (`NotFound`, `ClientError`, `Status418`, `Default`), unique within the
    /// enum.
    pub rust_name: Ident,
    /// Index into [`Operation::responses`]. A JSON body is the variant's payload; a response
    /// without one (no content, or another media type) makes a unit variant.
    pub response: usize,
}

/// The success responses of an operation whose bodies differ (a `200` with one body and a
/// `202` with another, or none), as the one enum `send` returns, a variant per status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuccessEnum {
    /// Rust name (UpperCamelCase), unique in `crate::operations` like an [`ErrorEnum`]'s.
    pub name: Ident,
    /// One variant per success response, in the order of [`Operation::responses`].
    pub variants: Vec<SuccessVariant>,
}

/// One documented success status of a [`SuccessEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuccessVariant {
    /// Rust variant name (`Ok`, `Accepted`, `NoContent`, `Success` for `2XX`), unique within
    /// the enum.
    pub rust_name: Ident,
    /// Index into [`Operation::responses`]: its JSON body or bytes are the payload; a
    /// response without a body makes a unit variant.
    pub response: usize,
}

/// A list operation whose pages can be walked: where a page's items are, and how the next
/// page is asked for (see [`crate::paginate`]).
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Where a page's items are.
    pub items: ItemsAt,
    /// The item type.
    pub item: TypeRef,
    /// How the next page is asked for.
    pub next: NextPage,
}

/// Where the items of a page are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemsAt {
    /// The body is the array (a named array type, a newtype, when `newtype`).
    Body { newtype: bool },
    /// A property of the body (`data`, or deeper: `payload.things`), and whether it is a named
    /// array type.
    Field { path: FieldPath, newtype: bool },
}

/// A property of a response body (or of an item): the Rust names of the fields on the way from
/// the top, each with whether it may be absent (an `Option` or a `Nullable`).
pub type FieldPath = Vec<(Ident, bool)>;

/// How the next page of a listing is asked for.
#[derive(Debug, Clone)]
pub enum NextPage {
    /// The next page number, until the last page (when the body says which it is) or a page
    /// without items.
    Number {
        control: PageControl,
        /// The total number of pages, in the body.
        total_pages: Option<FieldPath>,
        /// The number of this page, in the body.
        page_number: Option<FieldPath>,
    },
    /// An offset parameter advanced by the number of items read, until a page without items or
    /// the total number of items (when the body says it).
    Offset {
        /// Index into [`Operation::params`].
        param: usize,
        total: Option<FieldPath>,
    },
    /// A cursor the body gives, sent in a parameter, until there is none (or the body says
    /// there is no more).
    Cursor {
        /// Index into [`Operation::params`].
        param: usize,
        from: CursorFrom,
        /// A boolean the body sets while there are more pages (`has_more`).
        has_more: Option<FieldPath>,
    },
    /// The next page's URL, in the body, until there is none.
    Url { field: FieldPath },
    /// The next page's URL, in the `Link` header (RFC 8288, `rel="next"`).
    LinkHeader,
}

/// Where a cursor comes from.
#[derive(Debug, Clone)]
pub enum CursorFrom {
    /// A property of the body (`next_cursor`).
    Body(FieldPath),
    /// A property of the page's last item (its `id`, as Stripe's `starting_after` takes it).
    LastItem(FieldPath),
}

/// Where a list operation takes its page number.
#[derive(Debug, Clone)]
pub enum PageControl {
    /// An object parameter (`page`, deepObject) with a `number` property.
    Object {
        /// Index into [`Operation::params`].
        param: usize,
        /// Rust name of the `number` field of the parameter's struct.
        number_field: Ident,
        /// Setters of the object's fields: `(method, field, property)`, such as
        /// `(page_size, size, "size")`: one per field it has of `number` and `size`, unless a
        /// parameter of the operation has the method's name.
        setters: Vec<(Ident, Ident, String)>,
    },
    /// A scalar integer parameter (`page[number]`, `page_number`, `page`).
    Scalar {
        /// Index into [`Operation::params`].
        param: usize,
    },
}

impl Operation {
    /// The response the `send` method returns: the first 2xx response.
    pub fn success(&self) -> Option<&Response> {
        self.responses.iter().find(|r| r.status.is_success())
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Literal text, sent as is.
    Literal(String),
    /// A parameter, by index into [`Operation::params`].
    Param(usize),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

/// How a query parameter is serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form` (the default); `explode` repeats keys for arrays.
    Form {
        /// Whether arrays repeat the key.
        explode: bool,
    },
    /// `deepObject`: `name[prop]=value`, nested objects as `name[a][b]=value`.
    DeepObject,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
}

/// A parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust identifier.
    pub rust_name: Ident,
    /// Location.
    pub location: ParamLocation,
    /// Serialization of query parameters (`Form { explode: false }` for others).
    pub style: QueryStyle,
    /// Serialization of path, header and cookie parameters (`Simple` for query ones).
    pub location_style: LocationStyle,
    /// Described by `content` with a JSON media type rather than by `schema`: the value goes
    /// on the wire as its JSON text, in any location.
    pub json_content: bool,
    /// Required parameters become method arguments; the rest are builder setters.
    pub required: bool,
    /// Type (never wrapped in `Option`; optionality is `required`).
    pub ty: TypeRef,
    /// Docs.
    pub docs: Docs,
}

/// How a path, header or cookie parameter is written (the Parameter Object's `style` and
/// `explode` for those locations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationStyle {
    /// `simple` (paths and headers; the default there).
    Simple { explode: bool },
    /// `label` (paths).
    Label { explode: bool },
    /// `matrix` (paths).
    Matrix { explode: bool },
    /// `form` (cookies; the default there).
    Form { explode: bool },
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON from a value of the body type.
    Json,
    /// `application/x-www-form-urlencoded` from a value of the body type.
    Form,
    /// `multipart/form-data`: the caller builds a `reqwest::multipart::Form`.
    Multipart,
    /// Raw bytes with the media type as `Content-Type`.
    Raw,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Media type (`application/json`).
    pub media_type: String,
    /// How the body is encoded.
    pub encoding: BodyEncoding,
    /// Type of the body.
    pub ty: TypeRef,
    /// Whether the body is required.
    pub required: bool,
    /// Docs.
    pub docs: Docs,
    /// For a form body, the properties whose `encoding` names a style, with that style (the
    /// others are `form`, exploded).
    pub form_styles: Vec<(String, QueryStyle)>,
    /// For a multipart body, its parts (the properties of its schema), in document order.
    pub parts: Vec<Part>,
}

/// What a part of a multipart body holds, by its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A file: `format: binary` or `base64` (or an array of them).
    File,
    /// Text, of any other string schema.
    Text,
    /// An integer, written as text.
    Integer,
    /// A number, written as text.
    Number,
    /// A boolean, written as text.
    Boolean,
    /// Anything else (an object, an array): JSON text.
    Json,
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone)]
pub struct Part {
    /// The part's name (the property's).
    pub name: String,
    /// Listed in `required`.
    pub required: bool,
    /// What the part holds.
    pub kind: PartKind,
    /// The part's `contentType`, as its `encoding` says.
    pub content_type: Option<String>,
    /// The property's docs (its example and constraints, for usage examples).
    pub docs: Docs,
}

/// A response status key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// An exact code.
    Code(u16),
    /// A range: `2XX` is `Range(2)`.
    Range(u16),
    /// `default`.
    Default,
}

impl Status {
    /// Whether this is a 2xx status.
    pub fn is_success(&self) -> bool {
        match self {
            Status::Code(c) => (200..300).contains(c),
            Status::Range(r) => *r == 2,
            Status::Default => false,
        }
    }
}

/// What a response carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseBody {
    /// No content.
    Empty,
    /// JSON decoded into a type.
    Json(TypeRef),
    /// Raw bytes of the given media type (CSV, binary...).
    Bytes {
        /// The media type sent in `Accept`.
        media_type: String,
    },
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status key.
    pub status: Status,
    /// Description.
    pub description: String,
    /// Body.
    pub body: ResponseBody,
    /// The JSON media types it declares, in document order (what `Accept` asks for).
    pub json_media: Vec<String>,
    /// The headers it declares, in lower case.
    pub headers: Vec<String>,
}
