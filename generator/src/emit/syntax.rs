//! Syntax trees built directly, for the items emitted thousands of times on a large API.
//!
//! Most of the emitter writes tokens with `quote!` and has `syn` parse them before
//! `prettyplease` prints them. Parsing is the most expensive step of generation (on the whole
//! Telnyx API it took more time than building the tokens and printing them together), so the
//! items every struct, string enum and operation repeats are built here as `syn` trees instead: the parts
//! that never change are parsed once per thread by [`fragment!`] and cloned, the parts that
//! change (names, fields, match arms) are put together with the small constructors below. The
//! trees are the ones `syn` would have parsed, so the printed text is the same.

use proc_macro2::Span;
use syn::{
    Attribute, Expr, ExprLit, Field, FieldValue, Ident, Lit, LitStr, Member, Meta, MetaNameValue,
    Pat, Path, PathArguments, PathSegment, Stmt, Token, Type, TypePath,
};

/// A function returning a clone of a piece of syntax that is parsed once per thread:
/// `fragment!(name: Type = tokens...)`.
macro_rules! fragment {
    ($(#[$doc:meta])* $name:ident: $ty:ty = $($tokens:tt)*) => {
        $(#[$doc])*
        pub fn $name() -> $ty {
            ::std::thread_local! {
                static VALUE: $ty = ::syn::parse_quote!($($tokens)*);
            }
            VALUE.with(::std::clone::Clone::clone)
        }
    };
}
pub(crate) use fragment;

pub use super::ident;

/// A path without generic arguments, written as in Rust: `crate::runtime::put`,
/// `::std::option::Option`.
pub fn path(text: &str) -> Path {
    let (leading, rest) = match text.strip_prefix("::") {
        Some(rest) => (Some(<Token![::]>::default()), rest),
        None => (None, text),
    };
    Path {
        leading_colon: leading,
        segments: rest
            .split("::")
            .map(|segment| PathSegment::from(ident(segment)))
            .collect(),
    }
}

/// A path type with generic arguments on its last segment: `::std::option::Option<T>`.
pub fn generic(text: &str, args: impl IntoIterator<Item = Type>) -> Type {
    path_type(generic_path(text, args))
}

/// A path with generic arguments on its last segment.
fn generic_path(text: &str, args: impl IntoIterator<Item = Type>) -> Path {
    with_arguments(text, args.into_iter().map(syn::GenericArgument::Type))
}

/// A path with `<arguments>` on its last segment.
fn with_arguments(text: &str, args: impl IntoIterator<Item = syn::GenericArgument>) -> Path {
    let mut path = path(text);
    if let Some(last) = path.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// A type that is a path.
pub fn path_type(path: Path) -> Type {
    Type::Path(TypePath { qself: None, path })
}

/// An expression that is a path: `::std::option::Option::None`, `slots`.
pub fn path_expr(text: &str) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(text),
    })
}

/// A string literal.
fn lit(value: &str) -> ExprLit {
    ExprLit {
        attrs: Vec::new(),
        lit: Lit::Str(LitStr::new(value, Span::call_site())),
    }
}

/// A string literal expression.
pub fn str_lit(value: &str) -> Expr {
    Expr::Lit(lit(value))
}

/// `func(args...)`.
pub fn call(func: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(func)),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base.name`.
pub fn field(base: &str, name: &str) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(path_expr(base)),
        dot_token: Default::default(),
        member: Member::Named(ident(name)),
    })
}

/// `&expr`, or `&mut expr`.
pub fn reference(expr: Expr, mutable: bool) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: mutable.then(Default::default),
        expr: Box::new(expr),
    })
}

/// A statement `expr;`.
pub fn stmt(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// A block of statements.
pub fn block(stmts: Vec<Stmt>) -> syn::Block {
    syn::Block {
        brace_token: Default::default(),
        stmts,
    }
}

/// `Name { field: value, shorthand, .. }`: `None` as a value writes the field in shorthand.
pub fn struct_expr(name: &str, fields: impl IntoIterator<Item = (Ident, Option<Expr>)>) -> Expr {
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(name),
        brace_token: Default::default(),
        fields: fields
            .into_iter()
            .map(|(name, value)| {
                let shorthand = value.is_none();
                FieldValue {
                    attrs: Vec::new(),
                    expr: value.unwrap_or_else(|| {
                        Expr::Path(syn::ExprPath {
                            attrs: Vec::new(),
                            qself: None,
                            path: Path::from(name.clone()),
                        })
                    }),
                    member: Member::Named(name),
                    colon_token: (!shorthand).then(Default::default),
                }
            })
            .collect(),
        dot2_token: None,
        rest: None,
    })
}

/// A named field with its attributes: `pub name: Type` when `public`.
pub fn named_field(attrs: Vec<Attribute>, public: bool, name: Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis: if public {
            syn::Visibility::Public(Default::default())
        } else {
            syn::Visibility::Inherited
        },
        mutability: syn::FieldMutability::None,
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// Braced named fields.
pub fn named_fields(fields: Vec<Field>) -> syn::Fields {
    syn::Fields::Named(syn::FieldsNamed {
        brace_token: Default::default(),
        named: fields.into_iter().collect(),
    })
}

/// An argument `name: Type` of a function.
pub fn arg(name: Ident, ty: Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: name,
            subpat: None,
        })),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// A match arm `pattern => body,`.
pub fn arm(pat: Pat, body: Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// A string literal pattern.
pub fn str_pat(text: &str) -> Pat {
    Pat::Lit(lit(text))
}

/// A path pattern: `Self::Variant`.
pub fn path_pat(text: &str) -> Pat {
    Pat::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(text),
    })
}

/// `match scrutinee { arms }`.
pub fn match_expr(scrutinee: &str, arms: Vec<syn::Arm>) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(path_expr(scrutinee)),
        brace_token: Default::default(),
        arms,
    })
}

/// One `#[doc = "..."]` attribute.
pub fn doc_attr(line: &str) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: Meta::NameValue(MetaNameValue {
            path: Path::from(ident("doc")),
            eq_token: Default::default(),
            value: str_lit(line),
        }),
    }
}

/// `#[doc]` attributes for composed text, one per line so prettyplease prints them as `///`
/// lines.
pub fn doc_attrs(text: &str) -> Vec<Attribute> {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                doc_attr("")
            } else {
                doc_attr(&format!(" {line}"))
            }
        })
        .collect()
}

/// The Rust type for a type reference, with absolute paths (interpolated into `quote!` where
/// the emitter writes tokens).
pub fn type_ref(ctx: &super::Ctx, ty: &crate::ir::TypeRef) -> Type {
    use crate::ir::{Primitive, TypeRef};
    match ty {
        TypeRef::Named(id) => {
            let mut path = path("crate::types");
            path.segments
                .push(PathSegment::from(ident(&ctx.api.types.get(*id).name)));
            path_type(path)
        }
        TypeRef::Primitive(p) => path_type(path(match p {
            Primitive::String { format } => match format.as_deref() {
                Some("date-time") => "crate::formats::DateTime",
                Some("date") => "crate::formats::Date",
                Some("uuid") => "crate::formats::Uuid",
                _ => "::std::string::String",
            },
            Primitive::I32 => "i32",
            Primitive::I64 => "i64",
            Primitive::F32 => "f32",
            Primitive::F64 => "f64",
            Primitive::Bool => "bool",
        })),
        TypeRef::List(inner) => generic("::std::vec::Vec", [type_ref(ctx, inner)]),
        TypeRef::Map(inner) => generic(
            "::std::collections::BTreeMap",
            [
                path_type(path("::std::string::String")),
                type_ref(ctx, inner),
            ],
        ),
        TypeRef::Option(inner) => generic("::std::option::Option", [type_ref(ctx, inner)]),
        TypeRef::Json => path_type(path("::serde_json::Value")),
    }
}

/// The type of a field or variant payload, behind a `Box` when the type contains itself.
pub fn payload(ctx: &super::Ctx, ty: &crate::ir::TypeRef, boxed: bool) -> Type {
    match (ty, boxed) {
        (crate::ir::TypeRef::Option(inner), true) => generic(
            "::std::option::Option",
            [generic("::std::boxed::Box", [type_ref(ctx, inner)])],
        ),
        (ty, true) => generic("::std::boxed::Box", [type_ref(ctx, ty)]),
        (ty, false) => type_ref(ctx, ty),
    }
}

/// A struct item.
pub fn item_struct(
    attrs: Vec<Attribute>,
    vis: syn::Visibility,
    name: Ident,
    fields: Vec<Field>,
) -> syn::ItemStruct {
    syn::ItemStruct {
        attrs,
        vis,
        struct_token: Default::default(),
        ident: name,
        generics: Default::default(),
        fields: named_fields(fields),
        semi_token: None,
    }
}

/// An impl block `impl Type { items }`, or `impl Trait for Type` when the template (a
/// [`fragment!`] of an empty impl) names a trait.
pub fn impl_for(mut template: syn::ItemImpl, name: &str, items: Vec<syn::ImplItem>) -> syn::Item {
    template.self_ty = Box::new(path_type(path(name)));
    template.items.extend(items);
    syn::Item::Impl(template)
}

/// `Name<'lifetime>`.
pub fn with_lifetime(name: &str, lifetime: &str) -> Type {
    path_type(with_arguments(
        name,
        [syn::GenericArgument::Lifetime(syn::Lifetime::new(
            lifetime,
            Span::call_site(),
        ))],
    ))
}

/// A trait bound on a path.
fn bound(path: Path) -> syn::TypeParamBound {
    syn::TypeParamBound::Trait(syn::TraitBound {
        paren_token: None,
        modifier: syn::TraitBoundModifier::None,
        lifetimes: None,
        path,
    })
}

/// `impl ::std::convert::Into<T>`.
pub fn impl_into(ty: Type) -> Type {
    Type::ImplTrait(syn::TypeImplTrait {
        impl_token: Default::default(),
        bounds: [bound(generic_path("::std::convert::Into", [ty]))]
            .into_iter()
            .collect(),
    })
}

/// `impl Trait<Assoc = T> + ::std::marker::Send + 'a`: what `send`, `pages` and `items` return.
pub fn impl_trait_send(trait_path: &str, assoc: &str, ty: Type) -> Type {
    let path = with_arguments(
        trait_path,
        [syn::GenericArgument::AssocType(syn::AssocType {
            ident: ident(assoc),
            generics: None,
            eq_token: Default::default(),
            ty,
        })],
    );
    Type::ImplTrait(syn::TypeImplTrait {
        impl_token: Default::default(),
        bounds: [
            bound(path),
            bound(self::path("::std::marker::Send")),
            syn::TypeParamBound::Lifetime(syn::Lifetime::new("'a", Span::call_site())),
        ]
        .into_iter()
        .collect(),
    })
}

/// `receiver.method(args...)`.
pub fn method_call(receiver: Expr, method: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `left = right`.
pub fn assign(left: Expr, right: Expr) -> Expr {
    Expr::Assign(syn::ExprAssign {
        attrs: Vec::new(),
        left: Box::new(left),
        eq_token: Default::default(),
        right: Box::new(right),
    })
}

/// `true` or `false`.
pub fn bool_lit(value: bool) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::Bool(syn::LitBool::new(value, Span::call_site())),
    })
}

/// `expr?`.
pub fn try_expr(expr: Expr) -> Expr {
    Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `let name = init;`, or `let mut name = init;`.
pub fn let_stmt(name: &str, mutable: bool, init: Expr) -> Stmt {
    Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: mutable.then(Default::default),
            ident: ident(name),
            subpat: None,
        }),
        init: Some(syn::LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}
