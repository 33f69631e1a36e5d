//! The pieces of syntax every emitter needs: IR types as Rust types, identifiers, literals and
//! plain doc attributes. Written as [`template!`]s like the items that use them. (Docs of
//! composed text and `cfg` attributes are made by the thread's [`super::printer::Printer`].)

use super::template::template;
use super::Ctx;
use crate::ir::{Primitive, TypeRef};
use crate::names::Ident;
use proc_macro2::Span;

/// Where a type is written: inside `crate::types`, whose types are named bare, or elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// In `src/types/mod.rs`.
    Types,
    /// Anywhere else (`operations`, `types::codec`): `crate::types::Name`.
    Elsewhere,
}

template! {
    fn bare(Name: Ident) -> syn::Type { __Name }
    fn in_types(Name: Ident) -> syn::Type { crate::types::__Name }
    pub fn vec_of(T: Type) -> syn::Type { Vec<__T> }
    pub fn option_of(T: Type) -> syn::Type { Option<__T> }
    pub fn box_of(T: Type) -> syn::Type { Box<__T> }
    pub fn map_of(T: Type) -> syn::Type { ::std::collections::BTreeMap<String, __T> }
    fn json() -> syn::Type { ::serde_json::Value }
    fn string() -> syn::Type { String }
    fn date_time() -> syn::Type { crate::formats::DateTime }
    fn date() -> syn::Type { crate::formats::Date }
    fn uuid() -> syn::Type { crate::formats::Uuid }
    fn i32_type() -> syn::Type { i32 }
    fn i64_type() -> syn::Type { i64 }
    fn f32_type() -> syn::Type { f32 }
    fn f64_type() -> syn::Type { f64 }
    fn bool_type() -> syn::Type { bool }
}

/// The Rust type of a type reference, written as seen from `at`.
pub fn type_ref(ctx: &Ctx, ty: &TypeRef, at: At) -> syn::Type {
    match ty {
        TypeRef::Named(id) => {
            let name = ctx.api.types.get(*id).name.to_syn();
            match at {
                At::Types => bare(name),
                At::Elsewhere => in_types(name),
            }
        }
        TypeRef::Primitive(p) => match p {
            Primitive::String { format } => match format.as_deref() {
                Some("date-time") => date_time(),
                Some("date") => date(),
                Some("uuid") => uuid(),
                _ => string(),
            },
            Primitive::I32 => i32_type(),
            Primitive::I64 => i64_type(),
            Primitive::F32 => f32_type(),
            Primitive::F64 => f64_type(),
            Primitive::Bool => bool_type(),
        },
        TypeRef::List(inner) => vec_of(type_ref(ctx, inner, at)),
        TypeRef::Map(inner) => map_of(type_ref(ctx, inner, at)),
        TypeRef::Option(inner) => option_of(type_ref(ctx, inner, at)),
        TypeRef::Json => json(),
    }
}

/// The type of a field or variant payload, behind a `Box` when the type contains itself.
pub fn payload(ctx: &Ctx, ty: &TypeRef, boxed: bool, at: At) -> syn::Type {
    match (ty, boxed) {
        (TypeRef::Option(inner), true) => option_of(box_of(type_ref(ctx, inner, at))),
        (ty, true) => box_of(type_ref(ctx, ty, at)),
        (ty, false) => type_ref(ctx, ty, at),
    }
}

/// The identifier token of a name decided in lowering.
pub fn ident(name: &Ident) -> syn::Ident {
    name.to_syn()
}

/// One `#[doc = "..."]` attribute.
pub fn doc_attr(line: &str) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: syn::Path::from(syn::Ident::new("doc", Span::call_site())),
            eq_token: Default::default(),
            value: str_lit(line),
        }),
    }
}

/// A string literal expression.
pub fn str_lit(value: &str) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(value, Span::call_site())),
    })
}

/// A string literal pattern.
pub fn str_pat(value: &str) -> syn::Pat {
    syn::Pat::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(value, Span::call_site())),
    })
}

/// `a | b | c`, or the one pattern.
pub fn or_pat(mut cases: Vec<syn::Pat>) -> syn::Pat {
    if cases.len() == 1 {
        return cases.remove(0);
    }
    syn::Pat::Or(syn::PatOr {
        attrs: Vec::new(),
        leading_vert: None,
        cases: cases.into_iter().collect(),
    })
}

/// An unsuffixed integer literal expression.
pub fn int_lit(value: u64) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Int(syn::LitInt::new(&value.to_string(), Span::call_site())),
    })
}

/// An unsuffixed integer literal pattern.
pub fn int_pat(value: u64) -> syn::Pat {
    syn::Pat::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Int(syn::LitInt::new(&value.to_string(), Span::call_site())),
    })
}

/// `true` or `false`.
pub fn char_lit(value: char) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Char(syn::LitChar::new(value, Span::call_site())),
    })
}

pub fn bool_lit(value: bool) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Bool(syn::LitBool::new(value, Span::call_site())),
    })
}
