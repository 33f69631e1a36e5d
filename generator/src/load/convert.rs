//! Tree → typed document: the normalised tree read into `openapiv3::OpenAPI` (its large
//! members side by side, each node freed as it is read), the webhooks into path items, and,
//! when the tree does not match the OpenAPI schema, the message that says where.

use super::normalize::Version;
use super::tree::strip_location;
use super::Locator;
use super::METHODS;
use crate::{pointer, Error, Threads};
use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};
use serde::Deserialize as _;

/// Takes the webhooks (`x-webhooks`, where normalising puts 3.1's `webhooks`) out of the tree
/// and reads each into a path item, by value, in name order. The 3.0 model keeps extensions as
/// untyped JSON: read there, every webhook would be held twice.
pub(super) fn take_webhooks(
    tree: &mut serde_yaml::Value,
    at: &Locator,
) -> Result<Vec<(String, openapiv3::PathItem)>, Error> {
    let Some(hooks) = tree.as_mapping_mut().and_then(|m| m.remove("x-webhooks")) else {
        return Ok(Vec::new());
    };
    let serde_yaml::Value::Mapping(hooks) = hooks else {
        return Err(at.error("/x-webhooks", "`webhooks` must be a map of path items"));
    };
    let mut items = Vec::with_capacity(hooks.len());
    for (name, item) in hooks {
        let name = match name {
            serde_yaml::Value::String(name) => name,
            other => serde_yaml::to_string(&other)
                .unwrap_or_default()
                .trim_end()
                .to_owned(),
        };
        match openapiv3::PathItem::deserialize(item) {
            Ok(item) => items.push((name, item)),
            Err(e) => {
                return Err(at.error(
                    &pointer::from_tokens(["x-webhooks", name.as_str()]),
                    format!("not a valid path item: {}", strip_location(&e.to_string())),
                ))
            }
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(items)
}

/// The tree read whole, tracking paths (slower on a large document): what the loader does
/// when [`by_parts`] could not read it, to say where the tree does not match the OpenAPI
/// schema (the deepest object of a known kind that fails on its own).
pub(super) fn tracked(
    tree: &serde_yaml::Value,
    version: Version,
    at: &Locator,
) -> Result<OpenAPI, Error> {
    let schema = match version {
        Version::V30 => "the OpenAPI 3.0 schema",
        Version::V31 => "the OpenAPI schema (3.1 read as 3.0)",
    };
    serde_path_to_error::deserialize(tree).map_err(|e| {
        // Untagged enums and flattened fields hide where inside them the error is: look for
        // the deepest object of a known kind that fails on its own.
        let (pointer, message) = narrow(tree, "", Kind::Root).unwrap_or_else(|| {
            (
                pointer::from_serde_path(e.path()),
                strip_location(&e.inner().to_string()),
            )
        });
        at.error(
            &pointer,
            format!("does not match {schema}: {}", humanize(&message)),
        )
    })
}

/// Deserializes the document with `paths`, `components` and the components' `examples` read
/// on their own, side by side (a thread that finishes its part takes the next), by value: each
/// node is freed as soon as it is read and strings move instead of being copied, so the tree
/// and the document are never both whole in memory (on a large document, that halves the peak);
/// `None` when any part does not match (the caller then reads the whole document again,
/// tracking where it fails). `openapiv3` collects the extensions of each object with
/// `#[serde(flatten)]`, which copies every value below that object into a buffer first:
/// reading the large members directly skips that copy of the whole document, and shares the
/// wait.
pub(super) fn by_parts(value: serde_yaml::Value, threads: &Threads) -> Option<OpenAPI> {
    let serde_yaml::Value::Mapping(mut map) = value else {
        return OpenAPI::deserialize(value).ok();
    };
    let Some(paths) = map.get_mut("paths").map(std::mem::take) else {
        return OpenAPI::deserialize(serde_yaml::Value::Mapping(map)).ok();
    };
    // An empty mapping stands in for `paths` (a required field) while the rest is read.
    map.insert("paths".into(), serde_yaml::Mapping::new().into());
    let mut components = map.remove("components");
    // Taken only from a mapping, which reads as components or fails the read.
    let examples = match &mut components {
        Some(serde_yaml::Value::Mapping(components)) => components.remove("examples"),
        _ => None,
    };
    // The largest part first.
    let parts = [
        Part::Components(components),
        Part::Paths(paths),
        Part::Examples(examples),
        Part::Rest(serde_yaml::Value::Mapping(map)),
    ];
    let read = threads.map(parts, |part| {
        Some(match part {
            Part::Components(None) => Read::Components(None),
            Part::Components(Some(c)) => Read::Components(Some(
                Option::<Box<openapiv3::Components>>::deserialize(c).ok()?,
            )),
            Part::Paths(p) => Read::Paths(openapiv3::Paths::deserialize(p).ok()?),
            Part::Examples(None) => Read::Examples(None),
            Part::Examples(Some(e)) => Read::Examples(Some(
                IndexMap::<String, ReferenceOr<openapiv3::Example>>::deserialize(e).ok()?,
            )),
            Part::Rest(rest) => Read::Rest(Box::new(OpenAPI::deserialize(rest).ok()?)),
        })
    });
    let [Some(Read::Components(components)), Some(Read::Paths(paths)), Some(Read::Examples(examples)), Some(Read::Rest(mut document))] =
        <[Option<Read>; 4]>::try_from(read).ok()?
    else {
        return None;
    };
    document.paths = paths;
    if let Some(mut components) = components.flatten() {
        if let Some(examples) = examples {
            components.examples = examples;
        }
        document.components = Some(*components);
    }
    Some(*document)
}

/// A part of the document [`by_parts`] reads on its own.
enum Part {
    Components(Option<serde_yaml::Value>),
    Paths(serde_yaml::Value),
    Examples(Option<serde_yaml::Value>),
    Rest(serde_yaml::Value),
}

/// A [`Part`], read.
enum Read {
    Components(Option<Option<Box<openapiv3::Components>>>),
    Paths(openapiv3::Paths),
    Examples(Option<IndexMap<String, ReferenceOr<openapiv3::Example>>>),
    Rest(Box<OpenAPI>),
}

/// The kinds of OpenAPI objects [`narrow`] knows the children of.
#[derive(Clone, Copy)]
enum Kind {
    Root,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Schema,
}

/// The deepest object under `value` (at `pointer`, of `kind`) that does not deserialize on its
/// own: its pointer plus the path inside it, and the message.
fn narrow(value: &serde_yaml::Value, pointer: &str, kind: Kind) -> Option<(String, String)> {
    use serde_yaml::Value;
    // A node that deserializes holds no error: only failing nodes are searched further.
    let own = match kind {
        Kind::Root => Err((String::new(), String::new())),
        Kind::Components => check_as::<openapiv3::Components>(value),
        Kind::PathItem => check_as::<openapiv3::ReferenceOr<openapiv3::PathItem>>(value),
        Kind::Operation => check_as::<openapiv3::Operation>(value),
        Kind::Parameter => check_as::<openapiv3::ReferenceOr<openapiv3::Parameter>>(value),
        Kind::RequestBody => check_as::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(value),
        Kind::Response => check_as::<openapiv3::ReferenceOr<openapiv3::Response>>(value),
        Kind::Header => check_as::<openapiv3::ReferenceOr<openapiv3::Header>>(value),
        Kind::MediaType => check_as::<openapiv3::MediaType>(value),
        Kind::Schema => check_as::<openapiv3::ReferenceOr<openapiv3::Schema>>(value),
    };
    if own.is_ok() {
        return None;
    }
    // (field, kind of its value, whether it holds a mapping or list of them)
    let fields: Vec<(&str, Kind, bool)> = match kind {
        Kind::Root => vec![
            ("components", Kind::Components, false),
            ("paths", Kind::PathItem, true),
        ],
        Kind::Components => vec![
            ("schemas", Kind::Schema, true),
            ("parameters", Kind::Parameter, true),
            ("requestBodies", Kind::RequestBody, true),
            ("responses", Kind::Response, true),
            ("headers", Kind::Header, true),
        ],
        Kind::PathItem => std::iter::once(("parameters", Kind::Parameter, true))
            .chain(METHODS.iter().map(|m| (*m, Kind::Operation, false)))
            .collect(),
        Kind::Operation => vec![
            ("parameters", Kind::Parameter, true),
            ("requestBody", Kind::RequestBody, false),
            ("responses", Kind::Response, true),
        ],
        Kind::Parameter | Kind::Header => vec![
            ("schema", Kind::Schema, false),
            ("content", Kind::MediaType, true),
        ],
        Kind::RequestBody => vec![("content", Kind::MediaType, true)],
        Kind::Response => vec![
            ("headers", Kind::Header, true),
            ("content", Kind::MediaType, true),
        ],
        Kind::MediaType => vec![("schema", Kind::Schema, false)],
        Kind::Schema => vec![
            ("properties", Kind::Schema, true),
            ("allOf", Kind::Schema, true),
            ("anyOf", Kind::Schema, true),
            ("oneOf", Kind::Schema, true),
            ("items", Kind::Schema, false),
            ("not", Kind::Schema, false),
            ("additionalProperties", Kind::Schema, false),
        ],
    };
    let mut children: Vec<(String, &Value, Kind)> = Vec::new();
    for (field, child_kind, many) in fields {
        let Some(child) = value.as_mapping().and_then(|m| m.get(field)) else {
            continue;
        };
        let base = pointer::join(pointer, field);
        match child {
            Value::Mapping(items) if many => {
                for (name, item) in items {
                    let name = name.as_str().unwrap_or_default();
                    if !name.starts_with("x-") {
                        children.push((pointer::join(&base, name), item, child_kind));
                    }
                }
            }
            Value::Sequence(items) if many => {
                for (i, item) in items.iter().enumerate() {
                    children.push((format!("{base}/{i}"), item, child_kind));
                }
            }
            Value::Bool(_) if field == "additionalProperties" => {}
            _ if many => {}
            _ => children.push((base, child, child_kind)),
        }
    }
    for (child_pointer, child, child_kind) in children {
        if let Some(found) = narrow(child, &child_pointer, child_kind) {
            return Some(found);
        }
    }
    match kind {
        // The whole document's own error is the caller's.
        Kind::Root => None,
        _ => own
            .err()
            .map(|(inner, message)| (format!("{pointer}{inner}"), message)),
    }
}

fn check_as<'de, T: serde::Deserialize<'de>>(
    value: &'de serde_yaml::Value,
) -> Result<(), (String, String)> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(|_| ())
        .map_err(|e| {
            (
                pointer::from_serde_path(e.path()),
                strip_location(&e.inner().to_string()),
            )
        })
}

/// serde's wording for the user: OpenAPI and YAML names instead of Rust ones.
fn humanize(message: &str) -> String {
    let mut out = message
        .replace("invalid type: map,", "invalid type: mapping,")
        .replace("invalid type: sequence,", "invalid type: list,")
        .replace("expected a sequence", "expected a list")
        .replace("expected usize", "expected a non-negative integer")
        .replace("expected u64", "expected a non-negative integer")
        .replace("expected i64", "expected an integer")
        .replace("expected f64", "expected a number");
    if let Some(at) = out.find("expected struct ") {
        let name: String = out[at + 16..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let rest = out[at + 16 + name.len()..].to_owned();
        out = format!(
            "{}expected {} object (a mapping){rest}",
            &out[..at],
            article(&name)
        );
    }
    if let Some(at) = out.find("data did not match any variant of untagged enum ") {
        let name = out[at + 48..].trim().to_owned();
        out = format!("{}matches none of the forms {name} can take", &out[..at]);
    }
    out
}

fn article(name: &str) -> String {
    let vowel = name.starts_with(['A', 'E', 'I', 'O', 'U']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_read_gives_the_whole_read() {
        let documents = [
            // Components with examples, and without; no components; null components.
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\ncomponents:\n  schemas:\n    A: {type: string}\n  examples:\n    E: {value: {a: 1}}\n",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: string}\n",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents: null\n",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  examples:\n    E: {value: 1}\n",
        ];
        for text in documents {
            let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
            let whole = OpenAPI::deserialize(value.clone()).unwrap();
            assert_eq!(
                by_parts(value, &Threads::available()),
                Some(whole),
                "{text}"
            );
        }
        // A part that does not match fails the whole split read, whichever part it is.
        for broken in [
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  examples: 3\n",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas: 3\n",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: 3\n",
            "openapi: 3.0.3\ninfo: 3\npaths: {}\n",
        ] {
            let value: serde_yaml::Value = serde_yaml::from_str(broken).unwrap();
            assert!(OpenAPI::deserialize(value.clone()).is_err(), "{broken}");
            assert_eq!(by_parts(value, &Threads::available()), None, "{broken}");
        }
    }

    #[test]
    fn humanized_serde_messages() {
        assert_eq!(
            humanize("invalid type: string \"x\", expected struct Schema"),
            "invalid type: string \"x\", expected a Schema object (a mapping)"
        );
        assert_eq!(
            humanize("invalid type: map, expected struct Operation"),
            "invalid type: mapping, expected an Operation object (a mapping)"
        );
        assert_eq!(
            humanize("invalid type: sequence, expected usize"),
            "invalid type: list, expected a non-negative integer"
        );
        assert_eq!(
            humanize("data did not match any variant of untagged enum AdditionalProperties"),
            "matches none of the forms AdditionalProperties can take"
        );
        assert_eq!(humanize("missing field `in`"), "missing field `in`");
    }
}
