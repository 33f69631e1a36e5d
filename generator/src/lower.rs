//! Lowering: `openapiv3::OpenAPI` → [`ir::Api`](crate::ir::Api).
//!
//! All naming and ordering decisions happen here, once: component schemas are named first
//! (sorted by name), then operations are visited sorted by path and method, and inline
//! schemas get names from where they appear (`{Operation}Response`, `{Parent}{Field}`).
//! A name that is already taken gets the next free numeric suffix.

use crate::ir::*;
use crate::load::Source;
use crate::names::{reserved, sanitize, Case, Ident, Scope};
use crate::pointer::escape as escape_pointer;
use crate::Error;
use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter as OaParameter, ParameterSchemaOrContent, ReferenceOr,
    Schema, SchemaKind, StatusCode, Type, VariantOrUnknownOrEmpty,
};
use std::collections::{BTreeMap, BTreeSet};

/// Lowers a parsed document.
pub fn lower(doc: &OpenAPI, source: &Source) -> Result<Api, Error> {
    let mut lowerer = Lowerer {
        doc,
        source,
        types: BTreeMap::new(),
        type_names: Scope::with_reserved(reserved::TYPES),
        next_id: 0,
        components: BTreeMap::new(),
        component_params: BTreeMap::new(),
        inline_types: BTreeMap::new(),
        component_responses: BTreeMap::new(),
        warnings: Vec::new(),
        depth: 0,
    };
    lowerer.declare_components()?;
    let mut operations = lowerer.operations()?;
    let mut types = TypeSpace {
        types: lowerer.types,
    };
    crate::dedupe::merge_identical(&mut types);
    crate::recursion::box_cycles(&mut types);
    name_slots(&mut types);
    for op in &mut operations {
        op.pagination = crate::paginate::detect(&types, op);
    }
    let modules = crate::features::modules(&mut operations);
    let base_url = doc
        .servers
        .first()
        .map(|s| s.url.trim_end_matches('/').to_string())
        .unwrap_or_default();
    let bearer_auth = doc.components.as_ref().is_some_and(|c| {
        c.security_schemes.values().any(|s| {
            matches!(s, ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. }) if scheme.eq_ignore_ascii_case("bearer"))
        })
    });
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        base_url,
        types,
        operations,
        modules,
        bearer_auth,
        warnings: lowerer.warnings,
    };
    crate::features::assign(&mut api);
    Ok(api)
}

/// Names the hidden struct that collects a struct's properties while it is decoded, for the
/// structs with a required property: `__{Name}Slots`. Type names come from [`sanitize`] in
/// [`Case::Camel`], which never starts with `_`, so these cannot collide with a type of the API.
fn name_slots(types: &mut TypeSpace) {
    for def in types.types.values_mut() {
        if let TypeKind::Struct { fields, slots, .. } = &mut def.kind {
            if fields.iter().any(|f| !matches!(f.ty, TypeRef::Option(_))) {
                *slots = Some(Ident::new(format!("__{}Slots", def.name.as_str())));
            }
        }
    }
}

struct Lowerer<'a> {
    doc: &'a OpenAPI,
    source: &'a Source,
    types: BTreeMap<TypeId, TypeDef>,
    type_names: Scope,
    next_id: usize,
    /// Component schema name → the named type a `$ref` to it lowers to.
    components: BTreeMap<String, (TypeId, Ident)>,
    /// Component parameters, lowered once and shared by the operations that use them.
    component_params: BTreeMap<String, Param>,
    /// Inline schemas already lowered, by JSON pointer.
    inline_types: BTreeMap<String, TypeRef>,
    /// Component responses, lowered once.
    component_responses: BTreeMap<String, (String, ResponseBody)>,
    /// What could not be lowered as written, and what was done instead.
    warnings: Vec<crate::Warning>,
    /// How many [`Lowerer::schema_type`] calls are under way (see [`MAX_SCHEMA_DEPTH`]).
    depth: usize,
}

/// Inline schemas nested deeper than this are an error rather than a stack overflow. YAML
/// documents nest at most 128 levels (serde_yaml's limit), but `allOf` merges of components
/// can nest lowering further.
const MAX_SCHEMA_DEPTH: usize = 128;

/// What an object schema looks like once `allOf` parts are merged.
#[derive(Default)]
struct ObjectShape<'s> {
    /// Properties with the pointer of the schema that declares them.
    properties: Vec<(&'s String, &'s ReferenceOr<Box<Schema>>, String)>,
    required: BTreeSet<&'s str>,
    additional: Option<&'s AdditionalProperties>,
}

fn pointer(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| format!("/{}", escape_pointer(p)))
        .collect()
}

fn docs_of(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    let mut facts = Vec::new();
    if let SchemaKind::Type(t) = &schema.schema_kind {
        match t {
            Type::String(s) => {
                if let Some(format) = format_name(&s.format) {
                    facts.push(format!("Format: `{format}`."));
                }
                if let Some(p) = &s.pattern {
                    facts.push(format!("Pattern: `{p}`."));
                }
                if let (Some(min), Some(max)) = (s.min_length, s.max_length) {
                    facts.push(format!("Length: {min} to {max}."));
                } else if let Some(min) = s.min_length {
                    facts.push(format!("Minimum length: {min}."));
                } else if let Some(max) = s.max_length {
                    facts.push(format!("Maximum length: {max}."));
                }
            }
            Type::Integer(i) => {
                range_fact(
                    &mut facts,
                    i.minimum.map(|v| v.to_string()),
                    i.exclusive_minimum,
                    i.maximum.map(|v| v.to_string()),
                    i.exclusive_maximum,
                );
            }
            Type::Number(n) => {
                range_fact(
                    &mut facts,
                    n.minimum.map(|v| v.to_string()),
                    n.exclusive_minimum,
                    n.maximum.map(|v| v.to_string()),
                    n.exclusive_maximum,
                );
            }
            _ => {}
        }
    }
    if let Some(default) = &data.default {
        facts.push(format!("Default: `{default}`."));
    }
    if data.read_only {
        facts.push("Read-only: set by the server.".into());
    }
    if data.write_only {
        facts.push("Write-only: sent in requests, not returned.".into());
    }
    if let Some(example) = &data.example {
        if !example.is_object() && !example.is_array() {
            facts.push(format!("Example: `{example}`."));
        }
    }
    Docs {
        summary: data.title.clone(),
        description: data.description.clone(),
        facts,
        example: data.example.clone(),
        read_only: data.read_only,
    }
}

fn range_fact(
    facts: &mut Vec<String>,
    min: Option<String>,
    min_excl: bool,
    max: Option<String>,
    max_excl: bool,
) {
    let lower = min.map(|m| {
        if min_excl {
            format!("> {m}")
        } else {
            format!(">= {m}")
        }
    });
    let upper = max.map(|m| {
        if max_excl {
            format!("< {m}")
        } else {
            format!("<= {m}")
        }
    });
    match (lower, upper) {
        (Some(l), Some(u)) => facts.push(format!("Range: {l} and {u}.")),
        (Some(l), None) => facts.push(format!("Range: {l}.")),
        (None, Some(u)) => facts.push(format!("Range: {u}.")),
        (None, None) => {}
    }
}

fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(String::from)),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// A schema reached through a `$ref` or directly.
enum Resolved<'s> {
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
    fn err(&self, pointer: &str, message: impl Into<String>) -> Error {
        self.source.error(pointer, message)
    }

    /// Records a warning at `pointer` (located like an error).
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let warning = self.source.error(pointer, message);
        self.warnings.push(warning);
    }

    /// Reserves an id and a unique type name.
    fn reserve(&mut self, name_hint: &str) -> (TypeId, Ident) {
        let id = TypeId(self.next_id);
        self.next_id += 1;
        (id, self.type_names.claim(sanitize(name_hint, Case::Camel)))
    }

    fn resolve<'s, S: std::borrow::Borrow<Schema>>(
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

    /// The document's own copy of a component name (borrowed for `'a`).
    fn component_key(&self, name: &str) -> &'a str {
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

    fn component_schema(&self, name: &str) -> &'a ReferenceOr<Schema> {
        &self
            .doc
            .components
            .as_ref()
            .expect("a declared component has a components section")
            .schemas[name]
    }

    /// Follows a component that is a bare `$ref` to another component, to its schema.
    /// A chain that comes back to where it started has no structure and is an error.
    fn component_target(&self, name: &'a str) -> Result<(&'a str, &'a Schema), Error> {
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

    fn declare_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        let mut names: Vec<&'a String> = components.schemas.keys().collect();
        names.sort();
        for name in &names {
            let reserved = self.reserve(name);
            self.components.insert((*name).clone(), reserved);
        }
        for name in names {
            let ptr = pointer(&["components", "schemas", name]);
            let (id, type_name) = self.components[name.as_str()].clone();
            match self.component_schema(name) {
                ReferenceOr::Item(schema) => self.define(id, type_name, schema, &ptr)?,
                ReferenceOr::Reference { .. } => {
                    let (target, schema) = self.component_target(name)?;
                    let target = self.components[target].0;
                    let docs = docs_of(schema);
                    self.types.insert(
                        id,
                        TypeDef {
                            name: type_name,
                            origin: self.source.original(&ptr),
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
    fn nullable<S: std::borrow::Borrow<Schema>>(&self, schema: &ReferenceOr<S>) -> bool {
        match schema {
            ReferenceOr::Item(s) => s.borrow().schema_data.nullable,
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .filter(|name| self.components.contains_key(*name))
                .and_then(|name| self.component_target(self.component_key(name)).ok())
                .is_some_and(|(_, s)| s.schema_data.nullable),
        }
    }

    /// Docs of a schema, following a `$ref` to its component.
    fn docs_of_ref<S: std::borrow::Borrow<Schema>>(&self, schema: &ReferenceOr<S>) -> Docs {
        match schema {
            ReferenceOr::Item(s) => docs_of(s.borrow()),
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .filter(|name| self.components.contains_key(*name))
                .and_then(|name| self.component_target(self.component_key(name)).ok())
                .map(|(_, s)| docs_of(s))
                .unwrap_or_default(),
        }
    }

    /// The type of a schema, not wrapped in `Option` for nullability (callers decide).
    /// Inline objects and enums become new named types called `hint`.
    fn schema_type<S: std::borrow::Borrow<Schema>>(
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
        let ty = self.schema_type_at_depth(schema, hint, ptr);
        self.depth -= 1;
        ty
    }

    fn schema_type_at_depth<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        hint: &str,
        ptr: &str,
    ) -> Result<TypeRef, Error> {
        match self.resolve(schema, ptr)? {
            Resolved::Component(name) => Ok(TypeRef::Named(self.components[name].0)),
            // One schema, one type: a property reached again through `allOf` reuses it.
            Resolved::Inline(_) if self.inline_types.contains_key(ptr) => {
                Ok(self.inline_types[ptr].clone())
            }
            Resolved::Inline(schema) => {
                let ty = self.inline_type(schema, hint, ptr)?;
                self.inline_types.insert(ptr.to_string(), ty.clone());
                Ok(ty)
            }
        }
    }

    /// `Vec<T>` for array items (`Vec<Option<T>>` when items may be null).
    fn list_type(
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

    fn inline_type(&mut self, schema: &'a Schema, hint: &str, ptr: &str) -> Result<TypeRef, Error> {
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
            SchemaKind::Any(a) if a.typ.as_deref() == Some("array") || a.items.is_some() => {
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
            self.inline_types
                .insert(ptr.to_string(), TypeRef::Named(id));
            let kind = self.union_kind(schema, name.as_str(), ptr)?;
            self.types.insert(
                id,
                TypeDef {
                    name,
                    origin: self.source.original(ptr),
                    docs: docs_of(schema),
                    kind,
                    features: BTreeSet::new(),
                },
            );
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
                self.inline_types
                    .insert(ptr.to_string(), TypeRef::Named(id));
                self.define(id, name, schema, ptr)?;
                Ok(TypeRef::Named(id))
            }
            // oneOf / anyOf / not and other shapes this generator does not model yet: raw JSON.
            _ => Ok(TypeRef::Json),
        }
    }

    /// The variants of a `oneOf`/`anyOf` schema named `name`: each part's type, named after its
    /// component, title or shape; the discriminator's mapping assigns tags.
    fn union_kind(&mut self, schema: &'a Schema, name: &str, ptr: &str) -> Result<TypeKind, Error> {
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
            let rust_name = scope.claim(sanitize(&label, Case::Camel));
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

    /// `allOf: [$ref, {type: object}]` and similar: exactly one part carries structure.
    fn single_all_of_part(
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
            [(i, part @ ReferenceOr::Reference { .. })] => {
                let part_ptr = format!("{ptr}/allOf/{i}");
                Ok(Some(self.schema_type(*part, "", &part_ptr)?))
            }
            _ => Ok(None),
        }
    }

    fn is_named_kind(&self, schema: &Schema) -> bool {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_some),
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
            SchemaKind::Any(a) => !a.properties.is_empty() || !a.all_of.is_empty(),
            _ => false,
        }
    }

    /// Properties of an object schema, `allOf` parts merged in order. `None` when the
    /// schema is not an object.
    fn object_shape(
        &self,
        schema: &'a Schema,
        ptr: &str,
    ) -> Result<Option<ObjectShape<'a>>, Error> {
        let mut shape = ObjectShape::default();
        let is_object = self.collect_shape(schema, ptr, &mut shape, 0)?;
        Ok(is_object.then_some(shape))
    }

    fn collect_shape(
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

    fn collect_part(
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
    fn define(
        &mut self,
        id: TypeId,
        name: Ident,
        schema: &'a Schema,
        ptr: &str,
    ) -> Result<(), Error> {
        let docs = docs_of(schema);
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
        self.types.insert(
            id,
            TypeDef {
                name,
                origin: self.source.original(ptr),
                docs,
                kind,
                features: BTreeSet::new(),
            },
        );
        Ok(())
    }

    /// Like [`Self::inline_type`] for a schema that already has a name: never defines itself again.
    fn inline_type_no_name(
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

    fn enum_kind(&self, s: &openapiv3::StringType, schema: &Schema, _ptr: &str) -> TypeKind {
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
                rust_name: scope.claim(sanitize(value, Case::Camel)),
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

    fn struct_kind(&mut self, name: &str, shape: ObjectShape<'a>) -> Result<TypeKind, Error> {
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for (wire_name, prop, prop_ptr) in shape.properties {
            let hint = format!("{name}{}", sanitize(wire_name, Case::Camel).as_str());
            let inner = self.schema_type(prop, &hint, &prop_ptr)?;
            let required = shape.required.contains(wire_name.as_str());
            let ty = if required && !self.nullable(prop) {
                inner
            } else {
                TypeRef::Option(Box::new(inner))
            };
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name: scope.claim(sanitize(wire_name, Case::Snake)),
                ty,
                required,
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

// ----- operations ---------------------------------------------------------------------

/// The parts of a `oneOf` or `anyOf` schema (a pointer suffix and the part), when it is one.
fn union_parts(schema: &Schema) -> Option<Vec<(String, &ReferenceOr<Schema>)>> {
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

/// Splits a path template into literals and parameter names.
fn split_template(path: &str) -> Result<Vec<Result<String, String>>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Ok(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path template `{path}`"))?;
        let name = &rest[open + 1..open + close];
        if name.is_empty() || name.contains('{') {
            return Err(format!(
                "malformed parameter `{{{name}}}` in path template `{path}`"
            ));
        }
        out.push(Err(name.to_string()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Ok(rest.to_string()));
    }
    Ok(out)
}

fn status_of(code: &StatusCode) -> Status {
    match code {
        StatusCode::Code(c) => Status::Code(*c),
        StatusCode::Range(r) => Status::Range(*r),
    }
}

fn status_key(status: &Status) -> (u16, u16) {
    match status {
        Status::Code(c) => (*c, 0),
        Status::Range(r) => (r * 100 + 99, 1),
        Status::Default => (u16::MAX, 2),
    }
}

/// The enum of an operation's documented error responses (every response that is not a
/// success), when at least one of them has a JSON body: `{Builder}Error`, claimed in `names`
/// (the scope of request builder names), with a variant per status named by
/// [`status_variant`](crate::names::status_variant).
fn error_enum(op: &Operation, names: &mut Scope) -> Option<ErrorEnum> {
    let errors: Vec<(usize, &Response)> = op
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.status.is_success())
        .collect();
    if !errors
        .iter()
        .any(|(_, r)| matches!(r.body, ResponseBody::Json(_)))
    {
        return None;
    }
    let mut variant_names = Scope::new();
    let variants = errors
        .into_iter()
        .map(|(response, r)| ErrorVariant {
            rust_name: variant_names.claim(crate::names::status_variant(&r.status)),
            response,
        })
        .collect();
    let base = op.builder_name.as_str();
    Some(ErrorEnum {
        name: names.claim(sanitize(&format!("{base} error"), Case::Camel)),
        variants,
    })
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

impl<'a> Lowerer<'a> {
    fn operations(&mut self) -> Result<Vec<Operation>, Error> {
        let mut paths: Vec<(&'a String, &'a ReferenceOr<openapiv3::PathItem>)> =
            self.doc.paths.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        let mut method_scope = Scope::with_reserved(reserved::CLIENT_METHODS);
        // Request builders and error enums live in `crate::operations`, which writes prelude
        // names unqualified as `types` does.
        let mut builder_scope = Scope::with_reserved(reserved::TYPES);
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        let mut operations = Vec::new();
        for (path, item) in paths {
            let path_ptr = pointer(&["paths", path]);
            let ReferenceOr::Item(item) = item else {
                return Err(self.err(&path_ptr, "`$ref` path items are not supported"));
            };
            let methods = [
                (Method::Get, &item.get, "get"),
                (Method::Put, &item.put, "put"),
                (Method::Post, &item.post, "post"),
                (Method::Delete, &item.delete, "delete"),
                (Method::Options, &item.options, "options"),
                (Method::Head, &item.head, "head"),
                (Method::Patch, &item.patch, "patch"),
                (Method::Trace, &item.trace, "trace"),
            ];
            for (method, op, key) in methods {
                let Some(op) = op else { continue };
                let op_ptr = format!("{path_ptr}/{key}");
                let operation_id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{key} {path}"));
                if let Some(other) = seen_ids.insert(operation_id.clone(), op_ptr.clone()) {
                    // Invalid OpenAPI, but published documents have it: the names get suffixes.
                    self.warn(
                        &format!("{op_ptr}/operationId"),
                        format!("duplicate operationId `{operation_id}` (also used at {other}): the method name gets a numeric suffix"),
                    );
                }
                let method_name = method_scope.claim(sanitize(&operation_id, Case::Snake));
                let builder_name = builder_scope.claim(sanitize(&operation_id, Case::Camel));
                operations.push(self.operation(
                    path,
                    method,
                    op,
                    &item.parameters,
                    &op_ptr,
                    &path_ptr,
                    operation_id,
                    method_name,
                    builder_name,
                )?);
            }
        }
        // Error enums share `crate::operations` with the builders: named after all of them, so
        // a builder keeps its name whether or not another operation has an error enum.
        for op in &mut operations {
            op.error_enum = error_enum(op, &mut builder_scope);
        }
        Ok(operations)
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        method: Method,
        op: &'a openapiv3::Operation,
        path_params: &'a [ReferenceOr<OaParameter>],
        op_ptr: &str,
        path_ptr: &str,
        operation_id: String,
        method_name: Ident,
        builder_name: Ident,
    ) -> Result<Operation, Error> {
        let camel = builder_name.as_str().to_string();
        // Path-level parameters first, overridden by operation-level ones with the same name and location.
        let mut raw: Vec<(&'a ReferenceOr<OaParameter>, String)> = Vec::new();
        for (i, p) in path_params.iter().enumerate() {
            raw.push((p, format!("{path_ptr}/parameters/{i}")));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            raw.push((p, format!("{op_ptr}/parameters/{i}")));
        }
        let mut params: Vec<Param> = Vec::new();
        let mut scope = Scope::with_reserved(reserved::BUILDER_MEMBERS);
        for (p, ptr) in raw {
            let mut param = self.param(p, &camel, &ptr)?;
            if let Some(existing) = params
                .iter_mut()
                .find(|e| e.wire_name == param.wire_name && e.location == param.location)
            {
                param.rust_name = existing.rust_name.clone();
                *existing = param;
            } else {
                param.rust_name = scope.claim(param.rust_name.clone());
                params.push(param);
            }
        }
        // Path parameters in template order first, then the rest in document order.
        let template = split_template(path).map_err(|m| self.err(path_ptr, m))?;
        let mut ordered: Vec<Param> = Vec::new();
        let mut segments = Vec::new();
        for piece in &template {
            match piece {
                Ok(literal) => segments.push(PathSegment::Literal(literal.clone())),
                Err(name) => {
                    let index = params
                        .iter()
                        .position(|p| p.location == ParamLocation::Path && &p.wire_name == name)
                        .ok_or_else(|| self.err(op_ptr, format!("path template `{path}` uses `{{{name}}}` but the operation defines no path parameter `{name}`")))?;
                    let mut param = params.remove(index);
                    param.required = true;
                    segments.push(PathSegment::Param(ordered.len()));
                    ordered.push(param);
                }
            }
        }
        if let Some(stray) = params.iter().find(|p| p.location == ParamLocation::Path) {
            return Err(self.err(
                op_ptr,
                format!(
                    "path parameter `{}` does not appear in the path template `{path}`",
                    stray.wire_name
                ),
            ));
        }
        ordered.extend(params);

        let body = match &op.request_body {
            None => None,
            Some(body) => Some(self.body(body, &camel, &format!("{op_ptr}/requestBody"))?),
        };

        let mut responses = Vec::new();
        let mut success_count = 0;
        let mut codes: Vec<(&'a StatusCode, &'a ReferenceOr<openapiv3::Response>)> =
            op.responses.responses.iter().collect();
        codes.sort_by_key(|(c, _)| status_key(&status_of(c)));
        for (code, response) in codes {
            let status = status_of(code);
            let hint = if status.is_success() {
                success_count += 1;
                if success_count == 1 {
                    format!("{camel}Response")
                } else {
                    format!("{camel}Response{code}")
                }
            } else {
                format!("{camel}Error{code}")
            };
            let ptr = format!("{op_ptr}/responses/{}", code);
            let (description, body) = self.response(response, &hint, &ptr)?;
            responses.push(Response {
                status,
                description,
                body,
            });
        }
        // `send` returns one type: the first success's. Say so when others differ.
        let successes: Vec<&Response> =
            responses.iter().filter(|r| r.status.is_success()).collect();
        if let Some((first, rest)) = successes.split_first() {
            for other in rest {
                if format!("{:?}", other.body) != format!("{:?}", first.body) {
                    let (Status::Code(first_code), Status::Code(code)) =
                        (&first.status, &other.status)
                    else {
                        continue;
                    };
                    self.warn(
                        &format!("{op_ptr}/responses/{code}"),
                        format!("success responses {first_code} and {code} have different bodies: `send` returns the {first_code} body, and a {code} response is decoded as one"),
                    );
                }
            }
        }
        if let Some(default) = &op.responses.default {
            let ptr = format!("{op_ptr}/responses/default");
            let (description, body) =
                self.response(default, &format!("{camel}ErrorDefault"), &ptr)?;
            responses.push(Response {
                status: Status::Default,
                description,
                body,
            });
        }

        Ok(Operation {
            operation_id,
            method_name,
            builder_name,
            method,
            path: path.to_string(),
            path_segments: segments,
            params: ordered,
            body,
            responses,
            tags: op.tags.clone(),
            module: 0,
            docs: Docs {
                summary: op.summary.clone(),
                description: op.description.clone(),
                facts: Vec::new(),
                example: None,
                read_only: false,
            },
            deprecated: op.deprecated,
            pagination: None,
            error_enum: None,
        })
    }

    fn param(
        &mut self,
        p: &'a ReferenceOr<OaParameter>,
        op_camel: &str,
        ptr: &str,
    ) -> Result<Param, Error> {
        let (param, ptr, hint_base) = match p {
            ReferenceOr::Item(param) => (param, ptr.to_string(), None),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/parameters/").ok_or_else(|| {
                    self.err(ptr, format!("`$ref: {reference}` is not supported for parameters: expected `#/components/parameters/...`"))
                })?;
                if let Some(cached) = self.component_params.get(name) {
                    return Ok(cached.clone());
                }
                let components = self.doc.components.as_ref();
                let Some((key, ReferenceOr::Item(param))) =
                    components.and_then(|c| c.parameters.get_key_value(name))
                else {
                    return Err(self.err(
                        ptr,
                        format!(
                            "`$ref: {reference}` points to no parameter in components/parameters"
                        ),
                    ));
                };
                (
                    param,
                    pointer(&["components", "parameters", key]),
                    Some(key.as_str()),
                )
            }
        };
        let (data, location, style) = match param {
            OaParameter::Query {
                parameter_data,
                style,
                ..
            } => {
                let explode = parameter_data
                    .explode
                    .unwrap_or(matches!(style, openapiv3::QueryStyle::Form));
                let style = match style {
                    openapiv3::QueryStyle::Form => QueryStyle::Form { explode },
                    openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                    openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                };
                (parameter_data, ParamLocation::Query, style)
            }
            OaParameter::Path { parameter_data, .. } => (
                parameter_data,
                ParamLocation::Path,
                QueryStyle::Form { explode: false },
            ),
            OaParameter::Header { parameter_data, .. } => (
                parameter_data,
                ParamLocation::Header,
                QueryStyle::Form { explode: false },
            ),
            OaParameter::Cookie { parameter_data, .. } => (
                parameter_data,
                ParamLocation::Cookie,
                QueryStyle::Form { explode: false },
            ),
        };
        let hint = match hint_base {
            Some(component) => component.to_string(),
            None => format!("{op_camel}{}", sanitize(&data.name, Case::Camel).as_str()),
        };
        let (ty, mut docs) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => (
                self.schema_type(schema, &hint, &format!("{ptr}/schema"))?,
                self.docs_of_ref(schema),
            ),
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((media, media_type)) => {
                    let media_ptr = format!("{ptr}/content/{}", escape_pointer(media));
                    match &media_type.schema {
                        Some(schema) => (
                            self.schema_type(schema, &hint, &format!("{media_ptr}/schema"))?,
                            self.docs_of_ref(schema),
                        ),
                        None => (TypeRef::Json, Docs::default()),
                    }
                }
                None => return Err(self.err(&ptr, "parameter `content` has no media type")),
            },
        };
        if let Some(description) = &data.description {
            docs.description = Some(description.clone());
        }
        if let Some(example) = &data.example {
            docs.example = Some(example.clone());
        }
        if docs.facts.iter().all(|f| !f.starts_with("Example")) {
            if let Some(example) = data
                .example
                .as_ref()
                .filter(|e| !e.is_object() && !e.is_array())
            {
                docs.facts.push(format!("Example: `{example}`."));
            }
        }
        let lowered = Param {
            wire_name: data.name.clone(),
            rust_name: sanitize(&data.name, Case::Snake),
            location,
            style,
            required: data.required,
            ty,
            docs,
        };
        if let Some(component) = hint_base {
            self.component_params
                .insert(component.to_string(), lowered.clone());
        }
        Ok(lowered)
    }

    fn body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        op_camel: &str,
        ptr: &str,
    ) -> Result<Body, Error> {
        let (body, ptr, hint) = match body {
            ReferenceOr::Item(b) => (b, ptr.to_string(), format!("{op_camel}Body")),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/requestBodies/")
                    .ok_or_else(|| {
                        self.err(
                            ptr,
                            format!("`$ref: {reference}` is not supported for request bodies"),
                        )
                    })?;
                let found = self
                    .doc
                    .components
                    .as_ref()
                    .and_then(|c| c.request_bodies.get_key_value(name));
                let Some((key, ReferenceOr::Item(b))) = found else {
                    return Err(self.err(ptr, format!("`$ref: {reference}` points to no request body in components/requestBodies")));
                };
                (
                    b,
                    pointer(&["components", "requestBodies", key]),
                    key.clone(),
                )
            }
        };
        // JSON first, then form encodings, then whatever comes first.
        let essence = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        };
        let (media_type, content) = body
            .content
            .iter()
            .find(|(m, _)| is_json(m))
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(m, _)| essence(m) == "application/x-www-form-urlencoded")
            })
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(m, _)| essence(m) == "multipart/form-data")
            })
            .or_else(|| body.content.iter().next())
            .ok_or_else(|| self.err(&ptr, "request body has no content"))?;
        let encoding = if is_json(media_type) {
            BodyEncoding::Json
        } else {
            match essence(media_type).as_str() {
                "application/x-www-form-urlencoded" => BodyEncoding::Form,
                "multipart/form-data" => BodyEncoding::Multipart,
                _ => BodyEncoding::Raw,
            }
        };
        let schema_ptr = format!("{ptr}/content/{}/schema", escape_pointer(media_type));
        let (ty, mut docs) = match (&content.schema, encoding) {
            (Some(schema), BodyEncoding::Json | BodyEncoding::Form) => (
                self.schema_type(schema, &hint, &schema_ptr)?,
                self.docs_of_ref(schema),
            ),
            (Some(schema), BodyEncoding::Multipart) => {
                let parts = self.part_names(schema, &schema_ptr)?;
                self.warn(
                    &format!("{ptr}/content/{}", escape_pointer(media_type)),
                    format!(
                        "multipart/form-data body: the method takes a `reqwest::multipart::Form` the caller builds (parts: {})",
                        if parts.is_empty() { "not listed".to_string() } else { parts.join(", ") }
                    ),
                );
                let mut docs = self.docs_of_ref(schema);
                docs.facts.push(format!(
                    "Sent as `multipart/form-data`; build the parts with `reqwest::multipart::Form`{}.",
                    if parts.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", parts.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "))
                    }
                ));
                (TypeRef::Json, docs)
            }
            (Some(schema), BodyEncoding::Raw) => (
                TypeRef::Primitive(Primitive::String {
                    format: Some("binary".into()),
                }),
                self.docs_of_ref(schema),
            ),
            (None, BodyEncoding::Multipart) => {
                self.warn(
                    &format!("{ptr}/content/{}", escape_pointer(media_type)),
                    "multipart/form-data body without a schema: the method takes a `reqwest::multipart::Form` the caller builds",
                );
                (TypeRef::Json, Docs::default())
            }
            (None, _) => (TypeRef::Json, Docs::default()),
        };
        if let Some(description) = &body.description {
            docs.description = Some(description.clone());
        }
        // `*/*` and other ranges are not a Content-Type: send bytes as octet-stream.
        let media_type = if media_type.contains('*') {
            "application/octet-stream".to_string()
        } else {
            media_type.clone()
        };
        Ok(Body {
            encoding,
            media_type,
            ty,
            required: body.required,
            docs,
        })
    }

    /// The property names of a multipart body's object schema, for docs and warnings.
    fn part_names(&self, schema: &'a ReferenceOr<Schema>, ptr: &str) -> Result<Vec<String>, Error> {
        let schema = match self.resolve(schema, ptr)? {
            Resolved::Component(name) => match self.component_target(self.component_key(name)) {
                Ok((_, s)) => s,
                Err(_) => return Ok(Vec::new()),
            },
            Resolved::Inline(s) => s,
        };
        Ok(self
            .object_shape(schema, ptr)?
            .map(|shape| {
                shape
                    .properties
                    .iter()
                    .map(|(name, _, _)| (*name).clone())
                    .collect()
            })
            .unwrap_or_default())
    }

    fn response(
        &mut self,
        response: &'a ReferenceOr<openapiv3::Response>,
        hint: &str,
        ptr: &str,
    ) -> Result<(String, ResponseBody), Error> {
        match response {
            ReferenceOr::Item(r) => self.response_body(r, hint, ptr),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/responses/")
                    .ok_or_else(|| {
                        self.err(
                            ptr,
                            format!("`$ref: {reference}` is not supported for responses"),
                        )
                    })?;
                if let Some(cached) = self.component_responses.get(name) {
                    return Ok(cached.clone());
                }
                let found = self
                    .doc
                    .components
                    .as_ref()
                    .and_then(|c| c.responses.get_key_value(name));
                let Some((key, ReferenceOr::Item(r))) = found else {
                    return Err(self.err(
                        ptr,
                        format!(
                            "`$ref: {reference}` points to no response in components/responses"
                        ),
                    ));
                };
                let lowered =
                    self.response_body(r, key, &pointer(&["components", "responses", key]))?;
                self.component_responses
                    .insert(key.clone(), lowered.clone());
                Ok(lowered)
            }
        }
    }

    fn response_body(
        &mut self,
        r: &'a openapiv3::Response,
        hint: &str,
        ptr: &str,
    ) -> Result<(String, ResponseBody), Error> {
        let chosen = r
            .content
            .iter()
            .find(|(m, _)| is_json(m))
            .or_else(|| r.content.iter().next());
        let body = match chosen {
            None => ResponseBody::Empty,
            Some((media, content)) if is_json(media) => {
                let schema_ptr = format!("{ptr}/content/{}/schema", escape_pointer(media));
                match &content.schema {
                    Some(schema) => {
                        ResponseBody::Json(self.schema_type(schema, hint, &schema_ptr)?)
                    }
                    None => ResponseBody::Json(TypeRef::Json),
                }
            }
            Some((media, _)) => ResponseBody::Bytes {
                media_type: media.clone(),
            },
        };
        Ok((r.description.clone(), body))
    }
}
