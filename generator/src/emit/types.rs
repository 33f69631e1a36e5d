//! Emission of the model types (`src/types.rs` of the generated crate).

use super::{doc_attrs, ident, type_tokens, Ctx};
use crate::ir::{Field, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// One named type: its definition and impls.
pub fn type_def(ctx: &Ctx, id: TypeId, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(
        &def.docs,
        &format!("`{}` (from `{}`).", def.name, def.origin),
    );
    let query = if ctx.query_types.contains(&id) {
        query_impl(ctx, def)
    } else {
        quote! {}
    };
    let fit = if ctx.fit_types.contains(&id) {
        fit_impl(def)
    } else {
        quote! {}
    };
    let body = match &def.kind {
        TypeKind::Struct {
            fields,
            default,
            extra_field,
        } => struct_def(ctx, def, fields, *default, extra_field, docs),
        TypeKind::Union {
            variants,
            discriminator,
        } => union_def(ctx, def, variants, discriminator.as_deref(), docs),
        TypeKind::Enum { variants, default } => {
            let variant_defs = variants.iter().enumerate().map(|(i, v)| {
                let vname = ident(&v.rust_name);
                let doc = format!(" `{}`", v.wire_value);
                let default_attr = (*default == Some(i)).then(|| quote! { #[default] });
                quote! { #[doc = #doc] #default_attr #vname, }
            });
            let to_str = variants.iter().map(|v| {
                let vname = ident(&v.rust_name);
                let wire = &v.wire_value;
                quote! { Self::#vname => #wire, }
            });
            let from_str = variants.iter().map(|v| {
                let vname = ident(&v.rust_name);
                let wire = &v.wire_value;
                quote! { #wire => Self::#vname, }
            });
            let derive_default = default.map(|_| quote! { ::std::default::Default, });
            let expecting = format!("a {} value", def.name);
            quote! {
                #docs
                ///
                /// Values this version of the client does not know are kept in
                /// [`Unknown`](Self::Unknown) and sent back unchanged. The enum is `#[non_exhaustive]`:
                /// values added to the API later become new variants without breaking your `match`.
                #[non_exhaustive]
                #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, #derive_default)]
                pub enum #name {
                    #(#variant_defs)*
                    /// A value not listed in the API description this client was generated from.
                    Unknown(::std::string::String),
                }
                impl #name {
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#to_str)*
                            Self::Unknown(value) => value.as_str(),
                        }
                    }
                }
                impl ::std::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        match value {
                            #(#from_str)*
                            other => Self::Unknown(other.to_owned()),
                        }
                    }
                }
                impl ::std::str::FromStr for #name {
                    type Err = ::std::convert::Infallible;
                    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                        ::std::result::Result::Ok(Self::from(value))
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        crate::runtime::deserialize_enum(deserializer, #expecting)
                    }
                }
            }
        }
        TypeKind::Alias { target } => {
            let ty = type_tokens(ctx, &TypeRef::Named(*target));
            let target_name = &ctx.api.types.get(*target).name;
            let same = format!(" Another name for [`{target_name}`](crate::types::{target_name}).");
            quote! {
                #docs
                ///
                #[doc = #same]
                pub type #name = #ty;
            }
        }
        TypeKind::Newtype { inner } => {
            let ty = type_tokens(ctx, inner);
            quote! {
                #docs
                #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
                impl ::std::convert::From<#ty> for #name {
                    fn from(value: #ty) -> Self { Self(value) }
                }
            }
        }
    };
    quote! { #body #query #fit }
}

/// The type of a field or variant payload, behind a `Box` when the type contains itself.
fn payload_tokens(ctx: &Ctx, ty: &TypeRef, boxed: bool) -> TokenStream {
    match (ty, boxed) {
        (TypeRef::Option(inner), true) => {
            let inner = type_tokens(ctx, inner);
            quote! { ::std::option::Option<::std::boxed::Box<#inner>> }
        }
        (ty, true) => {
            let ty = type_tokens(ctx, ty);
            quote! { ::std::boxed::Box<#ty> }
        }
        (ty, false) => type_tokens(ctx, ty),
    }
}

/// `oneOf`/`anyOf`: an enum with one variant per alternative and `Other` for anything else.
/// Decoding reads the discriminator when there is one, and otherwise keeps the alternative that
/// decodes with the fewest unknown properties (the first one on a tie).
fn union_def(
    ctx: &Ctx,
    def: &TypeDef,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    docs: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let defs = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = payload_tokens(ctx, &v.ty, v.boxed);
        let doc = if v.tags.is_empty() {
            format!(" The `{}` alternative.", v.rust_name)
        } else {
            format!(
                " The `{}` alternative (`{}`: {}).",
                v.rust_name,
                discriminator.unwrap_or_default(),
                v.tags
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        quote! { #[doc = #doc] #vname(#ty), }
    });
    let tagged = discriminator.map(|property| {
        let arms = variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
            let vname = ident(&v.rust_name);
            let ty = payload_tokens(ctx, &v.ty, v.boxed);
            let tags = &v.tags;
            quote! {
                #(::std::option::Option::Some(#tags))|* => {
                    if let ::std::result::Result::Ok(v) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                        return Self::#vname(v);
                    }
                }
            }
        });
        quote! {
            match value.get(#property).and_then(::serde_json::Value::as_str) {
                #(#arms)*
                _ => {}
            }
        }
    });
    let tries = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = payload_tokens(ctx, &v.ty, v.boxed);
        quote! {
            if let ::std::result::Result::Ok(v) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                let misfit = crate::runtime::Fit::misfit(&v);
                if !::std::matches!(&best, ::std::option::Option::Some((b, _)) if *b <= misfit) {
                    best = ::std::option::Option::Some((misfit, Self::#vname(v)));
                }
            }
        }
    });
    let misfits = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        quote! { Self::#vname(v) => crate::runtime::Fit::misfit(v), }
    });
    quote! {
        #docs
        ///
        /// Decoding picks the alternative the data fits; data that fits none is kept in
        /// [`Other`](Self::Other) and sent back unchanged.
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#defs)*
            /// Data that fits none of the alternatives, as received.
            Other(::serde_json::Value),
        }

        impl #name {
            fn from_json(value: ::serde_json::Value) -> Self {
                #tagged
                let mut best: ::std::option::Option<(usize, Self)> = ::std::option::Option::None;
                #(#tries)*
                match best {
                    ::std::option::Option::Some((_, v)) => v,
                    ::std::option::Option::None => Self::Other(value),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_json(value))
            }
        }

        impl crate::runtime::Fit for #name {
            fn misfit(&self) -> usize {
                match self {
                    #(#misfits)*
                    Self::Other(_) => crate::runtime::RAW_MISFIT,
                }
            }
        }
    }
}

/// How badly a decoded value fits its type, for choosing among union alternatives.
fn fit_impl(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct { extra_field, .. } => {
            let extra = ident(extra_field);
            quote! { self.#extra.len() }
        }
        TypeKind::Enum { .. } => quote! { usize::from(::std::matches!(self, Self::Unknown(_))) },
        TypeKind::Newtype { .. } => quote! { crate::runtime::Fit::misfit(&self.0) },
        // Unions carry their own impl; aliases share their target's.
        TypeKind::Union { .. } | TypeKind::Alias { .. } => return quote! {},
    };
    quote! {
        impl crate::runtime::Fit for #name {
            fn misfit(&self) -> usize {
                #body
            }
        }
    }
}

/// A struct: documented fields, the map of unknown properties, `Serialize` by derive and a
/// `Deserialize` written out so unknown properties land in that map (as fast as derive; serde's
/// `flatten` would buffer every object).
fn struct_def(
    ctx: &Ctx,
    def: &TypeDef,
    fields: &[Field],
    default: bool,
    extra_field: &str,
    docs: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let extra = ident(extra_field);
    let derive_default = default.then(|| quote! { ::std::default::Default, });
    let field_defs = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = payload_tokens(ctx, &f.ty, f.boxed);
        let fallback = format!("The `{}` property.", f.wire_name);
        let docs = doc_attrs(&f.docs, &fallback);
        quote! { #docs pub #fname: #ty, }
    });
    let optional = |f: &Field| matches!(f.ty, TypeRef::Option(_));
    // Encoding and decoding go through `crate::runtime::Object`: one small function per
    // direction with one generic call per property and no `?` (cheap to compile for APIs with
    // thousands of structs); the loops, unknown properties and the lenient pass are in the runtime.
    let writes = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        if optional(f) {
            quote! { crate::runtime::put_opt(out, #wire, &self.#fname); }
        } else {
            quote! { crate::runtime::put(out, #wire, &self.#fname); }
        }
    });
    let reads: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let fname = ident(&f.rust_name);
            let wire = &f.wire_name;
            let read = if optional(f) {
                quote! { opt }
            } else {
                quote! { req }
            };
            quote! { #wire => crate::runtime::#read(map, &mut slots.#fname, cx), }
        })
        .collect();
    let read_body = if reads.is_empty() {
        quote! {
            let _ = (slots, key, map, cx);
            ::std::result::Result::Ok(false)
        }
    } else {
        quote! {
            match key {
                #(#reads)*
                _ => ::std::result::Result::Ok(false),
            }
        }
    };
    // Decoding collects into the struct itself when every property is optional, otherwise into
    // a hidden struct of options.
    let slots_struct =
        (!fields.iter().all(optional)).then(|| ident(&crate::names::slots_type(&def.name)));
    let (slots_type, slots_def, finish) = match &slots_struct {
        None => (
            quote! { Self },
            quote! {},
            quote! { ::std::result::Result::Ok(slots) },
        ),
        Some(slots_name) => {
            let slot_fields = fields.iter().map(|f| {
                let fname = ident(&f.rust_name);
                let ty = payload_tokens(ctx, &f.ty, f.boxed);
                if optional(f) {
                    quote! { #fname: #ty, }
                } else {
                    quote! { #fname: ::std::option::Option<#ty>, }
                }
            });
            let takes = fields.iter().map(|f| {
                let fname = ident(&f.rust_name);
                let wire = &f.wire_name;
                if optional(f) {
                    quote! { #fname: slots.#fname, }
                } else {
                    quote! { #fname: crate::runtime::required(slots.#fname, #wire)?, }
                }
            });
            (
                quote! { #slots_name },
                quote! {
                    #[derive(::std::default::Default)]
                    pub(crate) struct #slots_name {
                        #(#slot_fields)*
                        #extra: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
                    }
                },
                quote! { ::std::result::Result::Ok(#name { #(#takes)* #extra: slots.#extra }) },
            )
        }
    };
    let expecting = format!("a {} object", def.name);
    let extra_doc = format!(
        " Properties the API description does not list, kept as sent and serialized back (empty when there are none), and values of optional properties that did not fit their documented type (that field is then `None`). Named `{extra_field}` in Rust; on the wire they sit beside the documented ones."
    );
    let constructor = (!default).then(|| {
        let required: Vec<&Field> = fields
            .iter()
            .filter(|f| !matches!(f.ty, TypeRef::Option(_)))
            .collect();
        let args = required.iter().map(|f| {
            let fname = ident(&f.rust_name);
            let ty = payload_tokens(ctx, &f.ty, f.boxed);
            quote! { #fname: #ty }
        });
        let inits = fields.iter().map(|f| {
            let fname = ident(&f.rust_name);
            if matches!(f.ty, TypeRef::Option(_)) {
                quote! { #fname: ::std::option::Option::None, }
            } else {
                quote! { #fname, }
            }
        });
        let doc = format!(
            " A `{}` with the required fields set and every optional one empty. Set optional fields with struct update syntax, `{} {{ field: Some(..), ..{}::new(..) }}`, so that fields added to the API later do not break your code.",
            def.name, def.name, def.name
        );
        quote! {
            impl #name {
                #[doc = #doc]
                #[allow(clippy::too_many_arguments)]
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits)* #extra: ::std::collections::BTreeMap::new() }
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, #derive_default)]
        pub struct #name {
            #(#field_defs)*
            #[doc = #extra_doc]
            pub #extra: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        #constructor

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                crate::runtime::serialize_object(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }

        #slots_def

        impl crate::runtime::Object for #name {
            const EXPECTING: &'static str = #expecting;
            type Slots = #slots_type;
            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                slots: &mut Self::Slots,
                key: &str,
                map: &mut A,
                cx: &mut crate::runtime::Cx,
            ) -> ::std::result::Result<bool, A::Error> {
                #read_body
            }
            fn extra(slots: &mut Self::Slots) -> &mut ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                &mut slots.#extra
            }
            fn finish<E: ::serde::de::Error>(slots: Self::Slots) -> ::std::result::Result<Self, E> {
                #finish
            }
            fn write<M: ::serde::ser::SerializeMap>(&self, out: &mut crate::runtime::Out<'_, M>) {
                #(#writes)*
                crate::runtime::put_extra(out, &self.#extra);
            }
        }
    }
}

/// How a type used in a query string, path or header writes itself.
fn query_impl(ctx: &Ctx, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct { fields, .. } => {
            let writes = fields.iter().map(|f| {
                let fname = ident(&f.rust_name);
                let wire = &f.wire_name;
                quote! {
                    crate::runtime::QueryValue::write(&self.#fname, &crate::runtime::object_key(key, style, #wire), crate::runtime::Style::DeepObject, query);
                }
            });
            quote! {
                impl crate::runtime::QueryValue for #name {
                    fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                        #(#writes)*
                    }
                }
            }
        }
        TypeKind::Enum { .. } => quote! {
            impl crate::runtime::ParamScalar for #name {
                fn to_param(&self) -> ::std::string::String { self.as_str().to_owned() }
            }
        },
        TypeKind::Newtype { inner } if super::is_scalar(ctx, inner) => quote! {
            impl crate::runtime::ParamScalar for #name {
                fn to_param(&self) -> ::std::string::String { crate::runtime::ParamScalar::to_param(&self.0) }
            }
        },
        TypeKind::Union { variants, .. } => {
            let arms = variants.iter().map(|v| {
                let vname = ident(&v.rust_name);
                quote! { Self::#vname(v) => crate::runtime::QueryValue::write(v, key, style, query), }
            });
            quote! {
                impl crate::runtime::QueryValue for #name {
                    fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                        match self {
                            #(#arms)*
                            Self::Other(v) => crate::runtime::QueryValue::write(v, key, style, query),
                        }
                    }
                }
            }
        }
        // The target type carries the impl.
        TypeKind::Alias { .. } => quote! {},
        TypeKind::Newtype { .. } => quote! {
            impl crate::runtime::QueryValue for #name {
                fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                    crate::runtime::QueryValue::write(&self.0, key, style, query);
                }
            }
        },
    }
}
