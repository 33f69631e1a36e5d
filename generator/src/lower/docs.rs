//! Documentation gathered from schemas: prose, and facts such as format, range, default and
//! example.

use super::Lowerer;
use crate::ir::{Constraints, Docs};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

/// The docs of an operation (or a webhook's): its summary and description.
pub(super) fn operation_docs(op: &openapiv3::Operation) -> Docs {
    Docs {
        summary: op.summary.clone(),
        description: op.description.clone(),
        facts: Vec::new(),
        example: None,
        read_only: false,
        constraints: Default::default(),
    }
}

pub(super) fn docs_of(schema: &Schema) -> Docs {
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
    facts.extend(data.example.as_ref().and_then(example_fact));
    Docs {
        summary: data.title.clone(),
        description: data.description.clone(),
        facts,
        example: data.example.clone(),
        read_only: data.read_only,
        constraints: constraints_of(schema),
    }
}

/// What `schema` asks of a valid value (see [`Constraints`]).
fn constraints_of(schema: &Schema) -> Constraints {
    let number = |v: f64| serde_json::Number::from_f64(v);
    let mut c = Constraints {
        default: schema.schema_data.default.as_ref().map(|v| v.to_string()),
        ..Constraints::default()
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            c.format = format_name(&s.format);
            c.pattern = s.pattern.clone();
            c.length = (s.min_length, s.max_length);
        }
        SchemaKind::Type(Type::Integer(i)) => {
            c.minimum = i.minimum.map(|v| (v.into(), i.exclusive_minimum));
            c.maximum = i.maximum.map(|v| (v.into(), i.exclusive_maximum));
            c.multiple_of = i.multiple_of.map(Into::into);
        }
        SchemaKind::Type(Type::Number(n)) => {
            c.minimum = n.minimum.and_then(number).map(|v| (v, n.exclusive_minimum));
            c.maximum = n.maximum.and_then(number).map(|v| (v, n.exclusive_maximum));
            c.multiple_of = n.multiple_of.and_then(number);
        }
        SchemaKind::Type(Type::Array(a)) => c.min_items = a.min_items,
        _ => {}
    }
    c
}

/// The fact that shows an example inline: scalars only (objects and arrays are left to the
/// usage examples).
pub(super) fn example_fact(example: &serde_json::Value) -> Option<String> {
    (!example.is_object() && !example.is_array()).then(|| format!("Example: `{example}`."))
}

pub(super) fn range_fact(
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

pub(super) fn format_name<T: serde::Serialize>(
    format: &VariantOrUnknownOrEmpty<T>,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(String::from)),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl Lowerer<'_> {
    /// Docs of a schema, following a `$ref` to its component.
    pub(super) fn docs_of_ref<S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
    ) -> Docs {
        if let Some(copy) = self.copy_of(schema) {
            return docs_of(copy);
        }
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
}
