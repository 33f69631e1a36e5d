//! Emission of the model types (`src/types.rs` of the generated crate).

use super::syntax::{self, fragment};
use super::{doc_lines, doc_text, ident, Ctx};
use crate::ir::{EnumVariant, Field, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// One named type: its definition and impls, or what did not parse when the emitter wrote
/// tokens that are not Rust (an internal error).
pub fn type_def(ctx: &Ctx, id: TypeId, def: &TypeDef) -> Result<Vec<syn::Item>, String> {
    let name = ident(&def.name);
    let doc_text = doc_text(
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
    let docs = doc_lines(&doc_text);
    let body = match &def.kind {
        TypeKind::Struct {
            fields,
            default,
            extra_field,
        } => {
            let mut items = struct_def(ctx, def, fields, *default, extra_field, &doc_text);
            items.extend(super::parse_items(quote! { #query #fit })?);
            return Ok(items);
        }
        TypeKind::Union {
            variants,
            discriminator,
        } => union_def(ctx, def, variants, discriminator.as_deref(), docs),
        TypeKind::Enum { variants, default } => {
            let mut items = enum_def(def, variants, *default, &doc_text);
            items.extend(super::parse_items(quote! { #query #fit })?);
            return Ok(items);
        }
        TypeKind::Alias { target } => {
            let ty = syntax::type_ref(ctx, &TypeRef::Named(*target));
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
            let ty = syntax::type_ref(ctx, inner);
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
    super::parse_items(quote! { #body #query #fit })
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
        let ty = syntax::payload(ctx, &v.ty, v.boxed);
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
            let ty = syntax::payload(ctx, &v.ty, v.boxed);
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
        let ty = syntax::payload(ctx, &v.ty, v.boxed);
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

/// A struct: documented fields, the map of unknown properties, and `Serialize`/`Deserialize`
/// through `crate::runtime::Object`, so unknown properties land in that map (as fast as
/// derive; serde's `flatten` would buffer every object).
///
/// Every struct of the API repeats these items, so they are built as syntax trees (see
/// [`super::syntax`]) rather than parsed from tokens.
fn struct_def(
    ctx: &Ctx,
    def: &TypeDef,
    fields: &[Field],
    default: bool,
    extra_field: &str,
    docs: &str,
) -> Vec<syn::Item> {
    let name = def.name.as_str();
    let extra = || syntax::ident(extra_field);
    let optional = |f: &Field| matches!(f.ty, TypeRef::Option(_));
    let mut attrs = syntax::doc_attrs(docs);
    attrs.push(if default {
        derive_with_default()
    } else {
        derive_without_default()
    });
    let mut field_defs: Vec<syn::Field> = fields
        .iter()
        .map(|f| {
            let fallback = format!("The `{}` property.", f.wire_name);
            syntax::named_field(
                syntax::doc_attrs(&doc_text(&f.docs, &fallback)),
                true,
                syntax::ident(&f.rust_name),
                syntax::payload(ctx, &f.ty, f.boxed),
            )
        })
        .collect();
    field_defs.push(syntax::named_field(
        vec![syntax::doc_attr(&format!(
            " Properties the API description does not list, kept as sent and serialized back (empty when there are none), and values of optional properties that did not fit their documented type (that field is then `None`). Named `{extra_field}` in Rust; on the wire they sit beside the documented ones."
        ))],
        true,
        extra(),
        extra_map(),
    ));
    let mut items = vec![syn::Item::Struct(syntax::item_struct(
        attrs,
        syn::Visibility::Public(Default::default()),
        syntax::ident(name),
        field_defs,
    ))];
    if !default {
        items.push(constructor(ctx, name, fields, extra_field));
    }
    items.push(syntax::impl_for(serialize_impl(), name, Vec::new()));
    items.push(syntax::impl_for(deserialize_impl(), name, Vec::new()));

    // Encoding and decoding go through `crate::runtime::Object`: one small function per
    // direction with one generic call per property and no `?` (cheap to compile for APIs with
    // thousands of structs); the loops, unknown properties and the lenient pass are in the runtime.
    let read_body = if fields.is_empty() {
        read_nothing()
    } else {
        let mut arms: Vec<syn::Arm> = fields
            .iter()
            .map(|f| {
                let read = if optional(f) {
                    "crate::runtime::opt"
                } else {
                    "crate::runtime::req"
                };
                syntax::arm(
                    syntax::str_pat(&f.wire_name),
                    syntax::call(
                        read,
                        [
                            syntax::path_expr("map"),
                            syntax::reference(syntax::field("slots", &f.rust_name), true),
                            syntax::path_expr("cx"),
                        ],
                    ),
                )
            })
            .collect();
        arms.push(unknown_key_arm());
        syntax::block(vec![syn::Stmt::Expr(syntax::match_expr("key", arms), None)])
    };
    // Decoding collects into the struct itself when every property is optional, otherwise into
    // a hidden struct of options.
    let slots_name = (!fields.iter().all(optional)).then(|| crate::names::slots_type(name));
    let finish = match &slots_name {
        None => syntax::call("::std::result::Result::Ok", [syntax::path_expr("slots")]),
        Some(slots_name) => {
            let slot_fields = fields
                .iter()
                .map(|f| {
                    let ty = syntax::payload(ctx, &f.ty, f.boxed);
                    let ty = if optional(f) {
                        ty
                    } else {
                        syntax::generic("::std::option::Option", [ty])
                    };
                    syntax::named_field(Vec::new(), false, syntax::ident(&f.rust_name), ty)
                })
                .chain([syntax::named_field(Vec::new(), false, extra(), extra_map())])
                .collect();
            items.push(syn::Item::Struct(syntax::item_struct(
                vec![derive_default()],
                crate_visibility(),
                syntax::ident(slots_name),
                slot_fields,
            )));
            let takes = fields
                .iter()
                .map(|f| {
                    let slot = syntax::field("slots", &f.rust_name);
                    let value = if optional(f) {
                        slot
                    } else {
                        syntax::try_expr(syntax::call(
                            "crate::runtime::required",
                            [slot, syntax::str_lit(&f.wire_name)],
                        ))
                    };
                    (syntax::ident(&f.rust_name), Some(value))
                })
                .chain([(extra(), Some(syntax::field("slots", extra_field)))]);
            syntax::call(
                "::std::result::Result::Ok",
                [syntax::struct_expr(name, takes)],
            )
        }
    };
    let mut expecting = expecting_const();
    expecting.expr = syntax::str_lit(&format!("a {name} object"));
    let mut slots = slots_alias();
    slots.ty = match &slots_name {
        Some(slots_name) => syntax::path_type(syntax::path(slots_name)),
        None => syntax::path_type(syntax::path("Self")),
    };
    let mut read = read_fn();
    read.block = read_body;
    let mut extra_fn = extra_fn();
    extra_fn.block = syntax::block(vec![syn::Stmt::Expr(
        syntax::reference(syntax::field("slots", extra_field), true),
        None,
    )]);
    let mut finish_fn = finish_fn();
    finish_fn.block = syntax::block(vec![syn::Stmt::Expr(finish, None)]);
    let mut write = write_fn();
    write.block = syntax::block(
        fields
            .iter()
            .map(|f| {
                let put = if optional(f) {
                    "crate::runtime::put_opt"
                } else {
                    "crate::runtime::put"
                };
                syntax::stmt(syntax::call(
                    put,
                    [
                        syntax::path_expr("out"),
                        syntax::str_lit(&f.wire_name),
                        syntax::reference(syntax::field("self", &f.rust_name), false),
                    ],
                ))
            })
            .chain([syntax::stmt(syntax::call(
                "crate::runtime::put_extra",
                [
                    syntax::path_expr("out"),
                    syntax::reference(syntax::field("self", extra_field), false),
                ],
            ))])
            .collect(),
    );
    items.push(syntax::impl_for(
        object_impl(),
        name,
        vec![
            syn::ImplItem::Const(expecting),
            syn::ImplItem::Type(slots),
            syn::ImplItem::Fn(read),
            syn::ImplItem::Fn(extra_fn),
            syn::ImplItem::Fn(finish_fn),
            syn::ImplItem::Fn(write),
        ],
    ));
    items
}

/// A string enum with an `Unknown` variant for values the description does not list, its
/// conversions from and to the wire text, and `Serialize`/`Deserialize` through them. Built as
/// syntax trees like [`struct_def`].
fn enum_def(
    def: &TypeDef,
    variants: &[EnumVariant],
    default: Option<usize>,
    docs: &str,
) -> Vec<syn::Item> {
    let name = def.name.as_str();
    let mut attrs = syntax::doc_attrs(docs);
    attrs.extend(enum_attrs());
    attrs.push(if default.is_some() {
        enum_derive_with_default()
    } else {
        enum_derive()
    });
    let mut defs: syn::punctuated::Punctuated<syn::Variant, syn::Token![,]> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut attrs = vec![syntax::doc_attr(&format!(" `{}`", v.wire_value))];
            if default == Some(i) {
                attrs.push(default_attr());
            }
            syn::Variant {
                attrs,
                ident: syntax::ident(&v.rust_name),
                fields: syn::Fields::Unit,
                discriminant: None,
            }
        })
        .collect();
    defs.push(unknown_variant());
    let item = syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: syntax::ident(name),
        generics: Default::default(),
        brace_token: Default::default(),
        variants: defs,
    });
    let variant = |v: &EnumVariant| format!("Self::{}", v.rust_name);
    let mut as_str = as_str_fn();
    as_str.block = syntax::block(vec![syn::Stmt::Expr(
        syntax::match_expr(
            "self",
            variants
                .iter()
                .map(|v| {
                    syntax::arm(
                        syntax::path_pat(&variant(v)),
                        syntax::str_lit(&v.wire_value),
                    )
                })
                .chain([unknown_as_str_arm()])
                .collect(),
        ),
        None,
    )]);
    let mut from = from_str_fn();
    from.block = syntax::block(vec![syn::Stmt::Expr(
        syntax::match_expr(
            "value",
            variants
                .iter()
                .map(|v| {
                    syntax::arm(
                        syntax::str_pat(&v.wire_value),
                        syntax::path_expr(&variant(v)),
                    )
                })
                .chain([unknown_from_arm()])
                .collect(),
        ),
        None,
    )]);
    let mut deserialize = deserialize_fn();
    deserialize.block = syntax::block(vec![syn::Stmt::Expr(
        syntax::call(
            "crate::runtime::deserialize_enum",
            [
                syntax::path_expr("deserializer"),
                syntax::str_lit(&format!("a {name} value")),
            ],
        ),
        None,
    )]);
    vec![
        item,
        syntax::impl_for(inherent_impl(), name, vec![syn::ImplItem::Fn(as_str)]),
        syntax::impl_for(from_str_ref_impl(), name, vec![syn::ImplItem::Fn(from)]),
        syntax::impl_for(enum_from_str_impl(), name, Vec::new()),
        syntax::impl_for(enum_display_impl(), name, Vec::new()),
        syntax::impl_for(enum_serialize_impl(), name, Vec::new()),
        syntax::impl_for(
            deserialize_shell(),
            name,
            vec![syn::ImplItem::Fn(deserialize)],
        ),
    ]
}

fragment!(
    /// The docs and attributes every enum has after its own docs.
    enum_attrs: Vec<syn::Attribute> =
        ///
        /// Values this version of the client does not know are kept in
        /// [`Unknown`](Self::Unknown) and sent back unchanged. The enum is `#[non_exhaustive]`:
        /// values added to the API later become new variants without breaking your `match`.
        #[non_exhaustive]
);
fragment!(
    enum_derive: syn::Attribute =
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, )]
);
fragment!(
    enum_derive_with_default: syn::Attribute =
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::default::Default, )]
);
fragment!(default_attr: syn::Attribute = #[default]);
fragment!(
    unknown_variant: syn::Variant =
        /// A value not listed in the API description this client was generated from.
        Unknown(::std::string::String)
);
fragment!(
    as_str_fn: syn::ImplItemFn =
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {}
);
fragment!(unknown_as_str_arm: syn::Arm = Self::Unknown(value) => value.as_str(),);
fragment!(from_str_ref_impl: syn::ItemImpl = impl ::std::convert::From<&str> for __Name {});
fragment!(from_str_fn: syn::ImplItemFn = fn from(value: &str) -> Self {});
fragment!(unknown_from_arm: syn::Arm = other => Self::Unknown(other.to_owned()),);
fragment!(
    enum_from_str_impl: syn::ItemImpl =
        impl ::std::str::FromStr for __Name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }
);
fragment!(
    enum_display_impl: syn::ItemImpl =
        impl ::std::fmt::Display for __Name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
);
fragment!(
    enum_serialize_impl: syn::ItemImpl =
        impl ::serde::Serialize for __Name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
);
fragment!(deserialize_shell: syn::ItemImpl = impl<'de> ::serde::Deserialize<'de> for __Name {});
fragment!(
    deserialize_fn: syn::ImplItemFn =
        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {}
);

/// `impl Name { pub fn new(required fields...) -> Self }`.
fn constructor(ctx: &Ctx, name: &str, fields: &[Field], extra_field: &str) -> syn::Item {
    let mut new = new_fn();
    new.attrs[0] = syntax::doc_attr(&format!(
        " A `{name}` with the required fields set and every optional one empty. Set optional fields with struct update syntax, `{name} {{ field: Some(..), ..{name}::new(..) }}`, so that fields added to the API later do not break your code."
    ));
    new.sig.inputs = fields
        .iter()
        .filter(|f| !matches!(f.ty, TypeRef::Option(_)))
        .map(|f| {
            syntax::arg(
                syntax::ident(&f.rust_name),
                syntax::payload(ctx, &f.ty, f.boxed),
            )
        })
        .collect();
    let inits = fields
        .iter()
        .map(|f| {
            let value = matches!(f.ty, TypeRef::Option(_))
                .then(|| syntax::path_expr("::std::option::Option::None"));
            (syntax::ident(&f.rust_name), value)
        })
        .chain([(
            syntax::ident(extra_field),
            Some(syntax::call("::std::collections::BTreeMap::new", [])),
        )]);
    new.block = syntax::block(vec![syn::Stmt::Expr(
        syntax::struct_expr("Self", inits),
        None,
    )]);
    syntax::impl_for(inherent_impl(), name, vec![syn::ImplItem::Fn(new)])
}

/// `pub(crate)`.
fn crate_visibility() -> syn::Visibility {
    syn::Visibility::Restricted(syn::VisRestricted {
        pub_token: Default::default(),
        paren_token: Default::default(),
        in_token: None,
        path: Box::new(syntax::path("crate")),
    })
}

fragment!(
    /// The derives of a struct without a `Default`.
    derive_without_default: syn::Attribute =
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, )]
);
fragment!(
    /// The derives of a struct whose every field is optional.
    derive_with_default: syn::Attribute =
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::default::Default, )]
);
fragment!(derive_default: syn::Attribute = #[derive(::std::default::Default)]);
fragment!(
    /// The type of the map of unknown properties.
    extra_map: syn::Type =
        ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>
);
fragment!(inherent_impl: syn::ItemImpl = impl __Name {});
fragment!(
    new_fn: syn::ImplItemFn =
        #[doc = ""]
        #[allow(clippy::too_many_arguments)]
        pub fn new() -> Self {}
);
fragment!(
    serialize_impl: syn::ItemImpl =
        impl ::serde::Serialize for __Name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                crate::runtime::serialize_object(self, serializer)
            }
        }
);
fragment!(
    deserialize_impl: syn::ItemImpl =
        impl<'de> ::serde::Deserialize<'de> for __Name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }
);
fragment!(object_impl: syn::ItemImpl = impl crate::runtime::Object for __Name {});
fragment!(expecting_const: syn::ImplItemConst = const EXPECTING: &'static str = "";);
fragment!(slots_alias: syn::ImplItemType = type Slots = Self;);
fragment!(
    read_fn: syn::ImplItemFn =
        fn read<'de, A: ::serde::de::MapAccess<'de>>(
            slots: &mut Self::Slots,
            key: &str,
            map: &mut A,
            cx: &mut crate::runtime::Cx,
        ) -> ::std::result::Result<bool, A::Error> {}
);
fragment!(
    read_nothing: syn::Block = {
        let _ = (slots, key, map, cx);
        ::std::result::Result::Ok(false)
    }
);
fragment!(unknown_key_arm: syn::Arm = _ => ::std::result::Result::Ok(false),);
fragment!(
    extra_fn: syn::ImplItemFn =
        fn extra(slots: &mut Self::Slots) -> &mut ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {}
);
fragment!(
    finish_fn: syn::ImplItemFn =
        fn finish<E: ::serde::de::Error>(slots: Self::Slots) -> ::std::result::Result<Self, E> {}
);
fragment!(
    write_fn: syn::ImplItemFn =
        fn write<M: ::serde::ser::SerializeMap>(&self, out: &mut crate::runtime::Out<'_, M>) {}
);

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
