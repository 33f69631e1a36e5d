//! The pieces of syntax every emitter needs: IR types as Rust types, doc comments, literals and
//! `cfg` attributes. Written as [`template!`]s like the items that use them.

use super::template::template;
use super::Ctx;
use crate::ir::{Primitive, TypeRef};
use crate::names::Ident;
use proc_macro2::Span;
use std::collections::{BTreeSet, HashMap};

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

/// The `#[doc]` attribute for composed text: printed as one `///` line per line of `text`.
///
/// The text does not go into the tree: an attribute per line would make the syntax tree hold
/// it as escaped string literals, which prettyplease parses back before it prints them (a
/// tenth of the time emitting takes). The attribute holds a marker instead, `///` followed by
/// [`DOC_MARKER`] and the text's number on this thread, which [`expand_doc_line`] replaces after
/// printing with the lines prettyplease would have printed. Empty text has no attribute.
pub fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    if text.is_empty() {
        return Vec::new();
    }
    let index = DOCS.with_borrow_mut(|docs| {
        docs.push(text.to_owned());
        docs.len() - 1
    });
    vec![doc_attr(&format!("{DOC_MARKER}{index}"))]
}

/// Starts a printed doc line that [`expand_doc_line`] replaces: a character no other doc line
/// starts with (the generator's doc lines start with a space, or are empty). ASCII, so that
/// making and printing its literal escapes nothing: a character outside ASCII was escaped as
/// `\u{..}` and parsed back, which cost more than the rest of building the attribute.
const DOC_MARKER: char = '@';

thread_local! {
    /// The texts [`doc_attrs`] stood markers for, by number, since [`forget_docs`].
    static DOCS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Forgets the texts of the markers made so far on this thread (once what holds them has been
/// printed).
pub fn forget_docs() {
    DOCS.with_borrow_mut(Vec::clear);
}

/// When `line` (without its newline) is a marker line of [`doc_attrs`], writes into `out` the
/// `///` lines of its text, at the marker's indentation, as prettyplease prints a `#[doc]`
/// attribute per line (`///`, a space and the line without its trailing spaces; `///` alone for
/// an empty line), and returns `true`; otherwise writes nothing and returns `false`.
/// [`crate::emit::space_items`] calls it on every line it prints.
pub fn expand_doc_line(line: &str, out: &mut String) -> bool {
    let body = line.trim_start_matches(' ');
    let Some(number) = body
        .strip_prefix("///")
        .and_then(|rest| rest.strip_prefix(DOC_MARKER))
    else {
        return false;
    };
    let Ok(index) = number.parse::<usize>() else {
        return false;
    };
    let indent = &line[..line.len() - body.len()];
    DOCS.with_borrow(|docs| {
        let Some(doc) = docs.get(index) else {
            return false;
        };
        for doc_line in doc.lines() {
            out.push_str(indent);
            out.push_str("///");
            if !doc_line.is_empty() {
                out.push(' ');
                out.push_str(doc_line);
                out.truncate(out.trim_end_matches(' ').len());
            }
            out.push('\n');
        }
        true
    })
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

/// The `cfg` condition that compiles an item needed by any of `features`:
/// `feature = "a"` or `any(feature = "a", ...)`.
fn condition(features: &BTreeSet<String>) -> String {
    let list: Vec<String> = features
        .iter()
        .map(|f| format!("feature = {f:?}"))
        .collect();
    match list.as_slice() {
        [one] => one.clone(),
        _ => format!("any({})", list.join(", ")),
    }
}

/// `#[cfg_attr(docsrs, doc(cfg(...)))]` alone, for the public items of a module that is
/// compiled only with its feature.
pub fn doc_cfg_attrs(features: &BTreeSet<String>) -> Vec<syn::Attribute> {
    let mut attrs = cfg_attrs(features, true);
    attrs.retain(|attr| attr.path().is_ident("cfg_attr"));
    attrs
}

/// The `cfg` attributes of a feature set, for public items or not.
type CfgCache = HashMap<(BTreeSet<String>, bool), Vec<syn::Attribute>>;

thread_local! {
    /// The attributes of each feature set already seen: types share a few sets.
    static CFG_ATTRS: std::cell::RefCell<CfgCache> = Default::default();
}

/// `#[cfg(...)]` for an item needed by `features` (none when `features` is empty), and for a
/// public item also `#[cfg_attr(docsrs, doc(cfg(...)))]`, so that docs.rs says which feature
/// the item needs. A hole cannot stand inside an attribute's arguments (they are tokens), so
/// these two are built from the condition's text.
pub fn cfg_attrs(features: &BTreeSet<String>, public: bool) -> Vec<syn::Attribute> {
    if features.is_empty() {
        return Vec::new();
    }
    CFG_ATTRS.with(|cache| {
        cache
            .borrow_mut()
            .entry((features.clone(), public))
            .or_insert_with(|| {
                let condition = condition(features);
                let mut text = format!("#[cfg({condition})]");
                if public {
                    text.push_str(&format!("#[cfg_attr(docsrs, doc(cfg({condition})))]"));
                }
                syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &text)
                    .expect("a cfg condition of feature names is valid Rust")
            })
            .clone()
    })
}

#[cfg(test)]
mod tests {
    /// `text` (printed by prettyplease) with each marker line expanded by [`expand_doc_line`].
    fn expand_docs(text: &str) -> std::borrow::Cow<'_, str> {
        if !text.contains(DOC_MARKER) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() * 2);
        for line in text.lines() {
            if !expand_doc_line(line, &mut out) {
                out.push_str(line);
                out.push('\n');
            }
        }
        std::borrow::Cow::Owned(out)
    }

    use super::*;

    /// The same items, documented by a `#[doc]` attribute per line (what prettyplease is
    /// given without markers) and by [`doc_attrs`], print the same once markers are expanded.
    #[test]
    fn expanded_docs_print_as_an_attribute_per_line_does() {
        let texts = [
            "One line.",
            "A first paragraph.\n\n- a list item   \n- with `code`  and trailing spaces   \n\n  indented",
            "\"quoted\" \\ backslash\ttab /slash // and ///\nunicode: é ✓ \u{1F600}",
            "",
            "ends with an empty line\n",
        ];
        let per_line = |text: &str| -> Vec<syn::Attribute> {
            text.lines()
                .map(|line| {
                    if line.is_empty() {
                        doc_attr("")
                    } else {
                        doc_attr(&format!(" {line}"))
                    }
                })
                .collect()
        };
        let file = |docs: &dyn Fn(&str) -> Vec<syn::Attribute>| -> syn::File {
            let items = texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let name = quote::format_ident!("S{i}");
                    let (attrs, field_attrs) = (docs(text), docs(text));
                    syn::parse_quote! {
                        #(#attrs)*
                        pub struct #name {
                            #(#field_attrs)*
                            pub field: u8,
                        }
                    }
                })
                .collect();
            syn::File {
                shebang: None,
                attrs: Vec::new(),
                items,
            }
        };
        forget_docs();
        let expected = prettyplease::unparse(&file(&per_line));
        let printed = prettyplease::unparse(&file(&doc_attrs));
        assert!(printed.contains(DOC_MARKER));
        let expanded = expand_docs(&printed);
        assert_eq!(expanded, expected);
        assert!(expanded.contains("    /// - a list item\n"), "{expanded}");
    }
}
