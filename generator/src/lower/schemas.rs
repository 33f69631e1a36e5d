//! Schemas → named types: components first, inline schemas named from where they appear,
//! objects (with `allOf` merged), string enums, unions, lists and maps.

use super::docs::{docs_of, format_name};
use super::{pointer, Lowerer, ObjectShape, MAX_SCHEMA_DEPTH};
use crate::ir::*;
use crate::names::{reserved, Case, Ident, Scope};
use crate::pointer::escape as escape_pointer;
use crate::Error;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
use std::collections::{BTreeMap, BTreeSet};

/// A schema reached through a `$ref` or directly.
pub(super) enum Resolved<'s> {
    /// `#/components/schemas/{name}`.
    Component(&'s str),
    /// An inline schema.
    Inline(&'s Schema),
}

fn is_empty_object(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            o.properties.is_empty() && o.additional_properties.is_none()
        }
        SchemaKind::Any(a) => {
            a.properties.is_empty()
                && a.additional_properties.is_none()
                && a.all_of.is_empty()
                && a.one_of.is_empty()
                && a.any_of.is_empty()
                && a.items.is_none()
                && a.enumeration.is_empty()
                && matches!(a.typ.as_deref(), None | Some("object"))
        }
        _ => false,
    }
}

impl<'a> Lowerer<'a> {
    pub(super) fn resolve<'s, S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &'s ReferenceOr<S>,
        ptr: &str,
    ) -> Result<Resolved<'s>, Error>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Ok(Resolved::Inline(s.borrow())),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/schemas/").ok_or_else(|| {
                    self.err(
                        ptr,
                        format!("`$ref: {reference}` is not supported: only `#/components/schemas/...` references are"),
                    )
                })?;
                // A schema the document repeats, kept once by `crate::copies`: read as the
                // copy written here (its type is named after this place, as before).
                if let Some(schema) = self.copy_of(schema) {
                    return Ok(Resolved::Inline(schema));
                }
                match self.components.get_key_value(name) {
                    Some((key, _)) => Ok(Resolved::Component(self.component_key(key))),
                    None => Err(self.err(
                        ptr,
                        format!("`$ref: {reference}` points to no schema in components/schemas"),
                    )),
                }
            }
        }
    }

    /// The schema a `$ref` to a schema kept once by [`crate::copies`] stands for: the copy
    /// written where the reference is.
    pub(super) fn copy_of<S>(&self, schema: &ReferenceOr<S>) -> Option<&'a Schema> {
        let ReferenceOr::Reference { reference } = schema else {
            return None;
        };
        let name = reference.strip_prefix("#/components/schemas/")?;
        if !self.at.origins.is_copy(name) {
            return None;
        }
        match self.component_schema(name) {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The document's own copy of a component name (borrowed for `'a`).
    pub(super) fn component_key(&self, name: &str) -> &'a str {
        let components = self
            .doc
            .components
            .as_ref()
            .expect("a declared component has a components section");
        components
            .schemas
            .get_key_value(name)
            .map(|(k, _)| k.as_str())
            .expect("declared components exist")
    }

    pub(super) fn component_schema(&self, name: &str) -> &'a ReferenceOr<Schema> {
        &self
            .doc
            .components
            .as_ref()
            .expect("a declared component has a components section")
            .schemas[name]
    }

    /// Follows a component that is a bare `$ref` to another component, to its schema.
    /// A chain that comes back to where it started has no structure and is an error.
    pub(super) fn component_target(&self, name: &'a str) -> Result<(&'a str, &'a Schema), Error> {
        let mut seen = vec![name];
        let mut current = name;
        loop {
            let ptr = pointer(&["components", "schemas", current]);
            match self.component_schema(current) {
                ReferenceOr::Item(schema) => return Ok((current, schema)),
                reference => match self.resolve(reference, &ptr)? {
                    Resolved::Component(next) if seen.contains(&next) => {
                        seen.push(next);
                        return Err(self.err(
                            &ptr,
                            format!("`$ref` cycle with no structure: {}", seen.join(" -> ")),
                        ));
                    }
                    Resolved::Component(next) => {
                        seen.push(next);
                        current = next;
                    }
                    Resolved::Inline(schema) => return Ok((current, schema)),
                },
            }
        }
    }

    // ----- components -----------------------------------------------------------------

    pub(super) fn declare_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        // Schemas kept there because the document repeats them are read where they are used.
        let mut names: Vec<&'a String> = components
            .schemas
            .keys()
            .filter(|name| !self.at.origins.is_copy(name))
            .collect();
        names.sort();
        for name in &names {
            let reserved = self.reserve(name);
            self.components.insert((*name).clone(), reserved);
        }
        self.polymorphic = polymorphic_bases(components, &names);
        for name in names {
            let ptr = pointer(&["components", "schemas", name]);
            let (id, type_name) = self.components[name.as_str()].clone();
            match self.component_schema(name) {
                ReferenceOr::Item(schema) if self.polymorphic.contains_key(name.as_str()) => {
                    let kind = self.descendants_union(name, schema);
                    self.add_type(id, type_name, schema, &ptr, kind);
                }
                ReferenceOr::Item(schema) => self.define(id, type_name, schema, &ptr)?,
                ReferenceOr::Reference { .. } => {
                    let (target, schema) = self.component_target(name)?;
                    let target = self.components[target].0;
                    let docs = docs_of(schema);
                    self.types.insert(
                        id,
                        TypeDef {
                            name: type_name,
                            origin: self.at.original(&ptr),
                            docs,
                            kind: TypeKind::Alias { target },
                            features: BTreeSet::new(),
                        },
                    );
                }
            }
        }
        Ok(())
    }

    // ----- schemas --------------------------------------------------------------------

    /// Whether values of this schema may be `null`.
    pub(super) fn nullable<S: std::borrow::Borrow<Schema>>(&self, schema: &ReferenceOr<S>) -> bool {
        if let Some(copy) = self.copy_of(schema) {
            return copy.schema_data.nullable;
        }
        match schema {
            ReferenceOr::Item(s) => s.borrow().schema_data.nullable,
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .filter(|name| self.components.contains_key(*name))
                .and_then(|name| self.component_target(self.component_key(name)).ok())
                .is_some_and(|(_, s)| s.schema_data.nullable),
        }
    }

    /// The type of a schema, not wrapped in `Option` for nullability (callers decide).
    /// Inline objects and enums become new named types called `hint`.
    pub(super) fn schema_type<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        hint: &str,
        ptr: &str,
    ) -> Result<TypeRef, Error> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            return Err(self.err(
                ptr,
                format!("schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here (through properties, items and allOf merges)"),
            ));
        }
        self.depth += 1;
        self.reuse_log.depth(self.depth);
        let ty = self.schema_type_at_depth(schema, hint, ptr);
        self.depth -= 1;
        ty
    }

    pub(super) fn schema_type_at_depth<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema_ref: &'a ReferenceOr<S>,
        hint: &str,
        ptr: &str,
    ) -> Result<TypeRef, Error> {
        match self.resolve(schema_ref, ptr)? {
            Resolved::Component(name) => Ok(TypeRef::Named(self.components[name].0)),
            // One schema, one type: a property reached again through `allOf` reuses it.
            Resolved::Inline(_) if self.inline_types.contains_key(ptr) => {
                Ok(self.inline_types[ptr].clone())
            }
            Resolved::Inline(schema) => {
                let warnings = self.warnings.len();
                if self.copy_of(schema_ref).is_none() {
                    let ty = self.inline_type(schema, hint, ptr)?;
                    self.remember_lowered(ptr, &ty, warnings);
                    return Ok(ty);
                }
                // A schema the document repeats: the first lowering is recorded, and replayed
                // at the next places where that gives what lowering again would.
                let key = schema as *const Schema as usize;
                if let Some(ty) = self.replay(key, hint, ptr) {
                    self.remember_lowered(ptr, &ty, warnings);
                    return Ok(ty);
                }
                let mark = self.start_recording();
                let ty = self.inline_type(schema, hint, ptr);
                let template = self.finish_recording(mark, hint, ptr, ty.as_ref().ok());
                let ty = ty?;
                self.remember_lowered(ptr, &ty, warnings);
                if let Some(template) = template {
                    self.reusable.entry(key).or_insert(template);
                }
                Ok(ty)
            }
        }
    }

    /// Registers the type the inline schema at `ptr` was lowered to, unless lowering it again
    /// gives the same and does nothing else: a primitive or JSON, lowered without a warning.
    /// (Most inline schemas are scalars: not keeping them keeps the map small.)
    fn remember_lowered(&mut self, ptr: &str, ty: &TypeRef, warnings: usize) {
        if matches!(ty, TypeRef::Primitive(_) | TypeRef::Json) && self.warnings.len() == warnings {
            return;
        }
        self.remember(ptr, ty.clone());
    }

    /// Registers the type of the inline schema at `ptr`.
    pub(super) fn remember(&mut self, ptr: &str, ty: TypeRef) {
        self.reuse_log.inline(ptr, &ty);
        self.inline_types.insert(ptr.to_string(), ty);
    }

    /// Defines the named type `id` as `kind`, documented by `schema` and found at `ptr`.
    fn add_type(&mut self, id: TypeId, name: Ident, schema: &Schema, ptr: &str, kind: TypeKind) {
        self.add_def(id, name, ptr, docs_of(schema), kind);
    }

    /// Defines the named type `id` as `kind`, documented by `docs` and found at `ptr`.
    pub(super) fn add_def(
        &mut self,
        id: TypeId,
        name: Ident,
        ptr: &str,
        docs: Docs,
        kind: TypeKind,
    ) {
        self.reuse_log.defined(id.0, ptr);
        self.types.insert(
            id,
            TypeDef {
                name,
                origin: self.at.original(ptr),
                docs,
                kind,
                features: BTreeSet::new(),
            },
        );
    }

    /// `Vec<T>` for array items (`Vec<Option<T>>` when items may be null).
    pub(super) fn list_type(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        hint: &str,
        ptr: &str,
    ) -> Result<TypeRef, Error> {
        let Some(items) = items else {
            return Ok(TypeRef::List(Box::new(TypeRef::Json)));
        };
        let item = self.schema_type(items, &format!("{hint}Item"), &format!("{ptr}/items"))?;
        let item = if self.nullable(items) {
            TypeRef::Option(Box::new(item))
        } else {
            item
        };
        Ok(TypeRef::List(Box::new(item)))
    }

    pub(super) fn inline_type(
        &mut self,
        schema: &'a Schema,
        hint: &str,
        ptr: &str,
    ) -> Result<TypeRef, Error> {
        if let Some(single) = self.single_all_of_part(schema, ptr)? {
            return Ok(single);
        }
        let structural = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if s.enumeration.iter().all(Option::is_none) => {
                Some(TypeRef::Primitive(Primitive::String {
                    format: format_name(&s.format),
                }))
            }
            SchemaKind::Type(Type::Integer(i)) => Some(TypeRef::Primitive(
                match format_name(&i.format).as_deref() {
                    Some("int32") => Primitive::I32,
                    _ => Primitive::I64,
                },
            )),
            SchemaKind::Type(Type::Number(n)) => Some(TypeRef::Primitive(
                match format_name(&n.format).as_deref() {
                    Some("float") => Primitive::F32,
                    _ => Primitive::F64,
                },
            )),
            SchemaKind::Type(Type::Boolean(_)) => Some(TypeRef::Primitive(Primitive::Bool)),
            SchemaKind::Type(Type::Array(a)) => {
                Some(self.list_type(a.items.as_ref(), hint, ptr)?)
            }
            // An array: `type: array`, or `items` alone (no other type, no properties). `items`
            // beside another type (`type: object`, say) constrains only arrays, and the value
            // is not one.
            SchemaKind::Any(a)
                if a.typ.as_deref() == Some("array")
                    || (a.typ.is_none()
                        && a.items.is_some()
                        && a.properties.is_empty()
                        && a.additional_properties.is_none()) =>
            {
                Some(self.list_type(a.items.as_ref(), hint, ptr)?)
            }
            _ => None,
        };
        if let Some(ty) = structural {
            return Ok(ty);
        }
        if let Some(parts) = union_parts(schema) {
            if let [(i, only)] = parts.as_slice() {
                return self.schema_type(*only, hint, &format!("{ptr}/{}", i));
            }
            let (id, name) = self.reserve(hint);
            // Registered before its parts are lowered: a part that reaches this schema again
            // (through `allOf` of a component containing it) refers to it instead of recursing.
            self.remember(ptr, TypeRef::Named(id));
            let kind = self.union_kind(schema, name.as_str(), ptr)?;
            self.add_type(id, name, schema, ptr, kind);
            return Ok(TypeRef::Named(id));
        }
        match self.object_shape(schema, ptr)? {
            Some(shape) if shape.properties.is_empty() => Ok(match shape.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value_ptr = format!("{ptr}/additionalProperties");
                    TypeRef::Map(Box::new(self.schema_type(
                        value,
                        &format!("{hint}Value"),
                        &value_ptr,
                    )?))
                }
                _ => TypeRef::Json,
            }),
            Some(_) | None if self.is_named_kind(schema) => {
                let (id, name) = self.reserve(hint);
                // As for unions: an object that contains itself through an `allOf` merge of a
                // component refers to itself (and is boxed later) instead of recursing forever.
                self.remember(ptr, TypeRef::Named(id));
                self.define(id, name, schema, ptr)?;
                Ok(TypeRef::Named(id))
            }
            // oneOf / anyOf / not and other shapes this generator does not model yet: raw JSON.
            _ => Ok(TypeRef::Json),
        }
    }

    /// The variants of a `oneOf`/`anyOf` schema named `name`: each part's type, named after its
    /// component, title or shape; the discriminator's mapping assigns tags.
    pub(super) fn union_kind(
        &mut self,
        schema: &'a Schema,
        name: &str,
        ptr: &str,
    ) -> Result<TypeKind, Error> {
        let parts = union_parts(schema).unwrap_or_default();
        let mut scope = Scope::with_reserved(&[reserved::UNION_OTHER]);
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut variants = Vec::new();
        for (part_ptr, part) in parts {
            let part_ptr = format!("{ptr}/{part_ptr}");
            let component = match part {
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/schemas/")
                    .map(str::to_string),
                ReferenceOr::Item(_) => None,
            };
            let label = match (&component, part) {
                (Some(c), _) => c.clone(),
                (None, ReferenceOr::Item(s)) => s
                    .schema_data
                    .title
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| shape_label(s).to_string()),
                (None, ReferenceOr::Reference { .. }) => "Variant".to_string(),
            };
            let rust_name = scope.claim(self.sanitizer.sanitize(&label, Case::Camel));
            let hint = format!("{name}{}", rust_name.as_str());
            let ty = self.schema_type(part, &hint, &part_ptr)?;
            let tags = match (discriminator, &component) {
                (Some(d), Some(c)) => {
                    let mapped: Vec<String> = d
                        .mapping
                        .iter()
                        .filter(|(_, target)| {
                            target.as_str() == format!("#/components/schemas/{c}")
                                || target.as_str() == c.as_str()
                        })
                        .map(|(tag, _)| tag.clone())
                        .collect();
                    if mapped.is_empty() {
                        vec![c.clone()]
                    } else {
                        mapped
                    }
                }
                _ => Vec::new(),
            };
            variants.push(UnionVariant {
                rust_name,
                ty,
                tags,
                boxed: false,
            });
        }
        Ok(TypeKind::Union {
            variants,
            discriminator: discriminator.map(|d| d.property_name.clone()),
        })
    }

    /// The union of the components that extend `base` (a schema with a discriminator, not a
    /// `oneOf`/`anyOf`) through `allOf`, and those its mapping names: each selected by the tags
    /// the mapping gives it, else by its name. Used wherever `base` is referenced.
    fn descendants_union(&mut self, base: &str, schema: &'a Schema) -> TypeKind {
        let property = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| d.property_name.clone());
        let mapping = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| &d.mapping);
        let mut scope = Scope::with_reserved(&[reserved::UNION_OTHER]);
        let mut variants = Vec::new();
        for child in self.polymorphic[base].clone() {
            let tags: Vec<String> = mapping
                .into_iter()
                .flatten()
                .filter(|(_, target)| {
                    target
                        .strip_prefix("#/components/schemas/")
                        .unwrap_or(target)
                        == child
                })
                .map(|(tag, _)| tag.clone())
                .collect();
            let tags = if tags.is_empty() {
                vec![child.clone()]
            } else {
                tags
            };
            let rust_name = scope.claim(self.sanitizer.sanitize(&child, Case::Camel));
            variants.push(UnionVariant {
                rust_name,
                ty: TypeRef::Named(self.components[&child].0),
                tags,
                boxed: false,
            });
        }
        TypeKind::Union {
            variants,
            discriminator: property,
        }
    }

    /// `allOf: [$ref, {type: object}]` and similar: exactly one part carries structure.
    pub(super) fn single_all_of_part(
        &mut self,
        schema: &'a Schema,
        ptr: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
            return Ok(None);
        };
        let meaningful: Vec<(usize, &'a ReferenceOr<Schema>)> = all_of
            .iter()
            .enumerate()
            .filter(|(_, part)| !matches!(part, ReferenceOr::Item(s) if is_empty_object(s)))
            .collect();
        match meaningful.as_slice() {
            // A base that others extend is their union: extending it alone is taking its
            // properties, not being it.
            [(_, ReferenceOr::Reference { reference })]
                if reference
                    .strip_prefix("#/components/schemas/")
                    .is_some_and(|base| self.polymorphic.contains_key(base)) =>
            {
                Ok(None)
            }
            [(i, part @ ReferenceOr::Reference { .. })] => {
                let part_ptr = format!("{ptr}/allOf/{i}");
                Ok(Some(self.schema_type(*part, "", &part_ptr)?))
            }
            _ => Ok(None),
        }
    }

    pub(super) fn is_named_kind(&self, schema: &Schema) -> bool {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_some),
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
            SchemaKind::Any(a) => !a.properties.is_empty() || !a.all_of.is_empty(),
            _ => false,
        }
    }

    /// Properties of an object schema, `allOf` parts merged in order. `None` when the
    /// schema is not an object.
    pub(super) fn object_shape(
        &self,
        schema: &'a Schema,
        ptr: &str,
    ) -> Result<Option<ObjectShape<'a>>, Error> {
        let mut shape = ObjectShape::default();
        let is_object = self.collect_shape(schema, ptr, &mut shape, 0)?;
        Ok(is_object.then_some(shape))
    }

    pub(super) fn collect_shape(
        &self,
        schema: &'a Schema,
        ptr: &str,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> Result<bool, Error> {
        if depth > 64 {
            return Err(self.err(
                ptr,
                "`allOf` nests deeper than 64 levels (a cycle through allOf?)",
            ));
        }
        let add = |props: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
                   required: &'a [String],
                   additional: &'a Option<AdditionalProperties>,
                   shape: &mut ObjectShape<'a>| {
            for (name, prop) in props {
                let prop_ptr = format!("{ptr}/properties/{}", escape_pointer(name));
                match shape.properties.iter_mut().find(|(n, _, _)| *n == name) {
                    // A later allOf part restates a property: the later definition wins.
                    Some(existing) => *existing = (name, prop, prop_ptr),
                    None => shape.properties.push((name, prop, prop_ptr)),
                }
            }
            shape.required.extend(required.iter().map(String::as_str));
            if additional.is_some() {
                shape.additional = additional.as_ref();
            }
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                add(&o.properties, &o.required, &o.additional_properties, shape);
                Ok(true)
            }
            SchemaKind::Any(a)
                if a.typ.as_deref().is_none_or(|t| t == "object")
                    && a.items.is_none()
                    && a.enumeration.is_empty() =>
            {
                add(&a.properties, &a.required, &a.additional_properties, shape);
                for (i, part) in a.all_of.iter().enumerate() {
                    let part_ptr = format!("{ptr}/allOf/{i}");
                    if !self.collect_part(part, &part_ptr, shape, depth)? {
                        return Ok(false);
                    }
                }
                Ok(a.one_of.is_empty() && a.any_of.is_empty())
            }
            SchemaKind::AllOf { all_of } => {
                for (i, part) in all_of.iter().enumerate() {
                    let part_ptr = format!("{ptr}/allOf/{i}");
                    if !self.collect_part(part, &part_ptr, shape, depth)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    pub(super) fn collect_part(
        &self,
        part: &'a ReferenceOr<Schema>,
        ptr: &str,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> Result<bool, Error> {
        match self.resolve(part, ptr)? {
            Resolved::Inline(s) => self.collect_shape(s, ptr, shape, depth + 1),
            Resolved::Component(name) => {
                let (target, s) = self.component_target(name)?;
                let target_ptr = pointer(&["components", "schemas", target]);
                self.collect_shape(s, &target_ptr, shape, depth + 1)
            }
        }
    }

    /// Defines the named type `id` from `schema`.
    pub(super) fn define(
        &mut self,
        id: TypeId,
        name: Ident,
        schema: &'a Schema,
        ptr: &str,
    ) -> Result<(), Error> {
        let kind = if let SchemaKind::Type(Type::String(s)) = &schema.schema_kind {
            if s.enumeration.iter().any(Option::is_some) {
                self.enum_kind(s, schema, ptr)
            } else {
                TypeKind::Newtype {
                    inner: self.inline_type(schema, name.as_str(), ptr)?,
                }
            }
        } else if let Some(single) = self.single_all_of_part(schema, ptr)? {
            TypeKind::Newtype { inner: single }
        } else if union_parts(schema).is_some_and(|parts| parts.len() > 1) {
            self.union_kind(schema, name.as_str(), ptr)?
        } else {
            match self.object_shape(schema, ptr)? {
                Some(shape) if !shape.properties.is_empty() => {
                    self.struct_kind(name.as_str(), shape)?
                }
                _ => TypeKind::Newtype {
                    inner: self.inline_type_no_name(schema, name.as_str(), ptr)?,
                },
            }
        };
        self.add_type(id, name, schema, ptr, kind);
        Ok(())
    }

    /// Like [`Self::inline_type`] for a schema that already has a name: never defines itself again.
    pub(super) fn inline_type_no_name(
        &mut self,
        schema: &'a Schema,
        name: &str,
        ptr: &str,
    ) -> Result<TypeRef, Error> {
        if self.is_named_kind(schema) {
            return Ok(match self.object_shape(schema, ptr)? {
                Some(shape) => match shape.additional {
                    Some(AdditionalProperties::Schema(value)) => {
                        let value_ptr = format!("{ptr}/additionalProperties");
                        TypeRef::Map(Box::new(self.schema_type(
                            value,
                            &format!("{name}Value"),
                            &value_ptr,
                        )?))
                    }
                    _ => TypeRef::Json,
                },
                None => TypeRef::Json,
            });
        }
        self.inline_type(schema, name, ptr)
    }

    pub(super) fn enum_kind(
        &mut self,
        s: &openapiv3::StringType,
        schema: &Schema,
        _ptr: &str,
    ) -> TypeKind {
        let mut scope = Scope::with_reserved(&[reserved::ENUM_UNKNOWN]);
        let mut variants = Vec::new();
        for value in s.enumeration.iter().flatten() {
            if variants
                .iter()
                .any(|v: &EnumVariant| v.wire_value == *value)
            {
                continue;
            }
            variants.push(EnumVariant {
                wire_value: value.clone(),
                rust_name: scope.claim(self.sanitizer.sanitize(value, Case::Camel)),
            });
        }
        let default = schema
            .schema_data
            .default
            .as_ref()
            .and_then(|d| d.as_str())
            .and_then(|d| variants.iter().position(|v| v.wire_value == d));
        TypeKind::Enum { variants, default }
    }

    pub(super) fn struct_kind(
        &mut self,
        name: &str,
        shape: ObjectShape<'a>,
    ) -> Result<TypeKind, Error> {
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for (wire_name, prop, prop_ptr) in shape.properties {
            let hint = format!(
                "{name}{}",
                self.sanitizer.sanitize(wire_name, Case::Camel).as_str()
            );
            let inner = self.schema_type(prop, &hint, &prop_ptr)?;
            let required = shape.required.contains(wire_name.as_str());
            let nullable = self.nullable(prop);
            let ty = if required && !nullable {
                inner
            } else {
                TypeRef::Option(Box::new(inner))
            };
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name: scope.claim(self.sanitizer.sanitize(wire_name, Case::Snake)),
                ty,
                required,
                nullable,
                docs: self.docs_of_ref(prop),
                boxed: false,
            });
        }
        let default = fields.iter().all(|f| matches!(f.ty, TypeRef::Option(_)));
        let extra_field = scope.claim(Ident::new(reserved::EXTRA_FIELD));
        Ok(TypeKind::Struct {
            fields,
            default,
            extra_field,
            // Named once the type's name is final (see `name_slots`).
            slots: None,
        })
    }
}

/// The parts of a `oneOf` or `anyOf` schema (a pointer suffix and the part), when it is one.
pub(super) fn union_parts(schema: &Schema) -> Option<Vec<(String, &ReferenceOr<Schema>)>> {
    let (key, parts) = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => ("oneOf", one_of),
        SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
        SchemaKind::Any(a) if !a.one_of.is_empty() && a.properties.is_empty() => {
            ("oneOf", &a.one_of)
        }
        SchemaKind::Any(a) if !a.any_of.is_empty() && a.properties.is_empty() => {
            ("anyOf", &a.any_of)
        }
        _ => return None,
    };
    Some(
        parts
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("{key}/{i}"), p))
            .collect(),
    )
}

/// A variant name for an inline union part without a title.
fn shape_label(schema: &Schema) -> &'static str {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => "String",
        SchemaKind::Type(Type::Integer(_)) => "Integer",
        SchemaKind::Type(Type::Number(_)) => "Number",
        SchemaKind::Type(Type::Boolean(_)) => "Boolean",
        SchemaKind::Type(Type::Array(_)) => "Array",
        SchemaKind::Type(Type::Object(_)) => "Object",
        _ => "Variant",
    }
}

/// The component schemas (of `names`) that have a discriminator without being a
/// `oneOf`/`anyOf`, and that others extend through `allOf` (directly or through another
/// component) or that their mapping names: each with those components, in name order.
fn polymorphic_bases(
    components: &openapiv3::Components,
    names: &[&String],
) -> BTreeMap<String, Vec<String>> {
    let parents = |name: &str| -> Vec<&str> {
        match components.schemas.get(name) {
            Some(ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::AllOf { all_of },
                ..
            })) => all_of
                .iter()
                .filter_map(|part| match part {
                    ReferenceOr::Reference { reference } => {
                        reference.strip_prefix("#/components/schemas/")
                    }
                    ReferenceOr::Item(_) => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut bases = BTreeMap::new();
    for base in names {
        let Some(ReferenceOr::Item(schema)) = components.schemas.get(base.as_str()) else {
            continue;
        };
        let Some(discriminator) = &schema.schema_data.discriminator else {
            continue;
        };
        if union_parts(schema).is_some() {
            continue;
        }
        let extends = |name: &str| {
            let mut stack = parents(name);
            let mut seen = BTreeSet::new();
            while let Some(parent) = stack.pop() {
                if parent == base.as_str() {
                    return true;
                }
                if seen.insert(parent) {
                    stack.extend(parents(parent));
                }
            }
            false
        };
        let mapped: BTreeSet<&str> = discriminator
            .mapping
            .values()
            .map(|target| {
                target
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or(target)
            })
            .collect();
        let children: Vec<String> = names
            .iter()
            .filter(|name| *name != base)
            .filter(|name| extends(name) || mapped.contains(name.as_str()))
            .map(|name| (*name).clone())
            .collect();
        if !children.is_empty() {
            bases.insert((*base).clone(), children);
        }
    }
    bases
}
