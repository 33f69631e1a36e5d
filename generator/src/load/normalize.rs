//! Preparing the YAML tree for `openapiv3`: one pass that turns an OpenAPI 3.1 document into the
//! 3.0 model, plus the structural checks that `openapiv3` would otherwise skip silently.
//!
//! [`load`](super::load) runs three steps on the `serde_yaml::Value` tree before deserializing it
//! (the tree, not `serde_json::Value`, so that mapping order is kept):
//!
//! 1. [`plain`] (every version): YAML merge keys (`<<`) are applied, tags (`!foo`) are stripped,
//!    number or boolean mapping keys become strings (`200:` means `'200':`), and `.nan`/`.inf`
//!    are rejected (JSON has no such numbers; `openapiv3` panics on them).
//! 2. [`check`] (every version): the positions `openapiv3` reads leniently are checked, so that
//!    a typo is an error with a precise pointer instead of a silent drop: the top level, `paths`
//!    and path items, operations, `parameters` and `responses` must have the right shape, paths
//!    must start with `/`, response keys must be status codes.
//! 3. [`normalize`]: checks that every schema's `type` names JSON types and, for 3.1.x only,
//!    rewrites what OpenAPI 3.1 / JSON Schema 2020-12 says differently from 3.0. Pointers of
//!    untouched nodes stay those of the user's file; where a node moves (into a new `allOf`,
//!    a renumbered branch, a merged branch), [`Moves`] turns pointers into the rewritten tree
//!    back into pointers into the user's file, for messages and type origins. In schemas:
//!    - `type: [T, 'null']` (or unquoted YAML `null`) → `type: T` + `nullable: true`;
//!      `type: [T]` → `type: T`;
//!      `type: 'null'` (or `['null']`) → `nullable: true` + `enum: [null]`;
//!      several non-null types → `anyOf` with one branch per type, each keeping the keywords
//!      that apply to its type (`minLength` to `string`, `minimum` to numbers, ...);
//!    - `anyOf`/`oneOf` branches that only allow `null` are removed and make the schema
//!      `nullable`; a single remaining branch is merged into the schema when it is inline and
//!      shares no keyword with it, or becomes `allOf: [branch]` otherwise (one-part `allOf`
//!      is the 3.0 way to say "this `$ref`, nullable");
//!    - `const: v` → `enum: [v]` (with `type` inferred from `v` when absent);
//!    - numeric `exclusiveMinimum: n` → `minimum: n` + `exclusiveMinimum: true` (unless a
//!      larger `minimum` already makes it redundant), the same for `exclusiveMaximum`;
//!    - `examples: [a, ...]` → `example: a`;
//!    - `contentEncoding: base64` → `format: byte`, `contentMediaType` → `format: binary`;
//!    - `true` / `false` schemas → `{}` / `{not: {}}`;
//!    - `prefixItems` → `items` (the one schema, or `anyOf` of them);
//!      `unevaluatedProperties` and `patternProperties` → `additionalProperties` when absent;
//!    - `$ref` with sibling keywords: annotations (`description`, `default`, ...) are left for
//!      `openapiv3` to ignore as in 3.0; `additionalProperties: true` and a `type` equal to the
//!      target's are dropped as redundant; `nullable: true` or a `'null'` type, or any other
//!      keyword, turns the schema into `allOf: [{$ref}]` plus the keywords;
//!    - keywords 3.0 cannot express (`if`/`then`/`else`, `dependentSchemas`, `contains`,
//!      `propertyNames`, `$defs`, ...) are removed, each with a [`Note`].
//!
//!    Outside schemas: `webhooks`, `jsonSchemaDialect`, `info.summary`,
//!    `info.license.identifier` are removed; paths that are `$ref`s to `components/pathItems`
//!    are inlined and `components.pathItems` removed; a missing `paths` becomes `{}`;
//!    `openapi` becomes `3.0.3`.
//!
//! Whatever changes meaning (rather than spelling) is reported as a [`Note`] naming the pointer.

use super::METHODS;
use crate::{pointer, Threads};
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;

/// Something [`normalize`] did that changes what the document says (a dropped keyword, a
/// looser type), at a JSON pointer of the user's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub pointer: String,
    pub message: String,
}

/// Where normalisation moved nodes: (pointer in the rewritten tree, pointer of the same node in
/// the user's document), for nodes moved into a new `allOf`, branches renumbered after `null`
/// branches were removed, keywords of a branch merged into its schema, schemas split into
/// `anyOf` branches per type, and path items written in `components/pathItems`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moves(Vec<(String, String)>);

impl Moves {
    fn record(&mut self, new: String, old: String) {
        if new != old {
            self.0.push((new, old));
        }
    }

    /// Longest rewritten pointer first (a stable sort keeps the walk order among equals).
    fn sorted(mut self) -> Moves {
        self.0.sort_by_key(|(new, _)| std::cmp::Reverse(new.len()));
        self
    }

    /// `pointer`, into the rewritten tree, as a pointer into the user's document. Moves nested
    /// in moved nodes were recorded in rewritten terms, so the innermost applies first, then
    /// only moves of shorter prefixes.
    pub fn original(&self, pointer: &str) -> String {
        let mut pointer = pointer.to_string();
        let mut limit = usize::MAX;
        for (new, old) in &self.0 {
            if new.len() >= limit {
                continue;
            }
            if let Some(rest) = pointer::strip_prefix(&pointer, new) {
                pointer = format!("{old}{rest}");
                limit = new.len();
            }
        }
        pointer
    }
}

/// A problem found while preparing the tree: the document cannot be read as OpenAPI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
    /// What went wrong, for callers that act on it (the message is for people).
    pub kind: ProblemKind,
}

/// The kinds of [`Problem`] that a caller may treat differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The node at the problem's pointer is not what OpenAPI allows there.
    Document,
    /// A YAML merge key (`<<`) could not be applied. `serde_yaml` does not say which one, so the
    /// pointer is empty: the caller may look for a merge key in the text instead.
    MergeKey,
}

fn problem(pointer: &str, message: impl Into<String>) -> Problem {
    Problem {
        pointer: pointer.to_string(),
        message: message.into(),
        kind: ProblemKind::Document,
    }
}

/// The OpenAPI versions the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// 3.0.x: read as is.
    V30,
    /// 3.1.x: normalised to 3.0 first.
    V31,
}

/// Reads the `openapi` field of a document.
pub fn version(doc: &Value) -> Result<Version, Problem> {
    let Some(root) = doc.as_mapping() else {
        return Err(problem(
            "",
            format!(
                "the document must be a mapping of OpenAPI fields, found {}",
                kind(doc)
            ),
        ));
    };
    let field =
        match root.get("openapi") {
            Some(field) => field,
            None if root.contains_key("swagger") => return Err(problem(
                "/swagger",
                "Swagger 2.0 documents are not supported; convert the document to OpenAPI 3 first",
            )),
            None => {
                return Err(problem(
                    "/openapi",
                    "missing `openapi` version field: not an OpenAPI 3 document",
                ))
            }
        };
    let text = match field {
        Value::String(text) => text,
        Value::Number(n) => {
            return Err(problem(
                "/openapi",
                format!(
                "`openapi` must be a string: write `openapi: '{n}.0'` (YAML reads {n} as a number)"
            ),
            ))
        }
        other => {
            return Err(problem(
                "/openapi",
                format!(
                    "`openapi` must be a version string such as '3.1.0', found {}",
                    kind(other)
                ),
            ))
        }
    };
    let minor = |prefix: &str| text == prefix || text.starts_with(&format!("{prefix}."));
    if minor("3.0") {
        Ok(Version::V30)
    } else if minor("3.1") {
        Ok(Version::V31)
    } else {
        Err(problem(
            "/openapi",
            format!("OpenAPI version {text} is not supported; expected 3.0.x or 3.1.x"),
        ))
    }
}

/// How a value is named in messages.
pub fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) if s.chars().count() > 40 => "a string".into(),
        Value::String(s) => format!("a string ({s:?})"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(t) => kind(&t.value),
    }
}

/// Step 1: applies merge keys, strips tags and turns scalar keys into strings.
pub fn plain(doc: &mut Value) -> Result<(), Problem> {
    doc.apply_merge().map_err(|e| Problem {
        pointer: String::new(),
        message: format!("cannot apply the YAML merge key `<<`: {e}"),
        kind: ProblemKind::MergeKey,
    })?;
    plain_node(doc)
}

/// The problem's pointer is relative to `value`: each level puts its token in front as the
/// problem goes up (building the pointer of every node on the way down cost more than the
/// rest of this walk).
fn plain_node(value: &mut Value) -> Result<(), Problem> {
    while let Value::Tagged(tagged) = value {
        let inner = std::mem::take(&mut tagged.value);
        *value = inner;
    }
    match value {
        // Not JSON numbers; `openapiv3` would also panic on them (it reads them as null).
        Value::Number(n) if n.is_nan() || n.is_infinite() => {
            return Err(problem(
                "",
                format!("`{n}` is not a number JSON can hold: use a finite number"),
            ));
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                plain_node(item).map_err(|p| within(&i.to_string(), p))?;
            }
        }
        Value::Mapping(map) => {
            let needs_rewrite = map.keys().any(|k| !k.is_string());
            if needs_rewrite {
                let old = std::mem::take(map);
                for (key, item) in old {
                    let key = match key {
                        Value::String(s) => s,
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        other => {
                            return Err(problem(
                                "",
                                format!("a mapping key must be a string, found {}", kind(&other)),
                            ))
                        }
                    };
                    if map.contains_key(key.as_str()) {
                        return Err(problem(
                            &pointer::join("", &key),
                            format!("duplicate key `{key}` (written once quoted and once not)"),
                        ));
                    }
                    map.insert(Value::String(key), item);
                }
            }
            for (key, item) in map.iter_mut() {
                plain_node(item).map_err(|p| within(key.as_str().unwrap_or_default(), p))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `problem`, found in the member `token` of a node, relative to that node.
fn within(token: &str, mut problem: Problem) -> Problem {
    problem.pointer = format!("{}{}", pointer::from_tokens([token]), problem.pointer);
    problem
}

/// Step 2: checks the shapes that `openapiv3` skips or reports without a precise pointer.
pub fn check(doc: &Value) -> Result<(), Problem> {
    let Some(root) = doc.as_mapping() else {
        return Err(problem(
            "",
            format!(
                "the document must be a mapping of OpenAPI fields, found {}",
                kind(doc)
            ),
        ));
    };
    for field in ["info", "components"] {
        if let Some(value) = root.get(field).filter(|v| !v.is_mapping()) {
            return Err(problem(
                &format!("/{field}"),
                format!("`{field}` must be a mapping, found {}", kind(value)),
            ));
        }
    }
    let Some(paths) = root.get("paths") else {
        return Ok(());
    };
    let Some(paths) = paths.as_mapping() else {
        return Err(problem(
            "/paths",
            format!(
                "`paths` must be a mapping of paths to Path Items, found {}",
                kind(paths)
            ),
        ));
    };
    for (path, item) in paths {
        let path = path.as_str().unwrap_or_default();
        if path.starts_with("x-") {
            continue;
        }
        let ptr = pointer::join("/paths", path);
        if !path.starts_with('/') {
            return Err(problem(
                &ptr,
                format!("path `{path}` must start with `/` (extensions start with `x-`)"),
            ));
        }
        let Some(item) = item.as_mapping() else {
            return Err(problem(
                &ptr,
                format!(
                    "a path must map to a Path Item (a mapping of HTTP methods to operations), found {}",
                    kind(item)
                ),
            ));
        };
        check_parameters(item.get("parameters"), &ptr)?;
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let ptr = format!("{ptr}/{method}");
            let Some(operation) = operation.as_mapping() else {
                return Err(problem(
                    &ptr,
                    format!(
                        "`{method}` must be an Operation (a mapping), found {}",
                        kind(operation)
                    ),
                ));
            };
            check_parameters(operation.get("parameters"), &ptr)?;
            check_responses(operation.get("responses"), &ptr)?;
        }
    }
    Ok(())
}

fn check_parameters(parameters: Option<&Value>, ptr: &str) -> Result<(), Problem> {
    let Some(parameters) = parameters else {
        return Ok(());
    };
    let ptr = format!("{ptr}/parameters");
    let Some(list) = parameters.as_sequence() else {
        return Err(problem(
            &ptr,
            format!("`parameters` must be a list, found {}", kind(parameters)),
        ));
    };
    for (i, parameter) in list.iter().enumerate() {
        if !parameter.is_mapping() {
            return Err(problem(
                &format!("{ptr}/{i}"),
                format!("a parameter must be a mapping, found {}", kind(parameter)),
            ));
        }
    }
    Ok(())
}

fn check_responses(responses: Option<&Value>, ptr: &str) -> Result<(), Problem> {
    let Some(responses) = responses else {
        return Ok(());
    };
    let ptr = format!("{ptr}/responses");
    let Some(map) = responses.as_mapping() else {
        return Err(problem(
            &ptr,
            format!(
                "`responses` must be a mapping of status codes to responses, found {}",
                kind(responses)
            ),
        ));
    };
    for (key, response) in map {
        let key = key.as_str().unwrap_or_default();
        if key.starts_with("x-") {
            continue;
        }
        let ptr = pointer::join(&ptr, key);
        if !is_status_key(key) {
            return Err(problem(
                &ptr,
                format!("response key `{key}` is not a status code (100 to 599), a range such as `2XX`, or `default`"),
            ));
        }
        if !response.is_mapping() {
            return Err(problem(
                &ptr,
                format!("a response must be a mapping, found {}", kind(response)),
            ));
        }
    }
    Ok(())
}

fn is_status_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    key == "default"
        || (bytes.len() == 3
            && (b'1'..=b'5').contains(&bytes[0])
            && (bytes[1..].iter().all(u8::is_ascii_digit)
                || bytes[1..].iter().all(|b| *b == b'X' || *b == b'x')))
}

/// Keywords of a `$ref` sibling that only annotate (3.0 ignores them next to `$ref`).
const ANNOTATIONS: [&str; 10] = [
    "description",
    "title",
    "summary",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
];

/// JSON Schema keywords that 3.0 has no equivalent for: removed, with a note.
const DROPPED: [&str; 11] = [
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "$dynamicRef",
];

/// Identifiers and comments: removed silently.
const IGNORED: [&str; 7] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$vocabulary",
    "contentSchema",
];

/// Step 3: rewrites a 3.1 document in the 3.0 model (see the module docs) and checks the
/// `type` of every schema (of a 3.0 document too: `openapiv3` takes any word). Returns what
/// changed meaning, or the first problem found.
pub fn normalize(doc: &mut Value, version: Version) -> Result<Vec<Note>, Problem> {
    normalize_with_moves(doc, version, &Threads::one()).map(|(notes, _)| notes)
}

/// [`normalize`], also returning where nodes were moved, to give pointers into the rewritten
/// tree back in terms of the user's document.
pub fn normalize_with_moves(
    doc: &mut Value,
    version: Version,
    threads: &Threads,
) -> Result<(Vec<Note>, Moves), Problem> {
    let no_targets = HashMap::new();
    let mut n = Normalizer::new(version == Version::V31, &no_targets);
    let Some(root) = doc.as_mapping_mut() else {
        return Ok((n.notes, n.moves));
    };
    let mut targets = HashMap::new();
    if n.v31 {
        rewrite_root(root, &mut n, &mut targets)?;
    }
    // The members of the document, and those of `components`, are walked side by side, each
    // by a normalizer of its own; their notes and moves follow the document's order.
    let mut parts = Vec::new();
    for (key, item) in root.iter_mut() {
        let key = key.as_str().unwrap_or_default();
        if key != "components" || !item.is_mapping() {
            parts.push((String::new(), key, item, false));
        } else if let Value::Mapping(members) = item {
            for (member, item) in members.iter_mut() {
                let member = member.as_str().unwrap_or_default();
                let ptr = "/components".to_owned();
                parts.push((ptr, member, item, true));
            }
        }
    }
    let walked = threads.map(parts, |(mut ptr, key, item, in_components)| {
        let mut walker = Normalizer::new(version == Version::V31, &targets);
        walker.member(key, item, &mut ptr, in_components);
        walker
    });
    for walker in walked {
        if let Some(problem) = walker.problem {
            return Err(problem);
        }
        n.notes.extend(walker.notes);
        n.moves.0.extend(walker.moves.0);
    }
    if let Some(root) = doc.as_mapping_mut() {
        finish_webhooks(root, &mut n.moves);
    }
    Ok((n.notes, n.moves.sorted()))
}

/// The document-level part of the 3.1 rewrite.
fn rewrite_root(
    root: &mut Mapping,
    n: &mut Normalizer,
    targets: &mut HashMap<String, String>,
) -> Result<(), Problem> {
    root.insert("openapi".into(), "3.0.3".into());
    // `webhooks` stay through the walk (their schemas are normalized like the others) and are
    // moved to `x-webhooks` afterwards (`finish_webhooks`), where the 3.0 model keeps them as
    // an extension for lowering.
    root.remove("jsonSchemaDialect");
    if let Some(Value::Mapping(info)) = root.get_mut("info") {
        info.remove("summary");
        if let Some(Value::Mapping(license)) = info.get_mut("license") {
            license.remove("identifier");
        }
    }
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    inline_path_items(root, &mut n.moves)?;
    // 3.1 lets an operation document no responses; 3.0 wants the (possibly empty) map.
    for section in ["paths", "webhooks"] {
        let Some(Value::Mapping(items)) = root.get_mut(section) else {
            continue;
        };
        for item in items.values_mut() {
            let Value::Mapping(item) = item else { continue };
            for method in METHODS {
                if let Some(Value::Mapping(op)) = item.get_mut(method) {
                    if !op.contains_key("responses") {
                        op.insert("responses".into(), Value::Mapping(Mapping::new()));
                    }
                }
            }
        }
    }
    // `mutualTLS` (3.1) is set up on the HTTP client, not per request: the 3.0 model has no
    // such scheme, so it is dropped with a note saying where the certificate goes, and the
    // requirements stop naming it (what else they name is still sent).
    let mut mutual: Vec<Value> = Vec::new();
    if let Some(Value::Mapping(schemes)) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    {
        mutual = schemes
            .iter()
            .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
            .map(|(name, _)| name.clone())
            .collect();
        for name in &mutual {
            schemes.remove(name);
            n.note(
                &pointer::join("/components/securitySchemes", name.as_str().unwrap_or_default()),
                "`mutualTLS` security scheme: give the client certificate to the `reqwest::Client` \
                 passed to `ClientBuilder::http_client` (`reqwest::Identity`)",
            );
        }
    }
    if !mutual.is_empty() {
        let unname = |security: Option<&mut Value>| {
            if let Some(Value::Sequence(requirements)) = security {
                for requirement in requirements {
                    if let Value::Mapping(requirement) = requirement {
                        requirement.retain(|name, _| !mutual.contains(name));
                    }
                }
            }
        };
        unname(root.get_mut("security"));
        if let Some(Value::Mapping(paths)) = root.get_mut("paths") {
            for item in paths.values_mut() {
                let Value::Mapping(item) = item else { continue };
                for method in METHODS {
                    unname(item.get_mut(method).and_then(|op| op.get_mut("security")));
                }
            }
        }
    }
    if let Some(Value::Mapping(schemas)) = root.get("components").and_then(|c| c.get("schemas")) {
        for (name, schema) in schemas {
            let ty = schema.get("type").and_then(Value::as_str);
            if let (Some(name), Some(ty)) = (name.as_str(), ty) {
                targets.insert(format!("#/components/schemas/{name}"), ty.to_owned());
            }
        }
    }
    Ok(())
}

/// Moves the normalized `webhooks` to the extension `x-webhooks`, which the 3.0 model keeps
/// (and where 3.0 documents such as GitHub's put them), and records the move so that pointers
/// into them are reported in the user's terms.
fn finish_webhooks(root: &mut Mapping, moves: &mut Moves) {
    if let Some(hooks) = root.remove("webhooks") {
        root.insert("x-webhooks".into(), hooks);
        // Moves inside the webhooks were recorded under `/webhooks`: they now sit under
        // `/x-webhooks`, and the rename itself applies last (it is the shortest).
        for (new, _) in &mut moves.0 {
            if let Some(rest) = pointer::strip_prefix(new, "/webhooks") {
                *new = format!("/x-webhooks{rest}");
            }
        }
        moves.record("/x-webhooks".into(), "/webhooks".into());
    }
}

/// Replaces paths (and webhooks) that are `$ref: '#/components/pathItems/X'` with X, then
/// removes `pathItems`; each copy is recorded as moved from X, so that what is found in it is
/// reported where the user wrote it.
fn inline_path_items(root: &mut Mapping, moves: &mut Moves) -> Result<(), Problem> {
    let items = match root.get_mut("components") {
        Some(Value::Mapping(components)) => components.remove("pathItems"),
        _ => None,
    };
    let items = match items {
        Some(Value::Mapping(items)) => items,
        _ => Mapping::new(),
    };
    for section in ["webhooks", "paths"] {
        let Some(Value::Mapping(entries)) = root.get_mut(section) else {
            continue;
        };
        for (key, item) in entries.iter_mut() {
            let target = item
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/pathItems/"))
                .map(str::to_owned);
            let Some(target) = target else { continue };
            let at = pointer::join(&format!("/{section}"), key.as_str().unwrap_or_default());
            match items.get(target.as_str()) {
                Some(found) => {
                    *item = found.clone();
                    moves.record(at, pointer::join("/components/pathItems", &target));
                }
                None => {
                    return Err(problem(
                        &at,
                        format!("`$ref: #/components/pathItems/{target}` points to no path item in components/pathItems"),
                    ))
                }
            }
        }
    }
    Ok(())
}

struct Normalizer<'t> {
    /// Rewrite (3.1), or only check (3.0).
    v31: bool,
    /// The first problem found; the walk stops there.
    problem: Option<Problem>,
    notes: Vec<Note>,
    moves: Moves,
    /// `#/components/schemas/X` → X's `type`, to spot redundant `type` siblings of `$ref`.
    target_types: &'t HashMap<String, String>,
}

impl<'t> Normalizer<'t> {
    fn new(v31: bool, target_types: &'t HashMap<String, String>) -> Self {
        Normalizer {
            v31,
            problem: None,
            notes: Vec::new(),
            moves: Moves::default(),
            target_types,
        }
    }

    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.notes.push(Note {
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }

    /// Outside schemas: finds the places where schemas live.
    fn walk(&mut self, value: &mut Value, ptr: &mut String) {
        if self.problem.is_some() {
            return;
        }
        match value {
            Value::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = ptr.len();
                    pointer::push_index(ptr, i);
                    self.walk(item, ptr);
                    ptr.truncate(len);
                }
            }
            Value::Mapping(map) => {
                let in_components = ptr == "/components";
                for (key, item) in map.iter_mut() {
                    self.member(key.as_str().unwrap_or_default(), item, ptr, in_components);
                }
            }
            _ => {}
        }
    }

    /// The member `key` of the mapping at `ptr` (which is `components` when `in_components`).
    fn member(&mut self, key: &str, item: &mut Value, ptr: &mut String, in_components: bool) {
        if self.problem.is_some() {
            return;
        }
        let len = ptr.len();
        pointer::push(ptr, key);
        match key {
            "schema" => self.schema(item, ptr),
            "schemas" if in_components => {
                if let Value::Mapping(schemas) = item {
                    for (name, schema) in schemas.iter_mut() {
                        let len = ptr.len();
                        pointer::push(ptr, name.as_str().unwrap_or_default());
                        self.schema(schema, ptr);
                        ptr.truncate(len);
                    }
                }
            }
            // Data, not document structure: never rewritten.
            "example" | "examples" | "value" | "default" | "info" | "servers" | "security"
            | "securitySchemes" | "tags" | "externalDocs" | "links" => {}
            _ if key.starts_with("x-") => {}
            _ => self.walk(item, ptr),
        }
        ptr.truncate(len);
    }

    /// One schema and, recursively, its subschemas.
    fn schema(&mut self, value: &mut Value, ptr: &mut String) {
        if self.problem.is_some() {
            return;
        }
        if let Value::Mapping(map) = value {
            if !self.v31 {
                self.null_type_in_30(map, ptr);
            }
            if let Err(problem) = self.check_schema(map, ptr) {
                self.problem = Some(problem);
                return;
            }
            if !self.v31 {
                self.subschemas(map, ptr);
                return;
            }
        }
        if !self.v31 {
            return;
        }
        match value {
            Value::Bool(true) => *value = Value::Mapping(Mapping::new()),
            Value::Bool(false) => {
                let mut never = Mapping::new();
                never.insert("not".into(), Value::Mapping(Mapping::new()));
                *value = Value::Mapping(never);
            }
            _ => {}
        }
        let Value::Mapping(map) = value else { return };
        self.reference_siblings(map, ptr);
        for key in ["anyOf", "oneOf"] {
            self.null_branches(map, key, ptr);
        }
        self.type_field(map, ptr);
        self.keywords(map, ptr);
        self.subschemas(map, ptr);
    }

    /// `type` must name JSON types (a list of them only in 3.1); 3.1 bounds must be numbers.
    fn check_schema(&self, map: &Mapping, ptr: &str) -> Result<(), Problem> {
        const TYPES: [&str; 6] = ["string", "number", "integer", "boolean", "array", "object"];
        // Only a problem needs the pointer.
        let at = || format!("{ptr}/type");
        let names = if self.v31 {
            "string, number, integer, boolean, array, object, null"
        } else {
            "string, number, integer, boolean, array, object"
        };
        let check_name = |name: &str| {
            if TYPES.contains(&name) || (self.v31 && name == "null") {
                Ok(())
            } else if name == "null" {
                Err(problem(
                    &at(),
                    "`type: null` is OpenAPI 3.1; in 3.0 write `nullable: true` on the schema that may be null",
                ))
            } else {
                Err(problem(
                    &at(),
                    format!("unknown type `{name}`: expected one of {names}"),
                ))
            }
        };
        match map.get("type") {
            None => {}
            Some(Value::String(name)) => check_name(name)?,
            Some(Value::Sequence(_)) if !self.v31 => {
                return Err(problem(
                    &at(),
                    "a list of types is OpenAPI 3.1: declare `openapi: 3.1.0`, or write one type and `nullable: true`",
                ))
            }
            Some(Value::Sequence(items)) if items.is_empty() => {
                return Err(problem(&at(), "`type` must name at least one type"))
            }
            Some(Value::Sequence(items)) => {
                for item in items {
                    match item {
                        Value::Null => {}
                        Value::String(name) => check_name(name)?,
                        other => {
                            return Err(problem(
                                &at(),
                                format!("`type` entries must be type names, found {}", kind(other)),
                            ))
                        }
                    }
                }
            }
            Some(other) => {
                return Err(problem(
                    &at(),
                    format!("`type` must be a type name, found {}", kind(other)),
                ))
            }
        }
        if self.v31 {
            for key in ["exclusiveMinimum", "exclusiveMaximum"] {
                match map.get(key) {
                    None | Some(Value::Number(_) | Value::Bool(_)) => {}
                    Some(other) => {
                        return Err(problem(
                            &format!("{ptr}/{key}"),
                            format!(
                                "`{key}` must be a number in OpenAPI 3.1, found {}",
                                kind(other)
                            ),
                        ))
                    }
                }
            }
        }
        Ok(())
    }

    fn reference_siblings(&mut self, map: &mut Mapping, ptr: &str) {
        let Some(Value::String(reference)) = map.get("$ref").cloned() else {
            return;
        };
        if map.len() == 1 {
            return;
        }
        for key in IGNORED {
            map.remove(key);
        }
        if map.get("additionalProperties") == Some(&Value::Bool(true)) {
            map.remove("additionalProperties");
        }
        let target = self.target_types.get(&reference).cloned();
        if target.is_some() && map.get("type").and_then(Value::as_str) == target.as_deref() {
            map.remove("type");
        }
        let structural: Vec<String> = map
            .keys()
            .filter_map(Value::as_str)
            .filter(|k| *k != "$ref" && !ANNOTATIONS.contains(k) && !k.starts_with("x-"))
            .map(str::to_owned)
            .collect();
        if structural.is_empty() {
            return;
        }
        map.remove("$ref");
        let mut part = Mapping::new();
        part.insert("$ref".into(), Value::String(reference));
        map.insert("allOf".into(), Value::Sequence(vec![Value::Mapping(part)]));
        self.moves.record(format!("{ptr}/allOf/0"), ptr.to_string());
        let only_null = structural.iter().all(|k| {
            k == "nullable"
                || (k == "type"
                    && match map.get("type") {
                        Some(Value::String(t)) => t == "null",
                        Some(Value::Sequence(ts)) => ts
                            .iter()
                            .all(|t| t.as_str() == Some("null") || t.as_str() == target.as_deref()),
                        _ => false,
                    })
        });
        if only_null {
            // `type: [X, 'null']` next to a `$ref` to an X: only the nullability is new.
            if map.contains_key("type") {
                map.remove("type");
                map.insert("nullable".into(), Value::Bool(true));
            }
        } else {
            self.note(
                ptr,
                format!(
                    "`$ref` with sibling keywords ({}) read as `allOf: [$ref]` plus those keywords",
                    structural.join(", ")
                ),
            );
        }
    }

    /// Removes `anyOf`/`oneOf` branches that only allow `null`, making the schema nullable.
    /// A 3.0 document that writes 3.1's `type: 'null'` (a common slip whose meaning is clear)
    /// is read as 3.0 says it: the schema itself becomes `nullable: true` + `enum: [null]`, a
    /// null branch of `anyOf`/`oneOf` makes its parent nullable. Each with a note.
    fn null_type_in_30(&mut self, map: &mut Mapping, ptr: &str) {
        const READ_AS: &str = "`type: 'null'` is OpenAPI 3.1";
        if map.get("type").and_then(Value::as_str) == Some("null") {
            map.remove("type");
            map.insert("nullable".into(), Value::Bool(true));
            map.insert("enum".into(), Value::Sequence(vec![Value::Null]));
            self.note(
                &format!("{ptr}/type"),
                format!("{READ_AS}: read as `nullable: true` and `enum: [null]`, as 3.0 writes it"),
            );
        }
        for key in ["anyOf", "oneOf"] {
            let null_branch =
                |b: &Value| only_null(b) && b.get("type").and_then(Value::as_str) == Some("null");
            let Some(Value::Sequence(branches)) = map.get(key) else {
                continue;
            };
            if let Some(i) = branches.iter().position(null_branch) {
                self.note(
                    &format!("{ptr}/{key}/{i}/type"),
                    format!("{READ_AS}: this branch is read as `nullable: true` on the schema, as 3.0 writes it"),
                );
                self.null_branches(map, key, ptr);
            }
        }
    }

    fn null_branches(&mut self, map: &mut Mapping, key: &str, ptr: &str) {
        let Some(Value::Sequence(branches)) = map.get_mut(key) else {
            return;
        };
        let before = branches.len();
        let kept: Vec<usize> = (0..before).filter(|i| !only_null(&branches[*i])).collect();
        branches.retain(|b| !only_null(b));
        if branches.len() == before {
            return;
        }
        map.insert("nullable".into(), Value::Bool(true));
        let Some(Value::Sequence(branches)) = map.get(key) else {
            return;
        };
        match branches.len() {
            0 => {
                map.remove(key);
                map.insert("enum".into(), Value::Sequence(vec![Value::Null]));
            }
            1 => {
                let others = ["allOf", "anyOf", "oneOf"]
                    .iter()
                    .filter(|k| **k != key)
                    .any(|k| map.contains_key(*k));
                if others {
                    self.moves
                        .record(format!("{ptr}/{key}/0"), format!("{ptr}/{key}/{}", kept[0]));
                    return;
                }
                let Some(Value::Sequence(mut branches)) = map.remove(key) else {
                    return;
                };
                let branch = branches.remove(0);
                let old = format!("{ptr}/{key}/{}", kept[0]);
                match branch {
                    Value::Mapping(inner)
                        if !inner.contains_key("$ref")
                            && inner.keys().all(|k| !map.contains_key(k)) =>
                    {
                        for (k, v) in inner {
                            if let Some(name) = k.as_str() {
                                let name = pointer::escape(name);
                                self.moves
                                    .record(format!("{ptr}/{name}"), format!("{old}/{name}"));
                            }
                            map.insert(k, v);
                        }
                    }
                    other => {
                        map.insert("allOf".into(), Value::Sequence(vec![other]));
                        self.moves.record(format!("{ptr}/allOf/0"), old);
                    }
                }
            }
            _ => {
                for (new, old) in kept.iter().enumerate() {
                    self.moves
                        .record(format!("{ptr}/{key}/{new}"), format!("{ptr}/{key}/{old}"));
                }
            }
        }
    }

    fn type_field(&mut self, map: &mut Mapping, ptr: &str) {
        let types: Vec<String> = match map.get("type") {
            Some(Value::String(t)) if t == "null" => vec!["null".into()],
            // `null` unquoted is YAML's null: read as the type name.
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| match item {
                    Value::Null => "null".to_owned(),
                    other => other.as_str().unwrap_or_default().to_owned(),
                })
                .collect(),
            _ => return,
        };
        let mut non_null: Vec<String> = Vec::new();
        for t in &types {
            if t != "null" && !non_null.contains(t) {
                non_null.push(t.clone());
            }
        }
        if types.iter().any(|t| t == "null") {
            map.insert("nullable".into(), Value::Bool(true));
        }
        match non_null.len() {
            0 => {
                map.remove("type");
                if !map.contains_key("enum") {
                    map.insert("enum".into(), Value::Sequence(vec![Value::Null]));
                }
            }
            1 => {
                map.insert("type".into(), Value::String(non_null.remove(0)));
            }
            _ if map.contains_key("anyOf") || map.contains_key("oneOf") => {
                map.remove("type");
                self.note(
                    ptr,
                    format!(
                        "`type: [{}]` next to anyOf/oneOf: the type list was dropped",
                        non_null.join(", ")
                    ),
                );
            }
            _ => {
                map.remove("type");
                let branches = non_null
                    .iter()
                    .map(|t| Value::Mapping(split_for_type(map, t)))
                    .collect();
                for keys in TYPE_KEYWORDS.iter().map(|(_, keys)| keys) {
                    for k in *keys {
                        map.remove(*k);
                    }
                }
                map.remove("enum");
                for j in 0..non_null.len() {
                    self.moves
                        .record(format!("{ptr}/anyOf/{j}"), ptr.to_string());
                }
                map.insert("anyOf".into(), Value::Sequence(branches));
            }
        }
    }

    fn keywords(&mut self, map: &mut Mapping, ptr: &str) {
        if let Some(value) = map.remove("const") {
            if value.is_null() {
                map.insert("nullable".into(), Value::Bool(true));
            }
            let inferred = match &value {
                Value::String(_) => Some("string"),
                Value::Bool(_) => Some("boolean"),
                Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
                Value::Number(_) => Some("number"),
                _ => None,
            };
            let untyped = ["type", "allOf", "anyOf", "oneOf", "not", "$ref"]
                .iter()
                .all(|k| !map.contains_key(*k));
            if let (Some(ty), true) = (inferred, untyped) {
                map.insert("type".into(), ty.into());
            }
            map.insert("enum".into(), Value::Sequence(vec![value]));
        }
        for (exclusive, inclusive, stricter) in [
            ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
            ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
        ] {
            let Some(Value::Number(bound)) = map.get(exclusive).cloned() else {
                continue;
            };
            let other = map.get(inclusive).and_then(Value::as_f64);
            let bound_f = bound.as_f64().unwrap_or(f64::NAN);
            let inclusive_wins = other
                .and_then(|o| o.partial_cmp(&bound_f))
                .is_some_and(|o| o == stricter);
            if inclusive_wins {
                map.remove(exclusive);
            } else {
                map.insert(inclusive.into(), Value::Number(bound));
                map.insert(exclusive.into(), Value::Bool(true));
            }
        }
        if let Some(Value::Sequence(_)) = map.get("examples") {
            if let Some(Value::Sequence(mut examples)) = map.remove("examples") {
                if !map.contains_key("example") && !examples.is_empty() {
                    map.insert("example".into(), examples.remove(0));
                }
            }
        }
        let encoding = map.remove("contentEncoding");
        let media_type = map.remove("contentMediaType");
        if !map.contains_key("format") && map.get("type").and_then(Value::as_str) == Some("string")
        {
            let base64 = encoding
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|e| e.starts_with("base64"));
            if base64 {
                map.insert("format".into(), "byte".into());
            } else if media_type.is_some() {
                map.insert("format".into(), "binary".into());
            }
        }
        for key in IGNORED {
            map.remove(key);
        }
        if let Some(Value::Mapping(defs)) = map.remove("$defs") {
            if !defs.is_empty() {
                self.note(
                    &format!("{ptr}/$defs"),
                    "`$defs` removed: its schemas are read only where a `$ref` names them (each such `$ref` reads a copy)",
                );
            }
        }
        for key in DROPPED {
            if map.remove(key).is_some() {
                self.note(
                    &pointer::join(ptr, key),
                    format!("`{key}` has no OpenAPI 3.0 equivalent: removed, not checked"),
                );
            }
        }
        if let Some(Value::Sequence(mut parts)) = map.remove("prefixItems") {
            match map.remove("items") {
                Some(Value::Bool(false)) | None => {}
                Some(rest) => parts.push(rest),
            }
            let items = match parts.len() {
                0 => None,
                1 => Some(parts.remove(0)),
                _ => {
                    let mut any = Mapping::new();
                    any.insert("anyOf".into(), Value::Sequence(parts));
                    Some(Value::Mapping(any))
                }
            };
            if let Some(items) = items {
                map.insert("items".into(), items);
            }
            self.note(
                &format!("{ptr}/prefixItems"),
                "tuple `prefixItems` read as an array whose items may be any of them",
            );
        }
        if let Some(rest) = map.remove("unevaluatedProperties") {
            if !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), rest);
            }
        }
        if let Some(Value::Mapping(patterns)) = map.remove("patternProperties") {
            if !map.contains_key("additionalProperties") && !patterns.is_empty() {
                let mut schemas: Vec<Value> = patterns.into_iter().map(|(_, s)| s).collect();
                let rest = if schemas.len() == 1 {
                    schemas.remove(0)
                } else {
                    let mut any = Mapping::new();
                    any.insert("anyOf".into(), Value::Sequence(schemas));
                    Value::Mapping(any)
                };
                map.insert("additionalProperties".into(), rest);
            }
            self.note(
                &format!("{ptr}/patternProperties"),
                "`patternProperties` read as `additionalProperties`: key patterns are not checked",
            );
        }
    }

    fn subschemas(&mut self, map: &mut Mapping, ptr: &mut String) {
        for (key, value) in map.iter_mut() {
            let key = key.as_str().unwrap_or_default();
            let len = ptr.len();
            pointer::push(ptr, key);
            match (key, value) {
                ("properties", Value::Mapping(properties)) => {
                    for (name, schema) in properties.iter_mut() {
                        let len = ptr.len();
                        pointer::push(ptr, name.as_str().unwrap_or_default());
                        self.schema(schema, ptr);
                        ptr.truncate(len);
                    }
                }
                ("allOf" | "anyOf" | "oneOf", Value::Sequence(parts)) => {
                    for (i, schema) in parts.iter_mut().enumerate() {
                        let len = ptr.len();
                        pointer::push_index(ptr, i);
                        self.schema(schema, ptr);
                        ptr.truncate(len);
                    }
                }
                ("items" | "not", schema) => self.schema(schema, ptr),
                ("additionalProperties", schema @ Value::Mapping(_)) => self.schema(schema, ptr),
                _ => {}
            }
            ptr.truncate(len);
        }
    }
}

/// Does this schema allow only `null`?
fn only_null(schema: &Value) -> bool {
    let Value::Mapping(map) = schema else {
        return false;
    };
    let null_type = match map.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Sequence(ts)) => {
            !ts.is_empty() && ts.iter().all(|t| t.as_str() == Some("null"))
        }
        _ => false,
    };
    let null_const = map.get("const") == Some(&Value::Null);
    let null_enum = map.get("enum") == Some(&Value::Sequence(vec![Value::Null]));
    let structural = map
        .keys()
        .filter_map(Value::as_str)
        .any(|k| !matches!(k, "type" | "const" | "enum" | "nullable") && !ANNOTATIONS.contains(&k));
    (null_type || null_const || null_enum) && !structural
}

/// The keywords that apply to one JSON type only.
const TYPE_KEYWORDS: [(&str, &[&str]); 5] = [
    ("string", &["minLength", "maxLength", "pattern"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "array",
        &[
            "items",
            "minItems",
            "maxItems",
            "uniqueItems",
            "prefixItems",
        ],
    ),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "patternProperties",
            "unevaluatedProperties",
        ],
    ),
];

/// The branch of a multi-type schema for type `ty`: its keywords and its `enum` values.
fn split_for_type(map: &Mapping, ty: &str) -> Mapping {
    let mut branch = Mapping::new();
    branch.insert("type".into(), ty.into());
    if let Some(format) = map.get("format") {
        branch.insert("format".into(), format.clone());
    }
    if let Some((_, keys)) = TYPE_KEYWORDS.iter().find(|(t, _)| *t == ty) {
        for key in *keys {
            if let Some(value) = map.get(*key) {
                branch.insert((*key).into(), value.clone());
            }
        }
    }
    if let Some(Value::Sequence(values)) = map.get("enum") {
        let values: Vec<Value> = values
            .iter()
            .filter(|v| match (ty, v) {
                ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
                ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
                ("number", Value::Number(_)) => true,
                ("array", Value::Sequence(_)) | ("object", Value::Mapping(_)) => true,
                _ => false,
            })
            .cloned()
            .collect();
        branch.insert("enum".into(), Value::Sequence(values));
    }
    branch
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    /// Normalises the schema `text` (as `components/schemas/S` of a 3.1 document).
    fn schema(text: &str) -> (Value, Vec<Note>) {
        let indented: String = text.lines().map(|l| format!("      {l}\n")).collect();
        let mut doc = yaml(&format!(
            "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\ncomponents:\n  schemas:\n    Target:\n      type: object\n    S:\n{indented}"
        ));
        let notes = normalize(&mut doc, Version::V31).unwrap();
        (doc["components"]["schemas"]["S"].clone(), notes)
    }

    #[test]
    fn notes_and_the_first_problem_follow_the_document_order() {
        // The document's members and those of `components` are walked side by side.
        let null = "{type: 'null'}";
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {null}\ncomponents:\n  responses:\n    R:\n      description: r\n      content:\n        application/json:\n          schema: {null}\n  schemas:\n    S: {null}\n"
        );
        let notes = normalize(&mut yaml(&text), Version::V30).unwrap();
        let pointers: Vec<&str> = notes.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1a/get/responses/200/content/application~1json/schema/type",
                "/components/responses/R/content/application~1json/schema/type",
                "/components/schemas/S/type",
            ]
        );
        let broken = text
            .replace(
                "schema: {type: 'null'}\ncomponents",
                "schema: {type: foo}\ncomponents",
            )
            .replace("S: {type: 'null'}", "S: {type: bar}");
        let problem = normalize(&mut yaml(&broken), Version::V30).unwrap_err();
        assert_eq!(
            problem.pointer,
            "/paths/~1a/get/responses/200/content/application~1json/schema/type"
        );
    }

    #[test]
    fn version_field() {
        assert_eq!(version(&yaml("openapi: 3.0.3")), Ok(Version::V30));
        assert_eq!(version(&yaml("openapi: '3.1.0'")), Ok(Version::V31));
        assert_eq!(version(&yaml("openapi: '3.1'")), Ok(Version::V31));
        assert!(version(&yaml("openapi: 3.2.0"))
            .unwrap_err()
            .message
            .contains("3.2.0 is not supported"));
        assert!(version(&yaml("openapi: 3.1"))
            .unwrap_err()
            .message
            .contains("must be a string"));
        assert!(version(&yaml("openapi: 3.10.0")).is_err());
        assert_eq!(
            version(&yaml("swagger: '2.0'")).unwrap_err().pointer,
            "/swagger"
        );
        assert_eq!(version(&yaml("- a")).unwrap_err().pointer, "");
    }

    #[test]
    fn nullable_type_arrays() {
        assert_eq!(
            schema("type: [string, 'null']\nmaxLength: 3").0,
            yaml("type: string\nmaxLength: 3\nnullable: true")
        );
        assert_eq!(schema("type: [integer]").0, yaml("type: integer"));
        assert_eq!(
            schema("type: 'null'").0,
            yaml("nullable: true\nenum: [null]")
        );
        assert_eq!(
            schema("type: ['null']").0,
            yaml("nullable: true\nenum: [null]")
        );
    }

    #[test]
    fn several_types_become_any_of() {
        let (s, notes) = schema("type: [string, integer, 'null']\ndescription: d\nminLength: 1\nminimum: 0\nenum: [a, 1, null]");
        assert_eq!(
            s,
            yaml("description: d\nnullable: true\nanyOf:\n- {type: string, minLength: 1, enum: [a]}\n- {type: integer, minimum: 0, enum: [1]}")
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn null_branches_of_any_of() {
        assert_eq!(
            schema("anyOf:\n- $ref: '#/components/schemas/Target'\n- type: 'null'\ndescription: d")
                .0,
            yaml("description: d\nnullable: true\nallOf:\n- $ref: '#/components/schemas/Target'")
        );
        assert_eq!(
            schema("oneOf:\n- type: string\n  maxLength: 2\n- type: 'null'").0,
            yaml("nullable: true\ntype: string\nmaxLength: 2")
        );
        assert_eq!(
            schema("anyOf:\n- type: string\n- type: integer\n- type: 'null'").0,
            yaml("anyOf:\n- type: string\n- type: integer\nnullable: true")
        );
    }

    #[test]
    fn const_exclusive_bounds_and_examples() {
        assert_eq!(
            schema("const: x\ntitle: T").0,
            yaml("title: T\ntype: string\nenum: [x]")
        );
        assert_eq!(
            schema("type: string\nconst: x").0,
            yaml("type: string\nenum: [x]")
        );
        assert_eq!(
            schema("type: integer\nexclusiveMinimum: 0\nexclusiveMaximum: 10\nmaximum: 5").0,
            yaml("type: integer\nexclusiveMinimum: true\nminimum: 0\nmaximum: 5")
        );
        assert_eq!(
            schema("type: number\nexclusiveMaximum: 1.5").0,
            yaml("type: number\nexclusiveMaximum: true\nmaximum: 1.5")
        );
        assert_eq!(
            schema("type: string\nexamples: [a, b]").0,
            yaml("type: string\nexample: a")
        );
    }

    #[test]
    fn reference_siblings() {
        let (s, notes) = schema("$ref: '#/components/schemas/Target'\ndescription: d\ndefault: {}");
        assert_eq!(
            s,
            yaml("$ref: '#/components/schemas/Target'\ndescription: d\ndefault: {}")
        );
        assert!(notes.is_empty());
        let (s, notes) =
            schema("$ref: '#/components/schemas/Target'\ntype: object\nadditionalProperties: true");
        assert_eq!(s, yaml("$ref: '#/components/schemas/Target'"));
        assert!(notes.is_empty());
        let (s, notes) = schema("$ref: '#/components/schemas/Target'\ntype: [object, 'null']");
        assert_eq!(
            s,
            yaml("allOf: [{$ref: '#/components/schemas/Target'}]\nnullable: true")
        );
        assert!(notes.is_empty());
        let (s, notes) = schema("$ref: '#/components/schemas/Target'\nrequired: [a]");
        assert_eq!(
            s,
            yaml("required: [a]\nallOf: [{$ref: '#/components/schemas/Target'}]")
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].pointer, "/components/schemas/S");
    }

    #[test]
    fn json_schema_only_keywords() {
        let (s, notes) = schema("type: object\nproperties:\n  a: true\n  b: false\n  c:\n    type: [string, 'null']\nif: {}\nthen: {}\n$defs: {X: {}}\n$comment: c\nunevaluatedProperties: false");
        assert_eq!(
            s,
            yaml("type: object\nproperties:\n  a: {}\n  b: {not: {}}\n  c: {type: string, nullable: true}\nadditionalProperties: false")
        );
        let pointers: Vec<&str> = notes.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/schemas/S/$defs",
                "/components/schemas/S/if",
                "/components/schemas/S/then"
            ]
        );
        assert_eq!(
            schema("type: array\nprefixItems: [{type: string}, {type: integer}]\nitems: false").0,
            yaml("type: array\nitems: {anyOf: [{type: string}, {type: integer}]}")
        );
        assert_eq!(
            schema("type: string\ncontentMediaType: image/png").0,
            yaml("type: string\nformat: binary")
        );
        assert_eq!(
            schema("type: string\ncontentEncoding: base64").0,
            yaml("type: string\nformat: byte")
        );
    }

    #[test]
    fn document_level_rewrites() {
        let mut doc = yaml(
            "openapi: 3.1.0\ninfo: {title: T, version: '1', summary: s, license: {name: MIT, identifier: MIT}}\njsonSchemaDialect: x\nwebhooks: {a: {}}\npaths:\n  /a: {$ref: '#/components/pathItems/A'}\n  /b:\n    get:\n      parameters:\n      - {name: q, in: query, schema: {type: [string, 'null']}, example: {type: [x]}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {const: 1}\n              examples: {e: {value: {type: [x]}}}\ncomponents:\n  pathItems:\n    A: {get: {responses: {'204': {description: ok}}}}\n",
        );
        let notes = normalize(&mut doc, Version::V31).unwrap();
        assert_eq!(
            doc,
            yaml("openapi: 3.0.3\ninfo: {title: T, version: '1', license: {name: MIT}}\npaths:\n  /a: {get: {responses: {'204': {description: ok}}}}\n  /b:\n    get:\n      parameters:\n      - {name: q, in: query, schema: {type: string, nullable: true}, example: {type: [x]}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: integer, enum: [1]}\n              examples: {e: {value: {type: [x]}}}\ncomponents: {}\nx-webhooks: {a: {}}\n")
        );
        // Webhooks are kept, normalized, as an extension the 3.0 model carries.
        assert!(notes.is_empty(), "{notes:?}");
        let mut bare = yaml("openapi: 3.1.0\ninfo: {title: T, version: '1'}\n");
        normalize(&mut bare, Version::V31).unwrap();
        assert_eq!(bare["paths"], Value::Mapping(Mapping::new()));
    }

    #[test]
    fn plain_keys_tags_and_merges() {
        let mut doc = yaml("a: &base {x: 1}\nb:\n  <<: *base\n  y: !tag 2\n200: ok\ntrue: t\n");
        plain(&mut doc).unwrap();
        assert_eq!(
            doc,
            yaml("a: {x: 1}\nb: {x: 1, y: 2}\n'200': ok\n'true': t\n")
        );
        let mut duplicate = yaml("r:\n  200: a\n  '200': b\n");
        assert_eq!(
            plain(&mut duplicate).unwrap_err(),
            problem(
                "/r/200",
                "duplicate key `200` (written once quoted and once not)"
            )
        );
        for bad in [".nan", ".inf", "-.inf"] {
            let mut doc = yaml(&format!("a:\n  b: [1, {bad}]\n"));
            let error = plain(&mut doc).unwrap_err();
            assert_eq!(error.pointer, "/a/b/1");
            assert!(
                error.message.contains("is not a number JSON can hold"),
                "{}",
                error.message
            );
        }
        let mut complex = yaml("r:\n  ? [a]\n  : b\n");
        let error = plain(&mut complex).unwrap_err();
        assert_eq!(
            (error.pointer.as_str(), error.kind),
            ("/r", ProblemKind::Document)
        );
        let mut bad_merge = yaml("a:\n  <<: 5\n");
        let error = plain(&mut bad_merge).unwrap_err();
        assert_eq!(
            (error.pointer.as_str(), error.kind),
            ("", ProblemKind::MergeKey)
        );
    }

    #[test]
    fn checks_shapes() {
        let base = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";
        let err = |tail: &str| check(&yaml(&format!("{base}{tail}"))).err();
        assert_eq!(err("paths: {}"), None);
        assert_eq!(err("paths: {/a: {get: {responses: {'200': {description: ok}, 2XX: {description: ok}, default: {description: ok}, x-a: 1}}}}"), None);
        assert_eq!(err("paths: []").unwrap().pointer, "/paths");
        assert_eq!(err("paths: {a: {}}").unwrap().pointer, "/paths/a");
        assert_eq!(err("paths: {/a: 1}").unwrap().pointer, "/paths/~1a");
        assert_eq!(
            err("paths: {/a: {get: x}}").unwrap().pointer,
            "/paths/~1a/get"
        );
        assert_eq!(
            err("paths: {/a: {get: {parameters: {}}}}").unwrap().pointer,
            "/paths/~1a/get/parameters"
        );
        assert_eq!(
            err("paths: {/a: {parameters: [1]}}").unwrap().pointer,
            "/paths/~1a/parameters/0"
        );
        assert_eq!(
            err("paths: {/a: {get: {responses: {'20O': {}}}}}")
                .unwrap()
                .pointer,
            "/paths/~1a/get/responses/20O"
        );
        assert_eq!(
            err("paths: {/a: {get: {responses: {'600': {}}}}}")
                .unwrap()
                .pointer,
            "/paths/~1a/get/responses/600"
        );
        assert_eq!(
            err("paths: {/a: {get: {responses: {'200': ok}}}}")
                .unwrap()
                .pointer,
            "/paths/~1a/get/responses/200"
        );
        let info = check(&yaml("openapi: 3.0.3\ninfo: x\n")).unwrap_err();
        assert_eq!(info.pointer, "/info");
    }

    #[test]
    fn type_problems() {
        let problem_of = |version: &str, schema: &str| {
            let mut doc = yaml(&format!(
                "openapi: {version}\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    get:\n      parameters:\n      - {{name: q, in: query, schema: {schema}}}\n"
            ));
            let version = super::version(&doc).unwrap();
            normalize(&mut doc, version)
                .err()
                .map(|p| (p.pointer, p.message))
        };
        let at = "/paths/~1a/get/parameters/0/schema/type".to_owned();
        assert_eq!(problem_of("3.0.3", "{type: string}"), None);
        assert_eq!(problem_of("3.1.0", "{type: [string, null]}"), None);
        assert_eq!(
            problem_of("3.0.3", "{type: strin}"),
            Some((at.clone(), "unknown type `strin`: expected one of string, number, integer, boolean, array, object".into()))
        );
        // 3.1's `type: 'null'` in 3.0 is read leniently, with a note.
        assert_eq!(problem_of("3.0.3", "{items: {type: 'null'}}"), None);
        assert!(problem_of("3.0.3", "{type: [string]}")
            .unwrap()
            .1
            .starts_with("a list of types is OpenAPI 3.1"));
        assert_eq!(
            problem_of("3.1.0", "{type: []}"),
            Some((at.clone(), "`type` must name at least one type".into()))
        );
        assert_eq!(
            problem_of("3.1.0", "{type: [string, 5]}"),
            Some((
                at.clone(),
                "`type` entries must be type names, found a number (5)".into()
            ))
        );
        assert_eq!(
            problem_of("3.1.0", "{type: {}}"),
            Some((at, "`type` must be a type name, found a mapping".into()))
        );
        assert_eq!(
            problem_of("3.1.0", "{type: integer, exclusiveMaximum: 'x'}"),
            Some((
                "/paths/~1a/get/parameters/0/schema/exclusiveMaximum".into(),
                "`exclusiveMaximum` must be a number in OpenAPI 3.1, found a string (\"x\")".into()
            ))
        );
        let mut missing = yaml("openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a: {$ref: '#/components/pathItems/B'}\n");
        assert_eq!(
            normalize(&mut missing, Version::V31).unwrap_err().pointer,
            "/paths/~1a"
        );
    }
}
