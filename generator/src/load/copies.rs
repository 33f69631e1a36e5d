//! Schemas written out more than once are read once.
//!
//! A dereferenced document (GitHub's `api.github.com.deref.json` has every `$ref` replaced by
//! the schema it named) writes the same schema wherever it is used: the 13 MB description
//! becomes 73 MB, and every stage after loading would read, convert and lower each copy. So,
//! after normalising, a schema that would be a named type (it has properties, an enumeration or
//! `allOf`/`oneOf`/`anyOf` parts) and is written out identically at two or more places is kept
//! once: the first copy (in document order) moves to `components/schemas` under a name no
//! component has, and every copy becomes a `$ref` to it.
//!
//! This changes nothing the user sees. Lowering reads a `$ref` to such a moved schema as the
//! schema written in place (see [`Placed::is_copy`]): each place still gets a type named after
//! it, as if it had been lowered there, which `crate::dedupe` merges as it merges any identical
//! types; messages about it name that place. Only the work is done once. Branches of
//! `allOf`/`oneOf`/`anyOf` stay where they are (a `$ref` there names variants and merges parts
//! differently from an inline branch).

use crate::dedupe::Fingerprint;
use crate::{pointer, Threads};
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The moved schemas: each one's name in `components/schemas` → the pointer of its first
/// copy, in the terms of the tree as it was when the copy moved (so possibly inside another
/// moved schema). The names are this pass's own (`copy 1`, `_copy 2`...): nothing in them needs
/// escaping in a pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placed {
    moved: BTreeMap<String, String>,
}

impl Placed {
    /// Whether `name`, a key of `components/schemas`, is a moved schema: a `$ref` to it stands
    /// for the schema written in place.
    pub fn is_copy(&self, name: &str) -> bool {
        self.moved.contains_key(name)
    }

    /// `ptr`, into the rewritten tree, as a pointer into the tree before this pass.
    pub fn original(&self, ptr: &str) -> String {
        // Only a pointer into `components/schemas` can be in a moved schema (most are not:
        // lowering names the places where copies are used).
        let mut ptr = ptr.to_owned();
        // Each step leaves one moved schema (the component the pointer is in); a schema moved out
        // of another one then leads to that one, so the number of steps is bounded by how deeply
        // moved schemas nest.
        for _ in 0..=self.moved.len() {
            let Some(inside) = ptr.strip_prefix("/components/schemas/") else {
                break;
            };
            let (name, rest) = inside.split_at(inside.find('/').unwrap_or(inside.len()));
            let Some(first_copy) = self.moved.get(name) else {
                break;
            };
            ptr = format!("{first_copy}{rest}");
        }
        ptr
    }

    /// How many schemas moved.
    pub fn len(&self) -> usize {
        self.moved.len()
    }

    /// Whether no schema moved.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
    }
}

/// What a node is, for finding schemas in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Document structure outside schemas.
    Outside,
    /// The document's root.
    Root,
    /// `components`.
    Components,
    /// `components/schemas`: the values are component schemas.
    ComponentSchemas,
    /// A schema that stays where it is (a component schema, a branch of `allOf`/`oneOf`/
    /// `anyOf`); its subschemas may move.
    Fixed,
    /// A schema.
    Schema,
    /// `properties`: the values are schemas.
    Properties,
    /// Data (examples, enumerations, extensions...): nothing below is a schema.
    Data,
}

/// What the first pass learned of one schema that may be moved, in document order.
struct Candidate {
    fingerprint: Fingerprint,
    /// How many candidates its subtree holds (skipped with it when it is replaced).
    inner: usize,
}

/// The first pass: the candidates in document order, each with its fingerprint.
struct Survey {
    candidates: Vec<Option<Candidate>>,
}

/// Keys outside schemas whose values hold no schema.
fn is_data_outside(key: &str) -> bool {
    matches!(
        key,
        "example"
            | "examples"
            | "value"
            | "default"
            | "info"
            | "servers"
            | "security"
            | "securitySchemes"
            | "tags"
            | "externalDocs"
            | "links"
    ) || (key.starts_with("x-") && key != "x-webhooks")
}

/// The place of the value of `key` in a mapping at `place`.
fn child_place(place: Place, key: &str) -> Place {
    match place {
        Place::Root if key == "components" => Place::Components,
        Place::Components if key == "schemas" => Place::ComponentSchemas,
        Place::ComponentSchemas => Place::Fixed,
        Place::Root | Place::Components | Place::Outside => {
            if key == "schema" {
                Place::Schema
            } else if is_data_outside(key) {
                Place::Data
            } else {
                Place::Outside
            }
        }
        Place::Schema | Place::Fixed => match key {
            "properties" => Place::Properties,
            "items" | "not" | "additionalProperties" => Place::Schema,
            "allOf" | "oneOf" | "anyOf" => Place::Fixed,
            _ => Place::Data,
        },
        Place::Properties => Place::Schema,
        Place::Data => Place::Data,
    }
}

/// Whether `map`, a schema, may be moved: it would be a named type.
/// One pass over the keys: looking each keyword up would hash it (`Mapping` hashes keys with
/// SipHash), six times for every schema of the document.
fn movable(map: &Mapping) -> bool {
    let mut named = false;
    for (key, value) in map {
        match key.as_str() {
            Some("$ref") => return false,
            Some("properties") => {
                named |= matches!(value, Value::Mapping(p) if !p.is_empty());
            }
            Some("enum" | "allOf" | "oneOf" | "anyOf") => named = true,
            _ => {}
        }
    }
    named
}

impl Survey {
    /// Fingerprints `value` (at `place`, inside a candidate or a candidate itself), recording
    /// the candidates in its subtree in document order.
    fn node(&mut self, value: &Value, place: Place) -> Fingerprint {
        match value {
            Value::Mapping(map) => {
                let slot = (place == Place::Schema && movable(map)).then(|| {
                    self.candidates.push(None);
                    self.candidates.len() - 1
                });
                // A node's fingerprint is made of its kind, its scalars and its children's
                // fingerprints, so each node is hashed once, not once per schema above it.
                let mut parts = Vec::with_capacity(map.len() * 32);
                for (key, child) in map {
                    let key_str = key.as_str().unwrap_or_default();
                    self.node(key, Place::Data).append_to(&mut parts);
                    self.node(child, child_place(place, key_str))
                        .append_to(&mut parts);
                }
                let fingerprint = Fingerprint::of_bytes(b'm', &parts);
                if let Some(slot) = slot {
                    let inner = self.candidates.len() - slot - 1;
                    self.candidates[slot] = Some(Candidate { fingerprint, inner });
                }
                fingerprint
            }
            Value::Sequence(items) => {
                let mut parts = Vec::with_capacity(items.len() * 16);
                for item in items {
                    // Items of `allOf`/`oneOf`/`anyOf` are schemas; items elsewhere are where their
                    // sequence is.
                    self.node(item, place).append_to(&mut parts);
                }
                Fingerprint::of_bytes(b's', &parts)
            }
            Value::String(s) => Fingerprint::of_bytes(b'"', s.as_bytes()),
            Value::Number(n) => Fingerprint::of_bytes(b'n', n.to_string().as_bytes()),
            Value::Bool(b) => Fingerprint::of_bytes(if *b { b't' } else { b'f' }, &[]),
            Value::Null => Fingerprint::of_bytes(b'0', &[]),
            Value::Tagged(tagged) => {
                // The tag, then the value's fingerprint (16 bytes, so the split is unambiguous).
                let mut parts = tagged.tag.to_string().into_bytes();
                self.node(&tagged.value, place).append_to(&mut parts);
                Fingerprint::of_bytes(b'!', &parts)
            }
        }
    }

    /// Records the candidates under `value` (at `place`, outside every candidate), in document
    /// order. Only candidates are fingerprinted (a fingerprint is made of its children's, so
    /// nothing above a candidate needs one), and data (examples, extensions...) is not read: no
    /// candidate is there.
    fn find(&mut self, value: &Value, place: Place) {
        match value {
            _ if place == Place::Data => {}
            Value::Mapping(map) if place == Place::Schema && movable(map) => {
                self.node(value, place);
            }
            Value::Mapping(map) => {
                for (key, child) in map {
                    self.find(child, child_place(place, key.as_str().unwrap_or_default()));
                }
            }
            Value::Sequence(items) => {
                for item in items {
                    self.find(item, place);
                }
            }
            Value::Tagged(tagged) => self.find(&tagged.value, place),
            _ => {}
        }
    }

    /// The candidates of each part of the document ([`parts!`]), surveyed side by side.
    fn of_parts(parts: Vec<Part<&Value>>, threads: &Threads) -> Vec<Survey> {
        threads.map(parts, |part| {
            let mut survey = Survey {
                candidates: Vec::new(),
            };
            survey.find(part.value, part.place);
            survey
        })
    }
}

/// A part of the document that holds no candidate itself: a member of the document, or of
/// `components`. The parts are surveyed and rewritten side by side; their candidates, in
/// order, are the document's.
struct Part<V> {
    /// Its pointer.
    ptr: String,
    value: V,
    place: Place,
}

/// The parts of `doc` ([`Part`]), in document order, to read (`iter`) or change (`iter_mut`).
macro_rules! parts {
    ($doc:expr, $iter:ident) => {{
        let mut parts = Vec::new();
        match $doc {
            Value::Mapping(root) => {
                for (key, value) in root.$iter() {
                    let key = key.as_str().unwrap_or_default();
                    let place = child_place(Place::Root, key);
                    let ptr = pointer::from_tokens([key]);
                    if place != Place::Components || !value.is_mapping() {
                        parts.push(Part { ptr, value, place });
                    } else if let Value::Mapping(members) = value {
                        for (member, value) in members.$iter() {
                            let member = member.as_str().unwrap_or_default();
                            parts.push(Part {
                                ptr: pointer::from_tokens([key, member]),
                                value,
                                place: child_place(place, member),
                            });
                        }
                    }
                }
            }
            doc => parts.push(Part {
                ptr: String::new(),
                value: doc,
                place: Place::Root,
            }),
        }
        parts
    }};
}

/// What the rewrite does with a candidate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    /// Leaves it (its subschemas may move).
    Keep,
    /// Replaces it by a reference to moved schema number `n`: it is a later copy, and the
    /// `inner` candidates inside it go with it.
    Refer { n: usize, inner: usize },
    /// Moves it to `components/schemas` as moved schema number `n`: it is the first copy.
    Move(usize),
}

/// What the rewrite does with each candidate, and the moved schemas' names, decided in
/// document order. The candidates inside a later copy are never reached (the copy is replaced
/// whole), so their acts are not read.
fn decide(
    candidates: &[Option<Candidate>],
    mut taken: BTreeSet<String>,
) -> (Vec<Act>, Vec<String>) {
    let mut counts: HashMap<Fingerprint, usize> = HashMap::new();
    for candidate in candidates.iter().flatten() {
        *counts.entry(candidate.fingerprint).or_default() += 1;
    }
    let mut acts = vec![Act::Keep; candidates.len()];
    let mut names: Vec<String> = Vec::new();
    // Fingerprint → the moved schema it is read as.
    let mut placed: HashMap<Fingerprint, usize> = HashMap::new();
    let mut next = 0;
    while let Some(slot) = candidates.get(next) {
        let Some(candidate) = slot else {
            next += 1;
            continue;
        };
        if let Some(&n) = placed.get(&candidate.fingerprint) {
            acts[next] = Act::Refer {
                n,
                inner: candidate.inner,
            };
            next += 1 + candidate.inner;
            continue;
        }
        if counts
            .get(&candidate.fingerprint)
            .is_some_and(|&count| count >= 2)
        {
            let mut name = format!("copy {}", names.len() + 1);
            while taken.contains(&name) {
                name.insert(0, '_');
            }
            taken.insert(name.clone());
            placed.insert(candidate.fingerprint, names.len());
            acts[next] = Act::Move(names.len());
            names.push(name);
        }
        next += 1;
    }
    (acts, names)
}

/// The second pass over one part: replaces copies, moving first copies out.
struct Rewrite<'a> {
    acts: &'a [Act],
    names: &'a [String],
    /// The next candidate, in document order.
    next: usize,
    /// The part's last candidate that is a copy: after it, nothing changes.
    last: usize,
    /// The moved schemas, in the order they were taken out: (number, schema).
    moved: Vec<(usize, Value)>,
    /// Each moved schema's number → the pointer of its first copy.
    first_copies: Vec<(usize, String)>,
}

impl Rewrite<'_> {
    fn reference(name: &str) -> Value {
        let mut map = Mapping::new();
        map.insert(
            "$ref".into(),
            Value::String(format!(
                "#{}",
                pointer::from_tokens(["components", "schemas", name])
            )),
        );
        Value::Mapping(map)
    }

    fn node(&mut self, value: &mut Value, place: Place, ptr: &mut String) {
        if self.next > self.last {
            return;
        }
        match value {
            Value::Mapping(map) => {
                if place == Place::Schema && movable(map) {
                    // The two passes meet the same candidates in the same order.
                    let Some(&act) = self.acts.get(self.next) else {
                        return;
                    };
                    self.next += 1;
                    match act {
                        Act::Keep => {}
                        Act::Refer { n, inner } => {
                            *value = Self::reference(&self.names[n]);
                            self.next += inner;
                            return;
                        }
                        Act::Move(n) => {
                            let name = &self.names[n];
                            let mut schema = std::mem::replace(value, Self::reference(name));
                            let mut at = pointer::from_tokens(["components", "schemas", name]);
                            self.first_copies.push((n, ptr.clone()));
                            if let Value::Mapping(map) = &mut schema {
                                self.children(map, place, &mut at);
                            }
                            self.moved.push((n, schema));
                            return;
                        }
                    }
                }
                self.children(map, place, ptr);
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = ptr.len();
                    pointer::push_index(ptr, i);
                    self.node(item, place, ptr);
                    ptr.truncate(len);
                }
            }
            Value::Tagged(tagged) => self.node(&mut tagged.value, place, ptr),
            _ => {}
        }
    }

    fn children(&mut self, map: &mut Mapping, place: Place, ptr: &mut String) {
        for (key, child) in map.iter_mut() {
            let child_place = child_place(place, key.as_str().unwrap_or_default());
            if child_place == Place::Data {
                continue;
            }
            let len = ptr.len();
            pointer::push(ptr, key.as_str().unwrap_or_default());
            self.node(child, child_place, ptr);
            ptr.truncate(len);
        }
    }
}

/// Reads every named schema written out more than once as one component (see the module
/// docs); returns where the moved schemas came from.
pub fn collapse(doc: &mut Value, threads: &Threads) -> Placed {
    let surveys = Survey::of_parts(parts!(&*doc, iter), threads);
    let mut ends = Vec::with_capacity(surveys.len());
    let mut candidates = Vec::new();
    for survey in surveys {
        candidates.extend(survey.candidates);
        ends.push(candidates.len());
    }
    let taken = doc
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping)
        .map(|schemas| {
            schemas
                .keys()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let (acts, names) = decide(&candidates, taken);
    if names.is_empty() {
        return Placed::default();
    }
    // Each part with its candidates' range.
    let mut start = 0;
    let parts: Vec<_> = parts!(&mut *doc, iter_mut)
        .into_iter()
        .zip(ends)
        .map(|(part, end)| {
            let range = start..end;
            start = end;
            (part, range)
        })
        .collect();
    let rewritten = threads.map(parts, |(part, range)| {
        let Part {
            mut ptr,
            value,
            place,
        } = part;
        let copies = acts.get(range.clone()).unwrap_or_default();
        let Some(last) = copies.iter().rposition(|act| *act != Act::Keep) else {
            return (Vec::new(), Vec::new());
        };
        let mut rewrite = Rewrite {
            acts: &acts,
            names: &names,
            next: range.start,
            last: range.start + last,
            moved: Vec::new(),
            first_copies: Vec::new(),
        };
        rewrite.node(value, place, &mut ptr);
        (rewrite.moved, rewrite.first_copies)
    });
    let mut first_copies = BTreeMap::new();
    let mut moved = Vec::new();
    for (part_moved, part_first_copies) in rewritten {
        moved.extend(part_moved);
        for (n, ptr) in part_first_copies {
            first_copies.insert(names[n].clone(), ptr);
        }
    }
    if let Value::Mapping(root) = doc {
        let components = root
            .entry("components".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if let Value::Mapping(components) = components {
            let schemas = components
                .entry("schemas".into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if let Value::Mapping(schemas) = schemas {
                for (n, schema) in moved {
                    schemas.insert(names[n].clone().into(), schema);
                }
            }
        }
    }
    Placed {
        moved: first_copies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    const PET: &str = "{type: object, properties: {name: {type: string}, age: {type: integer}}}";

    #[test]
    fn repeated_schemas_move_once_and_every_copy_refers_to_them() {
        let mut doc = yaml(&format!(
            "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {PET}\n  /b:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {{type: array, items: {PET}}}\n"
        ));
        let placed = collapse(&mut doc, &Threads::available());
        assert_eq!(placed.len(), 1);
        assert!(placed.is_copy("copy 1"));
        let copy = "{$ref: '#/components/schemas/copy 1'}";
        let expected = yaml(&format!(
            "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {copy}\n  /b:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {{type: array, items: {copy}}}\ncomponents:\n  schemas:\n    copy 1: {PET}\n"
        ));
        assert_eq!(doc, expected);
        // Messages about the moved schema name its first place.
        assert_eq!(
            placed.original("/components/schemas/copy 1/properties/age"),
            "/paths/~1a/get/responses/200/content/application~1json/schema/properties/age"
        );
        assert_eq!(placed.original("/paths/~1b"), "/paths/~1b");
    }

    #[test]
    fn schemas_inside_a_moved_schema_move_too_and_lead_back_through_it() {
        let inner = "{type: object, properties: {x: {type: integer}}}";
        let outer = format!("{{type: object, properties: {{p: {inner}, q: {{type: string}}}}}}");
        let mut doc = yaml(&format!(
            "components:\n  schemas:\n    A: {{type: object, properties: {{one: {outer}, two: {outer}, three: {inner}}}}}\n"
        ));
        let placed = collapse(&mut doc, &Threads::available());
        assert_eq!(placed.len(), 2);
        // The outer schema moved first; the inner one moved out of it.
        assert_eq!(
            placed.original("/components/schemas/copy 2/properties/x"),
            "/components/schemas/A/properties/one/properties/p/properties/x"
        );
        let moved = &doc["components"]["schemas"]["copy 1"]["properties"]["p"];
        assert_eq!(moved, &yaml("{$ref: '#/components/schemas/copy 2'}"));
        assert_eq!(
            doc["components"]["schemas"]["A"]["properties"]["three"],
            yaml("{$ref: '#/components/schemas/copy 2'}")
        );
    }

    #[test]
    fn branches_data_scalars_and_single_schemas_stay() {
        let text = format!(
            "components:\n  schemas:\n    A:\n      oneOf: [{PET}, {{type: string}}]\n    B:\n      allOf: [{PET}]\n      example: {PET}\n      properties:\n        when: {{type: string, format: date-time}}\n        also: {{type: string, format: date-time}}\n        pet: {PET}\n    C: {PET}\n"
        );
        let mut doc = yaml(&text);
        let placed = collapse(&mut doc, &Threads::available());
        // The branches and the example stay, the date-time strings are no named type, the
        // component stays a component, and `pet` is the only copy left: nothing moves.
        assert!(placed.is_empty());
        assert_eq!(doc, yaml(&text));
    }

    #[test]
    fn copies_in_different_parts_of_the_document_are_numbered_in_document_order() {
        // `paths`, `components/responses` and `components/schemas` are surveyed side by side;
        // the first copy and the numbering still follow the document.
        let other = "{type: object, properties: {id: {type: integer}}}";
        let mut doc = yaml(&format!(
            "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {other}\ncomponents:\n  responses:\n    R:\n      content:\n        application/json:\n          schema: {PET}\n  examples:\n    E: {{value: {{schema: {PET}}}}}\n  schemas:\n    A: {{properties: {{p: {PET}, o: {other}}}}}\n"
        ));
        let placed = collapse(&mut doc, &Threads::available());
        assert_eq!(placed.len(), 2);
        assert_eq!(
            placed.original("/components/schemas/copy 1"),
            "/paths/~1a/get/responses/200/content/application~1json/schema"
        );
        assert_eq!(
            placed.original("/components/schemas/copy 2"),
            "/components/responses/R/content/application~1json/schema"
        );
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["A"]["properties"]["o"],
            yaml("{$ref: '#/components/schemas/copy 1'}")
        );
        assert_eq!(
            schemas["A"]["properties"]["p"],
            yaml("{$ref: '#/components/schemas/copy 2'}")
        );
        // An example is data, even when it looks like a schema.
        assert_eq!(
            doc["components"]["examples"]["E"]["value"]["schema"],
            yaml(PET)
        );
    }

    #[test]
    fn a_name_a_component_has_is_not_taken() {
        let mut doc = yaml(&format!(
            "components:\n  schemas:\n    copy 1: {{type: string}}\n    A: {{properties: {{a: {PET}, b: {PET}}}}}\n"
        ));
        let placed = collapse(&mut doc, &Threads::available());
        assert!(placed.is_copy("_copy 1"));
        assert!(!placed.is_copy("copy 1"));
        assert_eq!(
            doc["components"]["schemas"]["copy 1"],
            yaml("{type: string}")
        );
    }
}
