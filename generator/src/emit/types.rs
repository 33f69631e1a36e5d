//! The model types: each type's definition and user-facing impls go to `src/types/mod.rs`;
//! how it is encoded and decoded (serde, query strings, the fit of union alternatives) goes to
//! `src/types/codec.rs`, out of the reader's way.

use super::syntax::{self, ident, payload, type_ref, At};
use super::template::template;
use super::{doc_text, is_scalar, Ctx};
use crate::ir::{EnumVariant, Field, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant};

/// The items of one type: (in `types`, in `types::codec`).
pub struct TypeItems {
    pub public: Vec<syn::Item>,
    pub codec: Vec<syn::Item>,
}

/// One named type.
pub fn type_def(ctx: &Ctx, id: TypeId, def: &TypeDef) -> TypeItems {
    let docs = doc_text(
        &def.docs,
        &format!("`{}` (from `{}`).", def.name.as_str(), def.origin),
    );
    let mut items = match &def.kind {
        TypeKind::Struct {
            fields,
            default,
            extra_field,
            slots,
        } => struct_def(
            ctx,
            id,
            def,
            fields,
            *default,
            extra_field,
            slots.as_ref(),
            &docs,
        ),
        TypeKind::Enum { variants, default } => enum_def(ctx, def, variants, *default, &docs),
        TypeKind::Union {
            variants,
            discriminator,
        } => union_def(ctx, def, variants, discriminator.as_deref(), &docs),
        TypeKind::Alias { target } => {
            let target_name = ctx.api.types.get(*target).name.as_str();
            let docs = format!(
                "{docs}\n\nAnother name for [`{target_name}`]: the same type, under the name the \
                 API description gives it here (its `Debug` output says `{target_name}`)."
            );
            TypeItems {
                public: vec![syn::Item::Type(alias(
                    ctx.printer.doc_attrs(&docs),
                    ident(&def.name),
                    type_ref(ctx, &TypeRef::Named(*target), At::Types),
                ))],
                codec: Vec::new(),
            }
        }
        TypeKind::Newtype { inner } => {
            let inner = type_ref(ctx, inner, At::Types);
            TypeItems {
                public: newtype(ctx.printer.doc_attrs(&docs), ident(&def.name), inner).items,
                codec: Vec::new(),
            }
        }
    };
    if ctx.query_types.contains(&id) {
        items.codec.extend(query_impl(ctx, def));
    }
    if ctx.fit_types.contains(&id) {
        items.codec.extend(fit_impl(def));
    }
    // Every item needs the type's features; public ones also say so on docs.rs.
    let public_cfg = ctx.printer.cfg_attrs(&def.features, true);
    let private_cfg = ctx.printer.cfg_attrs(&def.features, false);
    for item in &mut items.public {
        let cfg = match item {
            syn::Item::Impl(_) => &private_cfg,
            _ => &public_cfg,
        };
        prepend_attrs(item, cfg);
    }
    for item in &mut items.codec {
        prepend_attrs(item, &private_cfg);
    }
    items
}

/// Puts `attrs` before the item's own attributes, after its docs.
fn prepend_attrs(item: &mut syn::Item, attrs: &[syn::Attribute]) {
    let own = match item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        _ => return,
    };
    let docs = own.iter().take_while(|a| a.path().is_ident("doc")).count();
    own.splice(docs..docs, attrs.iter().cloned());
}

template! {
    fn alias(docs: Attrs, Name: Ident, Target: Type) -> syn::ItemType {
        #[__docs]
        pub type __Name = __Target;
    }

    fn newtype(docs: Attrs, Name: Ident, Inner: Type) -> syn::File {
        #[__docs]
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct __Name(pub __Inner);

        impl From<__Inner> for __Name {
            fn from(value: __Inner) -> Self {
                Self(value)
            }
        }
    }
}

// ----- structs --------------------------------------------------------------------------

template! {
    fn struct_item(docs: Attrs, derive: Attrs, Name: Ident, fields: Fields, extra_docs: Attrs, extra: Ident) -> syn::ItemStruct {
        #[__docs]
        #[__derive]
        pub struct __Name {
            __fields: (),
            #[__extra_docs]
            pub __extra: ::std::collections::BTreeMap<String, ::serde_json::Value>,
        }
    }

    fn derive_default() -> Vec<syn::Attribute> {
        #[derive(Clone, Debug, Default, PartialEq)]
    }

    fn derive_no_default() -> Vec<syn::Attribute> {
        #[derive(Clone, Debug, PartialEq)]
    }

    fn public_field(docs: Attrs, name: Ident, T: Type) -> syn::Field {
        #[__docs]
        pub __name: __T
    }

    fn constructor(Name: Ident, docs: Attrs, args: Args, inits: Inits) -> syn::ItemImpl {
        impl __Name {
            #[__docs]
            pub fn new(__args: ()) -> Self {
                Self { __inits: () }
            }
        }
    }

    fn many_arguments() -> Vec<syn::Attribute> {
        #[allow(clippy::too_many_arguments)]
    }

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

    fn absent() -> syn::Expr {
        crate::Nullable::Absent
    }

    fn nullable_of(T: Type) -> syn::Type {
        crate::Nullable<__T>
    }

    fn new_map() -> syn::Expr {
        ::std::collections::BTreeMap::new()
    }
}

/// Whether a field may be absent (or `null`): it then has a value without one, `None` or
/// `Nullable::Absent`, and no constructor argument.
fn optional(field: &Field) -> bool {
    matches!(field.ty, TypeRef::Option(_))
}

/// Whether a field is optional and may be `null`: a [`Nullable`](crate) in Rust.
fn nullable_optional(field: &Field) -> bool {
    field.nullable && !field.required && optional(field)
}

/// The Rust type of a field, written as seen from `at`.
fn field_type(ctx: &Ctx, f: &Field, at: At) -> syn::Type {
    match (&f.ty, nullable_optional(f)) {
        (TypeRef::Option(inner), true) => {
            let inner = payload(ctx, inner, f.boxed, at);
            nullable_of(inner)
        }
        _ => payload(ctx, &f.ty, f.boxed, at),
    }
}

/// Whether a required argument of this type takes `impl Into<T>`: strings and the string
/// formats, so `"text"` works where a `String` or a `DateTime` is needed.
pub(super) fn takes_into(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(crate::ir::Primitive::String { .. }))
}

/// A struct: documented fields and the map of unknown properties; a constructor of its
/// required fields; its `Object` impl in the codec.
#[allow(clippy::too_many_arguments)]
fn struct_def(
    ctx: &Ctx,
    id: TypeId,
    def: &TypeDef,
    fields: &[Field],
    default: bool,
    extra_field: &crate::names::Ident,
    slots: Option<&crate::names::Ident>,
    docs: &str,
) -> TypeItems {
    let name = ident(&def.name);
    let field_defs = fields
        .iter()
        .map(|f| {
            let fallback = format!("The `{}` property.", f.wire_name);
            public_field(
                ctx.printer.doc_attrs(&doc_text(&f.docs, &fallback)),
                ident(&f.rust_name),
                field_type(ctx, f, At::Types),
            )
        })
        .collect();
    let extra_docs = ctx.printer.doc_attrs(&format!(
        "Properties the API description does not list, kept as sent and serialized back (empty \
         when there are none), and values of optional properties that did not fit their \
         documented type (that field is then `None`). Named `{}` in Rust; on the wire they sit \
         beside the documented ones.",
        extra_field.as_str()
    ));
    let mut public = vec![syn::Item::Struct(struct_item(
        ctx.printer.doc_attrs(docs),
        if default {
            derive_default()
        } else {
            derive_no_default()
        },
        name.clone(),
        field_defs,
        extra_docs,
        ident(extra_field),
    ))];
    if !default {
        let (constructor, takes_nothing) = struct_constructor(ctx, id, def, fields, extra_field);
        public.push(syn::Item::Impl(constructor));
        // Only the tag is required, and `new` sets it: `new()` is the default.
        if takes_nothing {
            public.push(syn::Item::Impl(default_is_new(name.clone())));
        }
    }
    TypeItems {
        public,
        codec: object_impls(ctx, def, fields, extra_field, slots),
    }
}

/// The discriminator of the one union the struct `id` is an alternative of, and its tag: set
/// by the constructor, not an argument (a string, or a string enum, both made `From` the tag).
pub(super) fn tag_field<'c>(
    ctx: &'c Ctx,
    id: TypeId,
    fields: &[Field],
) -> Option<(crate::names::Ident, &'c str)> {
    let (property, tag) = ctx.struct_tags.get(&id)?;
    let field = fields.iter().find(|f| f.wire_name == *property)?;
    let string_like = match &field.ty {
        TypeRef::Option(inner) => is_string_like(ctx, inner),
        ty => is_string_like(ctx, ty),
    };
    (string_like && !field.boxed).then_some((field.rust_name.clone(), tag.as_str()))
}

/// `impl Name { pub fn new(required fields...) -> Self }`.
fn struct_constructor(
    ctx: &Ctx,
    id: TypeId,
    def: &TypeDef,
    fields: &[Field],
    extra_field: &crate::names::Ident,
) -> (syn::ItemImpl, bool) {
    let name = def.name.as_str();
    let tagged = tag_field(ctx, id, fields);
    let args: Vec<syn::FnArg> = fields
        .iter()
        .filter(|f| !optional(f))
        .filter(|f| tagged.as_ref().is_none_or(|(name, _)| *name != f.rust_name))
        .map(|f| {
            let ty = payload(ctx, &f.ty, f.boxed, At::Types);
            if takes_into(&f.ty) && !f.boxed {
                into_arg(ident(&f.rust_name), ty)
            } else {
                arg(ident(&f.rust_name), ty)
            }
        })
        .collect();
    let mut text = format!(
        "A `{name}` with the required fields set and every optional one empty. Set optional \
         fields with struct update syntax, `{name} {{ field: Some(..), ..{name}::new(..) }}`, so \
         that fields added to the API later do not break your code."
    );
    if let Some((field, tag)) = &tagged {
        text.push_str(&format!(
            "\n\n`{}` is set to `{tag}`, the tag of this alternative.",
            field.as_str()
        ));
    }
    let mut docs = ctx.printer.doc_attrs(&text);
    if args.len() > 7 {
        docs.extend(many_arguments());
    }
    let inits = fields
        .iter()
        .map(|f| {
            let name = ident(&f.rust_name);
            match &tagged {
                Some((field, tag)) if *field == f.rust_name => {
                    let value = from_tag(syntax::str_lit(tag));
                    return if optional(f) {
                        init(name, some_value(value))
                    } else {
                        init(name, value)
                    };
                }
                _ => {}
            }
            if nullable_optional(f) {
                init(name, absent())
            } else if optional(f) {
                init(name, none())
            } else if takes_into(&f.ty) && !f.boxed {
                init(name.clone(), into_value(name))
            } else {
                shorthand(name)
            }
        })
        .chain([init(ident(extra_field), new_map())])
        .collect();
    let takes_nothing = args.is_empty();
    (
        constructor(ident(&def.name), docs, args, inits),
        takes_nothing,
    )
}

/// Whether `ty` is a string or a string enum (made `From` a `&str`).
fn is_string_like(ctx: &Ctx, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(crate::ir::Primitive::String { format: None }) => true,
        TypeRef::Named(id) => matches!(ctx.api.types.get(*id).kind, TypeKind::Enum { .. }),
        _ => false,
    }
}

template! {
    fn default_is_new(Name: Ident) -> syn::ItemImpl {
        impl Default for __Name {
            fn default() -> Self {
                Self::new()
            }
        }
    }

    fn from_tag(tag: Expr) -> syn::Expr {
        ::std::convert::From::from(__tag)
    }

    fn some_value(value: Expr) -> syn::Expr {
        Some(__value)
    }
}

template! {
    fn object_serde(Name: Ident) -> syn::File {
        impl ::serde::Serialize for super::__Name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::runtime::serialize_object(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for super::__Name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }
    }

    fn slots_struct(Slots: Ident, fields: Fields, extra: Ident) -> syn::ItemStruct {
        /// Collects the properties while the struct is decoded.
        #[derive(Default)]
        pub(crate) struct __Slots {
            __fields: (),
            __extra: ::std::collections::BTreeMap<String, ::serde_json::Value>,
        }
    }

    fn slot_field(name: Ident, T: Type) -> syn::Field {
        __name: __T
    }

    fn object_impl(
        Name: Ident,
        expecting: Expr,
        Slots: Type,
        read: Expr,
        extra: Ident,
        finish: Expr,
        writes: Stmts,
    ) -> syn::ItemImpl {
        impl crate::runtime::Object for super::__Name {
            const EXPECTING: &'static str = __expecting;
            type Slots = __Slots;

            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                slots: &mut Self::Slots,
                key: &str,
                map: &mut A,
                cx: &mut crate::runtime::Cx,
            ) -> Result<bool, A::Error> {
                __read
            }

            fn extra(slots: &mut Self::Slots) -> &mut ::std::collections::BTreeMap<String, ::serde_json::Value> {
                &mut slots.__extra
            }

            fn finish<E: ::serde::de::Error>(slots: Self::Slots) -> Result<Self, E> {
                __finish
            }

            fn write<M: ::serde::ser::SerializeMap>(&self, out: &mut crate::runtime::Out<'_, M>) {
                __writes;
                crate::runtime::put_extra(out, &self.__extra);
            }
        }
    }

    fn read_nothing() -> syn::Expr {
        {
            let _ = (slots, key, map, cx);
            Ok(false)
        }
    }

    fn read_match(arms: Arms) -> syn::Expr {
        match key {
            __arms => {}
            _ => Ok(false),
        }
    }

    fn read_required(key: Pat, name: Ident) -> syn::Arm {
        __key => crate::runtime::req(map, &mut slots.__name, cx),
    }

    fn read_optional(key: Pat, name: Ident) -> syn::Arm {
        __key => crate::runtime::opt(map, &mut slots.__name, cx),
    }

    fn read_nullable(key: Pat, name: Ident) -> syn::Arm {
        __key => crate::runtime::nullable(map, &mut slots.__name, cx),
    }

    fn finish_self() -> syn::Expr {
        Ok(slots)
    }

    fn finish_from_slots(Name: Ident, inits: Inits) -> syn::Expr {
        Ok(super::__Name { __inits: () })
    }

    fn take_slot(name: Ident) -> syn::FieldValue {
        __name: slots.__name
    }

    fn take_required(name: Ident, key: Expr) -> syn::FieldValue {
        __name: crate::runtime::required(slots.__name, __key)?
    }

    fn slots_type(Slots: Ident) -> syn::Type {
        __Slots
    }

    fn self_type() -> syn::Type {
        Self
    }

    fn put(key: Expr, name: Ident) -> syn::Stmt {
        crate::runtime::put(out, __key, &self.__name);
    }

    fn put_opt(key: Expr, name: Ident) -> syn::Stmt {
        crate::runtime::put_opt(out, __key, &self.__name);
    }

    fn put_nullable(key: Expr, name: Ident) -> syn::Stmt {
        crate::runtime::put_nullable(out, __key, &self.__name);
    }
}

/// `Serialize`, `Deserialize` and `Object` of a struct: one small function per direction with
/// one generic call per property and no `?` (cheap to compile for APIs with thousands of
/// structs); the loops, unknown properties and the lenient pass are in the runtime. Decoding
/// collects into the struct itself when every property is optional, otherwise into a hidden
/// struct of options.
fn object_impls(
    ctx: &Ctx,
    def: &TypeDef,
    fields: &[Field],
    extra_field: &crate::names::Ident,
    slots: Option<&crate::names::Ident>,
) -> Vec<syn::Item> {
    let name = ident(&def.name);
    let mut items = object_serde(name.clone()).items;
    let read = if fields.is_empty() {
        read_nothing()
    } else {
        read_match(
            fields
                .iter()
                .map(|f| {
                    let key = syntax::str_pat(&f.wire_name);
                    if nullable_optional(f) {
                        read_nullable(key, ident(&f.rust_name))
                    } else if optional(f) {
                        read_optional(key, ident(&f.rust_name))
                    } else {
                        read_required(key, ident(&f.rust_name))
                    }
                })
                .collect(),
        )
    };
    let (slots_ty, finish) = match slots {
        None => (self_type(), finish_self()),
        Some(slots) => {
            let slot_fields = fields
                .iter()
                .map(|f| {
                    let ty = field_type(ctx, f, At::Elsewhere);
                    let ty = if optional(f) {
                        ty
                    } else {
                        syntax::option_of(ty)
                    };
                    slot_field(ident(&f.rust_name), ty)
                })
                .collect();
            items.push(syn::Item::Struct(slots_struct(
                ident(slots),
                slot_fields,
                ident(extra_field),
            )));
            let takes = fields
                .iter()
                .map(|f| {
                    if optional(f) {
                        take_slot(ident(&f.rust_name))
                    } else {
                        take_required(ident(&f.rust_name), syntax::str_lit(&f.wire_name))
                    }
                })
                .chain([take_slot(ident(extra_field))])
                .collect();
            (
                slots_type(ident(slots)),
                finish_from_slots(name.clone(), takes),
            )
        }
    };
    let writes = fields
        .iter()
        .map(|f| {
            let key = syntax::str_lit(&f.wire_name);
            if nullable_optional(f) {
                put_nullable(key, ident(&f.rust_name))
            } else if optional(f) && !f.required {
                put_opt(key, ident(&f.rust_name))
            } else {
                // Required, and written as `null` when a nullable one is `None`.
                put(key, ident(&f.rust_name))
            }
        })
        .collect();
    items.push(syn::Item::Impl(object_impl(
        name,
        syntax::str_lit(&format!("a {} object", def.name.as_str())),
        slots_ty,
        read,
        ident(extra_field),
        finish,
        writes,
    )));
    items
}

// ----- string enums ---------------------------------------------------------------------

template! {
    fn enum_items(
        docs: Attrs,
        derive: Attrs,
        Name: Ident,
        variants: Variants,
        as_str_arms: Arms,
        from_arms: Arms,
    ) -> syn::File {
        #[__docs]
        ///
        /// Values this version of the client does not know are kept in
        /// [`Unknown`](Self::Unknown) and sent back unchanged. The enum is `#[non_exhaustive]`:
        /// values added to the API later become new variants without breaking your `match`.
        #[__derive]
        #[non_exhaustive]
        pub enum __Name {
            __variants,
            /// A value not listed in the API description this client was generated from.
            Unknown(String),
        }

        impl __Name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    __as_str_arms => {}
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl From<&str> for __Name {
            fn from(value: &str) -> Self {
                match value {
                    __from_arms => {}
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for __Name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for __Name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }

    fn enum_derive() -> Vec<syn::Attribute> {
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    }

    fn enum_derive_default() -> Vec<syn::Attribute> {
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    }

    fn enum_variant(docs: Attrs, Name: Ident) -> syn::Variant {
        #[__docs]
        __Name
    }

    fn default_attr() -> Vec<syn::Attribute> {
        #[default]
    }

    fn variant_to_str(Name: Ident, wire: Expr) -> syn::Arm {
        Self::__Name => __wire,
    }

    fn str_to_variant(wire: Pat, Name: Ident) -> syn::Arm {
        __wire => Self::__Name,
    }

    fn enum_serde(Name: Ident, expecting: Expr) -> syn::File {
        impl ::serde::Serialize for super::__Name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for super::__Name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_enum(deserializer, __expecting)
            }
        }
    }
}

/// A string enum with an `Unknown` variant for values the description does not list, its
/// conversions from and to the wire text, and `Serialize`/`Deserialize` through them.
fn enum_def(
    ctx: &Ctx,
    def: &TypeDef,
    variants: &[EnumVariant],
    default: Option<usize>,
    docs: &str,
) -> TypeItems {
    let defs = variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut docs = vec![syntax::doc_attr(&format!(" `{}`", v.wire_value))];
            if default == Some(i) {
                docs.extend(default_attr());
            }
            enum_variant(docs, ident(&v.rust_name))
        })
        .collect();
    let as_str_arms = variants
        .iter()
        .map(|v| variant_to_str(ident(&v.rust_name), syntax::str_lit(&v.wire_value)))
        .collect();
    let from_arms = variants
        .iter()
        .map(|v| str_to_variant(syntax::str_pat(&v.wire_value), ident(&v.rust_name)))
        .collect();
    let public = enum_items(
        ctx.printer.doc_attrs(docs),
        if default.is_some() {
            enum_derive_default()
        } else {
            enum_derive()
        },
        ident(&def.name),
        defs,
        as_str_arms,
        from_arms,
    )
    .items;
    let codec = enum_serde(
        ident(&def.name),
        syntax::str_lit(&format!("a {} value", def.name.as_str())),
    )
    .items;
    TypeItems { public, codec }
}

// ----- unions ---------------------------------------------------------------------------

template! {
    fn union_item(docs: Attrs, Name: Ident, variants: Variants) -> syn::ItemEnum {
        #[__docs]
        ///
        /// Decoding picks the alternative the data fits; data that fits none is kept in
        /// [`Other`](Self::Other) and sent back unchanged.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum __Name {
            __variants,
            /// Data that fits none of the alternatives, as received.
            Other(::serde_json::Value),
        }
    }

    fn union_variant(docs: Attrs, Name: Ident, T: Type) -> syn::Variant {
        #[__docs]
        __Name(__T)
    }

    fn union_serde(Name: Ident, serialize_arms: Arms, decode: Stmts, fit_arms: Arms) -> syn::File {
        impl ::serde::Serialize for super::__Name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    __serialize_arms => {}
                    Self::Other(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        /// Reads the discriminator when there is one: its value decides the alternative, and
        /// a value no alternative has is kept as `Other`. Otherwise keeps the alternative that
        /// decodes with the fewest unknown properties (the first one on a tie).
        impl<'de> ::serde::Deserialize<'de> for super::__Name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                __decode;
            }
        }

        impl crate::runtime::Fit for super::__Name {
            fn misfit(&self) -> usize {
                match self {
                    __fit_arms => {}
                    Self::Other(_) => crate::runtime::RAW_MISFIT,
                }
            }
        }
    }

    fn serialize_arm(Name: Ident) -> syn::Arm {
        Self::__Name(value) => ::serde::Serialize::serialize(value, serializer),
    }

    // An alternative selected by a discriminator writes its tag itself.
    fn serialize_tagged_arm(Name: Ident, value: Expr, property: Expr, tag: Expr) -> syn::Arm {
        Self::__Name(value) => crate::runtime::serialize_tagged(__value, serializer, __property, __tag),
    }

    fn deref_boxed() -> syn::Expr {
        &**value
    }

    fn plain_value() -> syn::Expr {
        value
    }

    fn fit_arm(Name: Ident) -> syn::Arm {
        Self::__Name(v) => crate::runtime::Fit::misfit(v),
    }

    // Every alternative has a tag: the tag decides, and one no alternative has is `Other`.
    fn tag_decides(property: Expr, arms: Arms) -> syn::Block {
        {
            match value.get(__property).and_then(::serde_json::Value::as_str) {
                __arms => {}
                _ => Ok(Self::Other(value)),
            }
        }
    }

    fn tagged_arm(tags: Pat, T: Type, Name: Ident, property: Expr, label: Expr) -> syn::Arm {
        Some(__tags) => match <__T as ::serde::Deserialize>::deserialize(&value) {
            Ok(v) => Ok(Self::__Name(v)),
            Err(error) => {
                crate::runtime::tagged_misfit(value, __property, __label, &error).map(Self::Other)
            }
        },
    }

    // Some alternatives have no tag (inline ones): a known tag decides, and otherwise the
    // untagged alternatives are tried by fit.
    fn tag_then_fit(property: Expr, arms: Arms, tries: Stmts) -> syn::Block {
        {
            if let Some(tag) = value.get(__property).and_then(::serde_json::Value::as_str) {
                match tag {
                    __arms => {}
                    _ => {}
                }
            }
            let mut best: Option<(usize, Self)> = None;
            __tries;
            Ok(match best {
                Some((_, v)) => v,
                None => Self::Other(value),
            })
        }
    }

    fn returning_tagged_arm(tags: Pat, T: Type, Name: Ident, property: Expr, label: Expr) -> syn::Arm {
        __tags => {
            return match <__T as ::serde::Deserialize>::deserialize(&value) {
                Ok(v) => Ok(Self::__Name(v)),
                Err(error) => {
                    crate::runtime::tagged_misfit(value, __property, __label, &error).map(Self::Other)
                }
            };
        }
    }

    // No discriminator: the alternative that fits best.
    fn best_fit(tries: Stmts) -> syn::Block {
        {
            let mut best: Option<(usize, Self)> = None;
            __tries;
            Ok(match best {
                Some((_, v)) => v,
                None => Self::Other(value),
            })
        }
    }

    fn try_alternative(T: Type, Name: Ident) -> syn::Stmt {
        if let Ok(v) = <__T as ::serde::Deserialize>::deserialize(&value) {
            let misfit = crate::runtime::Fit::misfit(&v);
            if !matches!(&best, Some((b, _)) if *b <= misfit) {
                best = Some((misfit, Self::__Name(v)));
            }
        }
    }
}

/// Whether values of `ty` are structs (which encode through `runtime::Object`), through
/// aliases.
fn is_object(ctx: &Ctx, ty: &TypeRef) -> bool {
    let TypeRef::Named(mut id) = ty else {
        return false;
    };
    for _ in 0..=ctx.api.types.types.len() {
        match &ctx.api.types.get(id).kind {
            TypeKind::Alias { target } => id = *target,
            TypeKind::Struct { .. } => return true,
            _ => return false,
        }
    }
    false
}

/// `oneOf`/`anyOf`: an enum with one variant per alternative and `Other` for anything else.
fn union_def(
    ctx: &Ctx,
    def: &TypeDef,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    docs: &str,
) -> TypeItems {
    let defs = variants
        .iter()
        .map(|v| {
            let doc = if v.tags.is_empty() {
                format!(" The `{}` alternative.", v.rust_name.as_str())
            } else {
                format!(
                    " The `{}` alternative (`{}`: {}).",
                    v.rust_name.as_str(),
                    discriminator.unwrap_or_default(),
                    v.tags
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            union_variant(
                vec![syntax::doc_attr(&doc)],
                ident(&v.rust_name),
                payload(ctx, &v.ty, v.boxed, At::Types),
            )
        })
        .collect();
    // With a discriminator, the tag decides among the alternatives that have one; the others
    // (inline schemas, which a mapping cannot name) are tried by fit when the tag is unknown.
    let tagged_variants = discriminator.is_some() && variants.iter().any(|v| !v.tags.is_empty());
    let all_tagged = tagged_variants && variants.iter().all(|v| !v.tags.is_empty());
    let tries = variants
        .iter()
        .filter(|v| !tagged_variants || v.tags.is_empty())
        .map(|v| {
            try_alternative(
                payload(ctx, &v.ty, v.boxed, At::Elsewhere),
                ident(&v.rust_name),
            )
        })
        .collect();
    let decode = match discriminator.filter(|_| tagged_variants) {
        Some(property) => {
            let arm = |v: &UnionVariant| {
                let tags = syntax::or_pat(v.tags.iter().map(|t| syntax::str_pat(t)).collect());
                let args = (
                    payload(ctx, &v.ty, v.boxed, At::Elsewhere),
                    ident(&v.rust_name),
                    syntax::str_lit(property),
                    syntax::str_lit(v.rust_name.as_str()),
                );
                if all_tagged {
                    tagged_arm(tags, args.0, args.1, args.2, args.3)
                } else {
                    returning_tagged_arm(tags, args.0, args.1, args.2, args.3)
                }
            };
            let arms = variants
                .iter()
                .filter(|v| !v.tags.is_empty())
                .map(arm)
                .collect();
            if all_tagged {
                tag_decides(syntax::str_lit(property), arms)
            } else {
                tag_then_fit(syntax::str_lit(property), arms, tries)
            }
        }
        None => best_fit(tries),
    };
    let codec = union_serde(
        ident(&def.name),
        variants
            .iter()
            .map(|v| match (discriminator, v.tags.first()) {
                (Some(property), Some(tag)) if is_object(ctx, &v.ty) => serialize_tagged_arm(
                    ident(&v.rust_name),
                    if v.boxed {
                        deref_boxed()
                    } else {
                        plain_value()
                    },
                    syntax::str_lit(property),
                    syntax::str_lit(tag),
                ),
                _ => serialize_arm(ident(&v.rust_name)),
            })
            .collect(),
        decode.stmts,
        variants
            .iter()
            .map(|v| fit_arm(ident(&v.rust_name)))
            .collect(),
    )
    .items;
    TypeItems {
        public: vec![syn::Item::Enum(union_item(
            ctx.printer.doc_attrs(docs),
            ident(&def.name),
            defs,
        ))],
        codec,
    }
}

// ----- query strings and fit ------------------------------------------------------------

template! {
    fn struct_query(Name: Ident, writes: Stmts, extra: Ident) -> syn::ItemImpl {
        impl crate::runtime::QueryValue for super::__Name {
            fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                __writes;
                // Properties the description does not list sit beside the documented ones.
                crate::runtime::QueryValue::write(&self.__extra, key, style, query);
            }
        }
    }

    fn property_query(name: Ident, wire: Expr) -> syn::Stmt {
        crate::runtime::QueryValue::write(
            &self.__name,
            &crate::runtime::object_key(key, style, __wire),
            crate::runtime::Style::DeepObject,
            query,
        );
    }

    // A property of a shape `QueryValue` does not cover (a list of objects).
    fn property_query_serialized(name: Ident, wire: Expr) -> syn::Stmt {
        crate::runtime::write_serialized(
            &self.__name,
            &crate::runtime::object_key(key, style, __wire),
            crate::runtime::Style::DeepObject,
            false,
            query,
        );
    }

    fn newtype_query_serialized(Name: Ident) -> syn::ItemImpl {
        impl crate::runtime::QueryValue for super::__Name {
            fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                crate::runtime::write_serialized(&self.0, key, style, false, query);
            }
        }
    }

    fn union_query_arm_serialized(Name: Ident) -> syn::Arm {
        Self::__Name(v) => crate::runtime::write_serialized(v, key, style, false, query),
    }

    fn enum_scalar(Name: Ident) -> syn::ItemImpl {
        impl crate::runtime::ParamScalar for super::__Name {
            fn to_param(&self) -> String {
                self.as_str().to_owned()
            }
        }
    }

    fn newtype_scalar(Name: Ident) -> syn::ItemImpl {
        impl crate::runtime::ParamScalar for super::__Name {
            fn to_param(&self) -> String {
                crate::runtime::ParamScalar::to_param(&self.0)
            }
        }
    }

    fn newtype_query(Name: Ident) -> syn::ItemImpl {
        impl crate::runtime::QueryValue for super::__Name {
            fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                crate::runtime::QueryValue::write(&self.0, key, style, query);
            }
        }
    }

    fn union_query(Name: Ident, arms: Arms) -> syn::ItemImpl {
        impl crate::runtime::QueryValue for super::__Name {
            fn write(&self, key: &str, style: crate::runtime::Style, query: &mut crate::runtime::Query) {
                match self {
                    __arms => {}
                    Self::Other(v) => crate::runtime::QueryValue::write(v, key, style, query),
                }
            }
        }
    }

    // A union of scalars (`oneOf: [integer, string]`) goes in a path, header or cookie as the
    // scalar it holds; in a query string too, through `QueryValue`'s impl for scalars.
    fn union_scalar(Name: Ident, arms: Arms) -> syn::ItemImpl {
        impl crate::runtime::ParamScalar for super::__Name {
            fn to_param(&self) -> String {
                match self {
                    __arms => {}
                    Self::Other(v) => crate::runtime::ParamScalar::to_param(v),
                }
            }
        }
    }

    fn union_scalar_arm(Name: Ident) -> syn::Arm {
        Self::__Name(v) => crate::runtime::ParamScalar::to_param(v),
    }

    fn union_query_arm(Name: Ident) -> syn::Arm {
        Self::__Name(v) => crate::runtime::QueryValue::write(v, key, style, query),
    }

    fn fit(Name: Ident, misfit: Expr) -> syn::ItemImpl {
        impl crate::runtime::Fit for super::__Name {
            fn misfit(&self) -> usize {
                __misfit
            }
        }
    }

    fn extra_count(extra: Ident) -> syn::Expr {
        self.__extra.len()
    }

    fn unknown_count() -> syn::Expr {
        usize::from(matches!(self, Self::Unknown(_)))
    }

    fn inner_misfit() -> syn::Expr {
        crate::runtime::Fit::misfit(&self.0)
    }
}

/// How a type used in a query string, path or header writes itself.
fn query_impl(ctx: &Ctx, def: &TypeDef) -> Vec<syn::Item> {
    let name = ident(&def.name);
    let item = match &def.kind {
        TypeKind::Struct {
            fields,
            extra_field,
            ..
        } => struct_query(
            name,
            fields
                .iter()
                .map(|f| {
                    let (name, wire) = (ident(&f.rust_name), syntax::str_lit(&f.wire_name));
                    // A boxed field (a type that contains itself) is written through serde:
                    // the query writer's traits are not implemented for `Box`.
                    if super::query_writable(ctx, &f.ty) && !f.boxed {
                        property_query(name, wire)
                    } else {
                        property_query_serialized(name, wire)
                    }
                })
                .collect(),
            ident(extra_field),
        ),
        TypeKind::Enum { .. } => enum_scalar(name),
        TypeKind::Newtype { inner } if is_scalar(ctx, inner) => newtype_scalar(name),
        TypeKind::Newtype { inner } if super::query_writable(ctx, inner) => newtype_query(name),
        TypeKind::Newtype { .. } => newtype_query_serialized(name),
        TypeKind::Union { variants, .. } if variants.iter().all(|v| is_scalar(ctx, &v.ty)) => {
            union_scalar(
                name,
                variants
                    .iter()
                    .map(|v| union_scalar_arm(ident(&v.rust_name)))
                    .collect(),
            )
        }
        TypeKind::Union { variants, .. } => union_query(
            name,
            variants
                .iter()
                .map(|v| {
                    if super::query_writable(ctx, &v.ty) && !v.boxed {
                        union_query_arm(ident(&v.rust_name))
                    } else {
                        union_query_arm_serialized(ident(&v.rust_name))
                    }
                })
                .collect(),
        ),
        // The target type carries the impl.
        TypeKind::Alias { .. } => return Vec::new(),
    };
    vec![syn::Item::Impl(item)]
}

/// How badly a decoded value fits its type, for choosing among union alternatives.
fn fit_impl(def: &TypeDef) -> Vec<syn::Item> {
    let misfit = match &def.kind {
        TypeKind::Struct { extra_field, .. } => extra_count(ident(extra_field)),
        TypeKind::Enum { .. } => unknown_count(),
        TypeKind::Newtype { .. } => inner_misfit(),
        // Unions carry their own impl; aliases share their target's.
        TypeKind::Union { .. } | TypeKind::Alias { .. } => return Vec::new(),
    };
    vec![syn::Item::Impl(fit(ident(&def.name), misfit))]
}
