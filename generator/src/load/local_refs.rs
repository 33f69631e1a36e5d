//! `$ref`s to any node of the document, and to other files.
//!
//! A JSON pointer may name any node: a property of another schema
//! (`#/components/schemas/A/properties/b`), the items or a branch of one, a schema inside another
//! operation (`#/paths/~1x/get/responses/200/content/application~1json/schema`) or a response's
//! schema, a schema under `$defs`, a whole path item (`#/paths/~1other`, 3.0's path item
//! `$ref`). The stages after loading know one kind of reference: to a component of the document
//! by name (`#/components/{kind}/{name}`, which keeps its name and type). So, before them:
//!
//! - every other local reference is replaced by a copy of the node it names, as if the document
//!   had written it in place; the copy is then read like any inline node (an inline schema is
//!   named from where it appears; types identical to the one at the target are merged later, see
//!   [`crate::dedupe`]). Keywords beside the `$ref` (3.1 allows them: `summary`,
//!   `description`, schema keywords) are laid over the copy;
//! - a reference into another file (`./common.yaml#/components/schemas/Error`,
//!   `../shared/errors.json`), resolved from the directory of the file that holds it and read
//!   from the file system only (never fetched over the network), brings a component of that
//!   file into the document's components under its own name (with `_2`, `_3`... when the
//!   document already has that name), and any other node of it as a copy. References inside
//!   what is brought in are read relative to its file. An error there (a file that cannot be
//!   read, a pointer to nothing) is reported in that file, at that reference.
//!
//! Example and default values are data, not references, and are left alone.

use super::tree::{self, Syntax};
use super::Source;
use crate::{pointer, Error, Threads};
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The kinds of component a `$ref` names by `#/components/{kind}/{name}`.
const COMPONENT_KINDS: [&str; 10] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];

/// Components that the stages after loading read only in place (an operation's `callbacks`
/// hold callbacks, never references to them): a reference to one is replaced by a copy, like
/// a reference to any other node.
const COPIED_KINDS: [&str; 1] = ["callbacks"];

/// At most this many copies: references to nodes that hold references can multiply
/// (each level doubling the one below), and a document that expands past this is refused
/// rather than filling the memory.
const MAX_COPIES: usize = 100_000;

/// Keys whose values are data (examples, defaults, enumerations) or extensions: a `$ref` below
/// them is not a reference. `default` under `responses` is a response, not data.
fn is_data(key: &str, parent: &str) -> bool {
    match key {
        "default" => parent != "responses",
        _ => matches!(key, "example" | "examples" | "enum" | "const") || key.starts_with("x-"),
    }
}

/// The file a node comes from: the document itself (`None`) or another file, by the path it
/// was read from.
type FileId = Option<PathBuf>;

/// What a `$ref` names.
enum Target {
    /// A component of the document: left as it is.
    Keep,
    /// A component of another file, to bring into the document's components.
    Import {
        file: PathBuf,
        kind: String,
        name: String,
    },
    /// Any other node: replaced by a copy.
    Copy { file: FileId, pointer: String },
}

/// Rewrites the references of `doc` (the tree of `source`) as the module docs say. Nothing to
/// do, and nothing copied, when every reference names a component of the document.
pub fn inline(doc: &mut Value, source: &Source, threads: &Threads) -> Result<(), Error> {
    let non_component =
        |reference: &str| !reference.starts_with('#') || component_of(reference).is_none();
    if !any_reference_in(doc, &non_component, threads) {
        return Ok(());
    }
    let mut taken: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if let Some(Value::Mapping(components)) = doc.get("components") {
        for (kind, entries) in components {
            if let (Some(kind), Value::Mapping(entries)) = (kind.as_str(), entries) {
                let names = entries.keys().filter_map(Value::as_str).map(str::to_owned);
                taken.insert(kind.to_owned(), names.collect());
            }
        }
    }
    let mut walk = Walk {
        source,
        threads,
        main_path: source
            .path
            .as_ref()
            .and_then(|p| std::fs::canonicalize(p).ok()),
        // Targets are read from the document as written, whatever this pass has replaced.
        original: doc.clone(),
        others: BTreeMap::new(),
        stack: Vec::new(),
        copies: 0,
        imported: BTreeMap::new(),
        imports: Vec::new(),
        taken,
    };
    let mut ptr = String::new();
    walk.expand(doc, &None, &mut ptr)?;
    if !walk.imports.is_empty() {
        let Value::Mapping(root) = doc else {
            return Ok(());
        };
        let components = root
            .entry("components".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if !components.is_mapping() {
            *components = Value::Mapping(Mapping::new());
        }
        for (kind, name, node) in walk.imports {
            if let Value::Mapping(components) = components {
                let entries = components
                    .entry(kind.into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                if let Value::Mapping(entries) = entries {
                    entries.insert(name.into(), node);
                }
            }
        }
    }
    Ok(())
}

/// The kind and name of `#/components/{kind}/{name}`, for the kinds that are kept as
/// references by name.
fn component_of(reference: &str) -> Option<(String, String)> {
    let fragment = reference.strip_prefix('#')?;
    let segments: Vec<String> = pointer::tokens(&percent_decode(fragment)).collect();
    match &segments[..] {
        [components, kind, name]
            if components == "components"
                && COMPONENT_KINDS.contains(&kind.as_str())
                && !COPIED_KINDS.contains(&kind.as_str()) =>
        {
            Some((kind.clone(), name.clone()))
        }
        _ => None,
    }
}

/// Whether `f` holds for a `$ref` that is a reference (not data) in the document `doc`. The
/// members of its root are searched side by side: `paths` on one thread, the rest
/// (`components` first of all) on another.
fn any_reference_in(doc: &Value, f: &(impl Fn(&str) -> bool + Sync), threads: &Threads) -> bool {
    let Value::Mapping(root) = doc else {
        return any_reference(doc, "", f);
    };
    let (paths, rest): (Vec<_>, Vec<_>) = root
        .iter()
        .partition(|(key, _)| key.as_str() == Some("paths"));
    let search = |members: &[(&Value, &Value)]| {
        members
            .iter()
            .any(|(key, child)| member_has_reference(key, child, "", f))
    };
    let (rest, paths) = threads.join(|| search(&rest), || search(&paths));
    rest | paths
}

/// Whether `f` holds for a `$ref` that is a reference (not data) at or below `value`, the value
/// of key `parent`.
fn any_reference(value: &Value, parent: &str, f: &impl Fn(&str) -> bool) -> bool {
    match value {
        Value::Mapping(map) => map
            .iter()
            .any(|(key, child)| member_has_reference(key, child, parent, f)),
        Value::Sequence(items) => items.iter().any(|item| any_reference(item, parent, f)),
        _ => false,
    }
}

/// [`any_reference`] for the member `key` of a mapping, the value of key `parent`: the member
/// is a `$ref` that `f` holds for, or has one below it that is not data.
fn member_has_reference(
    key: &Value,
    child: &Value,
    parent: &str,
    f: &impl Fn(&str) -> bool,
) -> bool {
    let key = key.as_str().unwrap_or_default();
    match child {
        Value::String(reference) if key == "$ref" => f(reference),
        _ => !is_data(key, parent) && any_reference(child, key, f),
    }
}

/// The pointer of the first node at or below `value` (at `at`, the value of key `parent`)
/// whose `key` (`$anchor` or `$id`) is `name`, in document order; data is not searched.
fn find_declaration(
    value: &Value,
    parent: &str,
    key: &str,
    name: &str,
    at: &mut String,
    found: &mut Option<String>,
) {
    if found.is_some() {
        return;
    }
    match value {
        Value::Mapping(map) => {
            if map.get(key).and_then(Value::as_str) == Some(name) {
                *found = Some(at.clone());
                return;
            }
            for (child_key, child) in map {
                let child_key = child_key.as_str().unwrap_or_default();
                if !is_data(child_key, parent) {
                    let len = at.len();
                    pointer::push(at, child_key);
                    find_declaration(child, child_key, key, name, at, found);
                    at.truncate(len);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                pointer::push_index(at, i);
                find_declaration(item, parent, key, name, at, found);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Decodes a URI fragment's `%XX` escapes (a pointer in a `$ref` is a URI fragment).
fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The node `target` (a pointer) names in `doc`.
fn lookup<'v>(doc: &'v Value, target: &str) -> Option<&'v Value> {
    let mut node = doc;
    for token in pointer::tokens(target) {
        node = match node {
            Value::Mapping(map) => map.get(token.as_str())?,
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// How a file is named in messages: relative to the working directory where it can be, like
/// the document's own name.
fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|dir| path.strip_prefix(dir).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Another file, as read.
struct External {
    tree: Value,
    /// Its text, to locate messages in.
    source: Source,
}

/// The state of one expansion.
struct Walk<'s> {
    source: &'s Source,
    /// How other files are read.
    threads: &'s Threads,
    /// The document's own path, to read a reference to it by file name as a local one.
    main_path: Option<PathBuf>,
    /// The document as written.
    original: Value,
    /// Other files read so far.
    others: BTreeMap<PathBuf, External>,
    /// The targets being copied (`file#pointer`), to refuse a copy that would contain itself.
    stack: Vec<String>,
    /// Copies made so far.
    copies: usize,
    /// Components brought in from other files: (file, kind, name) → name in the document.
    imported: BTreeMap<(PathBuf, String, String), String>,
    /// What to add to the document's components: (kind, name, node).
    imports: Vec<(String, String, Value)>,
    /// The names of each kind of component in the document, its own and brought in.
    taken: BTreeMap<String, BTreeSet<String>>,
}

impl Walk<'_> {
    /// An error at `pointer` of `file`, located in its text.
    fn error(&self, file: &FileId, pointer: String, message: String) -> Error {
        match file {
            None => Error {
                file: self.source.file.clone(),
                line: self.source.locate(&pointer),
                pointer,
                message,
            },
            Some(path) => Error {
                file: shown(path),
                line: self
                    .others
                    .get(path)
                    .and_then(|f| f.source.locate(&pointer)),
                pointer,
                message,
            },
        }
    }

    /// What `reference`, found in `file`, names.
    fn target(&mut self, reference: &str, file: &FileId) -> Result<Target, String> {
        if reference.contains("://") || reference.starts_with("//") {
            return Err(format!(
                "`$ref: {reference}` is a URL: references are read from local files only, never \
                 fetched over the network"
            ));
        }
        let (path, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, fragment),
            None => (reference, ""),
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            // A plain name, not a pointer: `named_node` found no `$anchor` of that name.
            return Err(format!(
                "`$ref: {reference}` names the anchor `{fragment}`, and no schema of the file \
                 that holds the reference declares `$anchor: {fragment}`"
            ));
        }
        let target_file: FileId = if path.is_empty() {
            file.clone()
        } else {
            let dir = match file {
                Some(f) => f.parent().map(Path::to_path_buf),
                None => self
                    .source
                    .path
                    .as_ref()
                    .map(|p| p.parent().map(Path::to_path_buf).unwrap_or_default()),
            };
            let Some(dir) = dir else {
                return Err(format!(
                    "`$ref: {reference}` names another file, but the document was not read from \
                     a file: there is no directory to find it in"
                ));
            };
            let joined = dir.join(percent_decode(path));
            let resolved = std::fs::canonicalize(&joined).map_err(|e| {
                format!(
                    "`$ref: {reference}`: cannot read `{}`: {e}",
                    joined.display()
                )
            })?;
            (Some(&resolved) != self.main_path.as_ref()).then_some(resolved)
        };
        let pointer = percent_decode(fragment);
        match (&target_file, component_of(&format!("#{fragment}"))) {
            (None, Some(_)) => Ok(Target::Keep),
            (Some(f), Some((kind, name))) => Ok(Target::Import {
                file: f.clone(),
                kind,
                name,
            }),
            (_, None) => Ok(Target::Copy {
                file: target_file.clone(),
                pointer,
            }),
        }
    }

    /// The local reference (`#/pointer`) to the node of `file` that `reference` names by an
    /// `$anchor` (`#point`) or by its `$id` (`https://example.com/point`, with an optional
    /// pointer fragment inside that node), when it names one.
    fn named_node(&self, reference: &str, file: &FileId) -> Option<String> {
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let tree = match file {
            None => &self.original,
            Some(path) => &self.others.get(path)?.tree,
        };
        let (key, value, rest) = if base.is_empty() {
            if fragment.is_empty() || fragment.starts_with('/') {
                return None;
            }
            ("$anchor", percent_decode(fragment), String::new())
        } else {
            if !fragment.is_empty() && !fragment.starts_with('/') {
                return None;
            }
            ("$id", base.to_owned(), percent_decode(fragment))
        };
        let mut found = None;
        find_declaration(tree, "", key, &value, &mut String::new(), &mut found);
        found.map(|at| format!("#{at}{rest}"))
    }

    /// Reads another file once, as the document is read (YAML or JSON, see
    /// [`tree::read`]); its errors are located in it.
    fn read(&mut self, path: &Path) -> Result<(), Error> {
        if self.others.contains_key(path) {
            return Ok(());
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error {
            file: shown(path),
            pointer: String::new(),
            line: None,
            message: format!("cannot read the file: {e}"),
        })?;
        let source = Source::new(shown(path), text);
        let (mut tree, syntax) = tree::read(&source, self.threads)?;
        if syntax == Syntax::Yaml {
            super::normalize::plain(&mut tree).map_err(|p| source.error(&p.pointer, p.message))?;
        }
        self.others
            .insert(path.to_path_buf(), External { tree, source });
        Ok(())
    }

    /// The node `pointer` names in `file`.
    fn node(&self, file: &FileId, pointer: &str) -> Option<&Value> {
        let tree = match file {
            None => &self.original,
            Some(path) => &self.others.get(path)?.tree,
        };
        lookup(tree, pointer)
    }

    fn describe(file: &FileId, pointer: &str) -> String {
        match file {
            None => format!("#{pointer}"),
            Some(path) => format!("{}#{pointer}", shown(path)),
        }
    }

    /// The document's name for component `name` of `kind` in `file`, bringing it in (with the
    /// references inside it rewritten) the first time; `reference`, at `at` of `ref_file`, is
    /// the reference that names it.
    fn import(
        &mut self,
        file: &Path,
        kind: &str,
        name: &str,
        reference: &str,
        ref_file: &FileId,
        at: &str,
    ) -> Result<String, Error> {
        let key = (file.to_path_buf(), kind.to_owned(), name.to_owned());
        if let Some(known) = self.imported.get(&key) {
            return Ok(known.clone());
        }
        let pointer = pointer::from_tokens(["components", kind, name]);
        let from = Some(file.to_path_buf());
        let Some(node) = self.node(&from, &pointer).cloned() else {
            let message = format!("`$ref: {reference}` points to nothing in `{}`", shown(file));
            return Err(self.error(ref_file, at.to_owned(), message));
        };
        let taken = self.taken.entry(kind.to_owned()).or_default();
        let mut chosen = name.to_owned();
        let mut n = 2;
        while taken.contains(&chosen) {
            chosen = format!("{name}_{n}");
            n += 1;
        }
        taken.insert(chosen.clone());
        // Known before its own references are read, so that a cycle through it ends here.
        self.imported.insert(key, chosen.clone());
        let mut node = node;
        let mut ptr = pointer;
        self.expand(&mut node, &from, &mut ptr)?;
        self.imports.push((kind.to_owned(), chosen.clone(), node));
        Ok(chosen)
    }

    /// Rewrites the references at and below `value`, a node of `file` at `ptr`.
    fn expand(&mut self, value: &mut Value, file: &FileId, ptr: &mut String) -> Result<(), Error> {
        match value {
            Value::Mapping(map) => {
                let Some(Value::String(reference)) = map.get("$ref").cloned() else {
                    return self.expand_children(map, file, ptr);
                };
                let at = pointer::join(ptr, "$ref");
                // A name (`#point`, an `$anchor`) or an identifier (the `$id` of a schema of the
                // same file) is read as the pointer of the node that declares it.
                let reference = match self.named_node(&reference, file) {
                    Some(canonical) => {
                        map.insert("$ref".into(), Value::String(canonical.clone()));
                        canonical
                    }
                    None => reference,
                };
                let target = match self.target(&reference, file) {
                    Ok(target) => target,
                    Err(message) => return Err(self.error(file, at, message)),
                };
                if let Target::Import { file: other, .. }
                | Target::Copy {
                    file: Some(other), ..
                } = &target
                {
                    self.read(other)?;
                }
                match target {
                    Target::Keep => Ok(()),
                    Target::Import {
                        file: from,
                        kind,
                        name,
                    } => {
                        let chosen = self.import(&from, &kind, &name, &reference, file, &at)?;
                        map.insert(
                            "$ref".into(),
                            Value::String(format!(
                                "#{}",
                                pointer::from_tokens(["components", kind.as_str(), &chosen])
                            )),
                        );
                        Ok(())
                    }
                    Target::Copy {
                        file: from,
                        pointer: target,
                    } => {
                        let described = Self::describe(&from, &target);
                        if self.stack.contains(&described) {
                            let message = format!(
                                "`$ref: {reference}` is part of a cycle of references that names \
                                 no component ({} -> {described}): move the node into components \
                                 to give it a name",
                                self.stack.join(" -> ")
                            );
                            return Err(self.error(file, at, message));
                        }
                        self.copies += 1;
                        if self.copies > MAX_COPIES {
                            let message = format!(
                                "references that are not to components expand to more than \
                                 {MAX_COPIES} copies: move the nodes they name into components"
                            );
                            return Err(self.error(file, at, message));
                        }
                        let Some(found) = self.node(&from, &target).cloned() else {
                            let message = match &from {
                                None => format!(
                                    "`$ref: {reference}` points to nothing in this document"
                                ),
                                Some(path) => format!(
                                    "`$ref: {reference}` points to nothing in `{}`",
                                    shown(path)
                                ),
                            };
                            return Err(self.error(file, at, message));
                        };
                        let mut copy = found;
                        if let Value::Mapping(copied) = &mut copy {
                            for (key, sibling) in map.iter() {
                                if key.as_str() != Some("$ref") {
                                    copied.insert(key.clone(), sibling.clone());
                                }
                            }
                        }
                        // The copy is read where it was written: its references and errors
                        // are those of its own file and place.
                        self.stack.push(described);
                        let mut target_ptr = target;
                        let result = self.expand(&mut copy, &from, &mut target_ptr);
                        self.stack.pop();
                        result?;
                        *value = copy;
                        Ok(())
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = ptr.len();
                    pointer::push_index(ptr, i);
                    let result = self.expand(item, file, ptr);
                    ptr.truncate(len);
                    result?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn expand_children(
        &mut self,
        map: &mut Mapping,
        file: &FileId,
        ptr: &mut String,
    ) -> Result<(), Error> {
        let parent = pointer::tokens(ptr).last().unwrap_or_default();
        for (key, child) in map.iter_mut() {
            let Some(key) = key.as_str() else { continue };
            if is_data(key, &parent) {
                continue;
            }
            let len = ptr.len();
            pointer::push(ptr, key);
            let result = self.expand(child, file, ptr);
            ptr.truncate(len);
            result?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    /// `text` with its references rewritten.
    fn inlined(text: &str) -> Result<Value, Error> {
        let mut doc = yaml(text);
        inline(
            &mut doc,
            &Source::new("api.yaml", text),
            &Threads::available(),
        )
        .map(|()| doc)
    }

    #[test]
    fn deep_references_become_copies_and_component_references_stay() {
        let doc = inlined(
            "paths:
  /x:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A/properties/b', description: here}
  /y: {$ref: '#/paths/~1x'}
  /z:
    get:
      parameters:
      - $ref: '#/components/parameters/P'
      - {name: q, in: query, schema: {$ref: '#/components/parameters/P/schema'}}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
              example: {$ref: '#/not/a/reference'}
components:
  parameters:
    P: {name: p, in: query, schema: {type: integer}}
  schemas:
    A:
      properties:
        b: {type: object, properties: {c: {$ref: '#/components/schemas/A/%24defs/D'}}}
      $defs:
        D: {type: string}
",
        )
        .unwrap();
        let schema = lookup(
            &doc,
            "/paths/~1x/get/responses/200/content/application~1json/schema",
        )
        .unwrap();
        assert_eq!(
            schema,
            &yaml("{type: object, properties: {c: {type: string}}, description: here}")
        );
        assert_eq!(lookup(&doc, "/paths/~1y"), lookup(&doc, "/paths/~1x"));
        let z = lookup(&doc, "/paths/~1z/get").unwrap();
        assert_eq!(
            lookup(z, "/parameters/0"),
            Some(&yaml("{$ref: '#/components/parameters/P'}"))
        );
        assert_eq!(
            lookup(z, "/parameters/1/schema"),
            Some(&yaml("{type: integer}"))
        );
        assert_eq!(
            lookup(z, "/responses/200/content/application~1json"),
            Some(&yaml(
                "{schema: {$ref: '#/components/schemas/A'}, example: {$ref: '#/not/a/reference'}}"
            ))
        );
    }

    #[test]
    fn anchors_identifiers_and_callbacks_are_read_as_the_nodes_they_name() {
        let doc = inlined(
            "paths:
  /x:
    post:
      callbacks:
        done: {$ref: '#/components/callbacks/Done'}
      responses:
        '200':
          content:
            application/json:
              schema:
                properties:
                  a: {$ref: '#point'}
                  b: {$ref: 'https://example.com/point'}
                  c: {$ref: 'https://example.com/point#/properties/x'}
                  d: {$ref: '#inner'}
components:
  callbacks:
    Done: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}
  schemas:
    Point:
      $id: https://example.com/point
      $anchor: point
      properties:
        x: {type: number}
    Other:
      properties:
        y: {$anchor: inner, type: string}
",
        )
        .unwrap();
        let op = &doc["paths"]["/x"]["post"];
        // A callback is read in place: the reference becomes a copy of it.
        assert_eq!(
            op["callbacks"]["done"],
            yaml("{'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}")
        );
        let properties =
            &op["responses"]["200"]["content"]["application/json"]["schema"]["properties"];
        // A component named by its anchor or `$id` stays a reference to it, by pointer.
        assert_eq!(
            properties["a"],
            yaml("{$ref: '#/components/schemas/Point'}")
        );
        assert_eq!(
            properties["b"],
            yaml("{$ref: '#/components/schemas/Point'}")
        );
        // Any other node is copied.
        assert_eq!(properties["c"], yaml("{type: number}"));
        assert_eq!(properties["d"], yaml("{$anchor: inner, type: string}"));
        // An anchor nobody declares is still an error, not a guess.
        let error = inlined("paths:\n  /x: {get: {responses: {'200': {content: {a/b: {schema: {$ref: '#nowhere'}}}}}}}\n")
            .unwrap_err();
        assert!(
            error.message.contains(
                "no schema of the file that holds the reference declares `$anchor: nowhere`"
            ),
            "{}",
            error.message
        );
    }

    #[test]
    fn references_that_multiply_are_refused_past_a_budget() {
        let mut text = String::from(
            "components:\n  schemas:\n    L:\n      properties:\n        l0: {type: string}\n",
        );
        for k in 1..=20 {
            let to = format!("'#/components/schemas/L/properties/l{}'", k - 1);
            text.push_str(&format!(
                "        l{k}: {{properties: {{a: {{$ref: {to}}}, b: {{$ref: {to}}}}}}}\n"
            ));
        }
        let problem = inlined(&text).unwrap_err();
        assert!(
            problem.message.ends_with(
                "expand to more than 100000 copies: move the nodes they name into components"
            ),
            "{}",
            problem.message
        );
    }

    #[test]
    fn a_reference_to_nothing_or_to_itself_is_a_located_problem() {
        let problem = inlined("paths:\n  /a: {$ref: '#/paths/~1b'}\n").unwrap_err();
        assert_eq!(problem.pointer, "/paths/~1a/$ref");
        assert_eq!(
            problem.message,
            "`$ref: #/paths/~1b` points to nothing in this document"
        );
        let problem = inlined(
            "components:\n  schemas:\n    A:\n      properties:\n        b: {properties: {c: {$ref: '#/components/schemas/A/properties/b'}}}\n",
        )
        .unwrap_err();
        assert_eq!(
            problem.pointer,
            "/components/schemas/A/properties/b/properties/c/$ref"
        );
        assert!(
            problem.message.contains(
                "cycle of references that names no component (#/components/schemas/A/properties/b -> #/components/schemas/A/properties/b)"
            ),
            "{}",
            problem.message
        );
    }
}
