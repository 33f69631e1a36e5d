//! Loading: text → YAML → `openapiv3::OpenAPI`, with errors that say where.

use crate::normalize::{self, Note, ProblemKind, Version};
use crate::pointer;
use crate::Error;
use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};
use serde::Deserialize as _;

/// A loaded document and the text it came from (kept to locate JSON pointers).
pub struct Source {
    /// How the file is named in messages.
    pub file: String,
    /// The document text.
    pub text: String,
    /// The path it was read from, when it was read from a file: references to other files
    /// are found relative to it.
    pub path: Option<std::path::PathBuf>,
    /// Where normalisation moved nodes (see [`normalize::Moves`]), set by [`parse_with_notes`].
    moves: std::sync::OnceLock<normalize::Moves>,
    /// Where schemas written out more than once were moved (see [`crate::copies`]), set by
    /// [`parse_with_notes`].
    placed: std::sync::OnceLock<crate::copies::Placed>,
    /// The document's webhooks (3.1 `webhooks`, 3.0 `x-webhooks`), read into path items by
    /// [`parse_with_notes`]: the 3.0 model keeps extensions as untyped JSON, and a copy there
    /// beside the typed one would hold every webhook twice.
    webhooks: std::sync::OnceLock<Vec<(String, openapiv3::PathItem)>>,
    /// The text's virtual lines, built at the first located message (YAML only).
    lines: std::sync::OnceLock<Vec<VirtualLine>>,
    /// Where the first levels of a JSON (or flow YAML) document are, built at the first
    /// located message.
    json: std::sync::OnceLock<JsonIndex>,
}

impl Source {
    /// The document `text`, named `file` in messages.
    pub fn new(file: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            file: file.into(),
            text: text.into(),
            path: None,
            moves: std::sync::OnceLock::new(),
            webhooks: std::sync::OnceLock::new(),
            placed: std::sync::OnceLock::new(),
            lines: std::sync::OnceLock::new(),
            json: std::sync::OnceLock::new(),
        }
    }

    /// The same source, read from `path` (see [`Source::path`]).
    pub fn with_path(mut self, path: impl Into<std::path::PathBuf>) -> Source {
        self.path = Some(path.into());
        self
    }

    /// Builds the index of lines [`Source::locate`] uses, if it is not built yet: callers with a
    /// core to spare build it ahead of the first message.
    pub fn index_lines(&self) {
        if is_flow(&self.text) {
            self.json.get_or_init(|| json_index(&self.text));
        } else {
            self.lines.get_or_init(|| virtual_lines(&self.text));
        }
    }

    /// The line and column of `pointer` (see [`locate`]), indexing the text once.
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        if is_flow(&self.text) {
            let index = self.json.get_or_init(|| json_index(&self.text));
            return locate_json(&self.text, index, pointer);
        }
        let lines = self.lines.get_or_init(|| virtual_lines(&self.text));
        locate_in(&self.text, lines, pointer)
    }

    /// An error at `pointer`, with the line and column found for it in the text. A pointer
    /// into the normalised tree is first turned back into one into the user's document.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        let pointer = self.original(pointer);
        Error {
            file: self.file.clone(),
            line: self.locate(&pointer),
            pointer,
            message: message.into(),
        }
    }

    /// The webhooks [`parse_with_notes`] read, in name order; `None` before it ran.
    pub fn webhooks(&self) -> Option<&[(String, openapiv3::PathItem)]> {
        self.webhooks.get().map(Vec::as_slice)
    }

    /// Whether `name`, a key of `components/schemas`, holds a schema the document wrote out
    /// more than once, moved there by [`crate::copies`]: a `$ref` to it stands for the schema
    /// written in place.
    pub fn is_copy(&self, name: &str) -> bool {
        self.placed.get().is_some_and(|placed| placed.is_copy(name))
    }

    /// Frees the webhooks once lowering has read them.
    pub fn drop_webhooks(&mut self) {
        self.webhooks.take();
    }

    /// `pointer`, into the normalised tree, as a pointer into the user's document.
    pub fn original(&self, pointer: &str) -> String {
        let pointer = match self.placed.get() {
            Some(placed) => placed.original(pointer),
            None => pointer.to_string(),
        };
        match self.moves.get() {
            Some(moves) => moves.original(&pointer),
            None => pointer,
        }
    }
}

/// Parses `source` as an OpenAPI 3.0.x or 3.1.x document (YAML or JSON, since JSON is YAML).
pub fn parse(source: &Source) -> Result<OpenAPI, Error> {
    parse_with_notes(source).map(|(document, _)| document)
}

/// [`parse`], also returning what normalising a 3.1 document changed in meaning (see
/// [`crate::normalize`]); the notes' pointers are those of the user's document.
pub fn parse_with_notes(source: &Source) -> Result<(OpenAPI, Vec<Note>), Error> {
    let (mut value, version, notes) = normalized_tree(source)?;
    let webhooks = take_webhooks(&mut value, source)?;
    // A source parsed twice keeps the first webhooks; both parses read the same ones.
    let _ = source.webhooks.set(webhooks);
    // The fast path reads the tree by value: each node is freed as soon as it is converted
    // and strings move instead of being copied, so the tree and the document are never both
    // whole in memory (on a large document, that halves the peak).
    if let Some(document) = deserialize_split(value) {
        return Ok((document, notes));
    }
    // The document does not match: read it again and deserialize it tracking paths (slower
    // on a large document) to say where it goes wrong.
    let (mut value, _, _) = normalized_tree(source)?;
    take_webhooks(&mut value, source)?;
    let schema = match version {
        Version::V30 => "the OpenAPI 3.0 schema",
        Version::V31 => "the OpenAPI schema (3.1 read as 3.0)",
    };
    let document = serde_path_to_error::deserialize(&value).map_err(|e| {
        // Untagged enums and flattened fields hide where inside them the error is: look for
        // the deepest object of a known kind that fails on its own.
        let (pointer, message) = narrow(&value, "", Kind::Root).unwrap_or_else(|| {
            (
                pointer::from_serde_path(e.path()),
                strip_location(&e.inner().to_string()),
            )
        });
        source.error(
            &pointer,
            format!("does not match {schema}: {}", humanize(&message)),
        )
    })?;
    Ok((document, notes))
}

/// Takes the webhooks (`x-webhooks`, where normalising puts 3.1's `webhooks`) out of the tree
/// and reads each into a path item, by value, in name order.
fn take_webhooks(
    tree: &mut serde_yaml::Value,
    source: &Source,
) -> Result<Vec<(String, openapiv3::PathItem)>, Error> {
    let Some(hooks) = tree.as_mapping_mut().and_then(|m| m.remove("x-webhooks")) else {
        return Ok(Vec::new());
    };
    let serde_yaml::Value::Mapping(hooks) = hooks else {
        return Err(source.error("/x-webhooks", "`webhooks` must be a map of path items"));
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
                return Err(source.error(
                    &pointer::from_tokens(["x-webhooks", name.as_str()]),
                    format!("not a valid path item: {}", strip_location(&e.to_string())),
                ))
            }
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(items)
}

/// The document's tree, checked and normalised (see [`crate::normalize`]), its version and
/// the notes normalising made.
fn normalized_tree(source: &Source) -> Result<(serde_yaml::Value, Version, Vec<Note>), Error> {
    let (mut value, syntax) = read_tree(source)?;
    let problem = |p: normalize::Problem| {
        let mut error = source.error(&p.pointer, p.message);
        if p.kind == ProblemKind::MergeKey {
            error.line = find_merge_key(&source.text);
        }
        error
    };
    let version = normalize::version(&value).map_err(problem)?;
    if syntax == Syntax::Yaml {
        normalize::plain(&mut value).map_err(problem)?;
    }
    normalize::check(&value).map_err(problem)?;
    crate::local_refs::inline(&mut value, source)?;
    let (notes, moves) = normalize::normalize_with_moves(&mut value, version).map_err(problem)?;
    // A source parsed twice keeps the first moves; both parses made the same ones.
    let _ = source.moves.set(moves);
    let placed = crate::copies::collapse(&mut value);
    let _ = source.placed.set(placed);
    Ok((value, version, notes))
}

/// The document's tree. JSON (a `.json` file, or text that starts with `{`) is read by a JSON
/// parser: JSON is YAML in its syntax but not in what it allows in strings (C1 control
/// characters are legal JSON and illegal YAML) and numbers (JSON sets no range; an integer
/// beyond 64 bits is kept as the nearest float), and a JSON parser reads it several times
/// faster. Text that starts with `{` but is not JSON (flow-style YAML with plain keys, say) is
/// read as YAML, unless the file is named `.json`. YAML is read with the YAML 1.2 core schema:
/// `yes`, `no`, `on` and `off` are strings.
pub(crate) fn read_tree(source: &Source) -> Result<(serde_yaml::Value, Syntax), Error> {
    let json_file = source.file.to_ascii_lowercase().ends_with(".json");
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    if json_file || text.trim_start().starts_with('{') {
        if let Some(value) = json_halves(text).or_else(|| json_members(text)) {
            return Ok((value, Syntax::Json));
        }
        match serde_json::from_str::<serde_yaml::Value>(text) {
            Ok(value) => return Ok((value, Syntax::Json)),
            Err(e) if json_file => return Err(json_error(source, text, &e)),
            Err(_) => {}
        }
    }
    let value = match parse_halves(&source.text) {
        Some(value) => value,
        None => serde_yaml::from_str(&source.text).map_err(|e| yaml_error(source, &e))?,
    };
    Ok((value, Syntax::Yaml))
}

/// Which parser read a document's tree. A JSON parser gives a plain tree (string keys, no
/// tags, finite numbers, and `<<` a key like any other: JSON has no merge keys); a YAML tree
/// is made plain by [`normalize::plain`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Json,
    Yaml,
}

/// A JSON syntax error, located by the parser, with the pointer of the value it was in.
fn json_error(source: &Source, text: &str, e: &serde_json::Error) -> Error {
    // Only on failure: the parse again, tracking the path, names the value that broke.
    let mut reader = serde_json::Deserializer::from_str(text);
    let mut pointer = match serde_path_to_error::deserialize::<_, serde_yaml::Value>(&mut reader) {
        Err(tracked) => pointer::from_serde_path(tracked.path()),
        Ok(_) => String::new(),
    };
    let inner = strip_location(&e.to_string());
    let message = match duplicate_key(&inner) {
        Some((_, key)) => {
            pointer = pointer::join(&pointer, key);
            format!("not valid JSON: duplicate key `{key}` (each key may appear once in an object)")
        }
        None => format!("not valid JSON: {inner}"),
    };
    Error {
        file: source.file.clone(),
        line: (e.line() > 0).then(|| (e.line(), e.column())),
        pointer,
        message,
    }
}

/// Documents smaller than this are parsed in one piece.
const SPLIT_PARSE_MIN: usize = 256 * 1024;

/// JSON texts larger than this are not cut in halves: the halves are copies of the text, and on
/// a text this large (GitHub's dereferenced description is 73 MB) their memory would count
/// against the peak more than the time saved counts. They are parsed member by member instead
/// ([`json_members`]), which copies nothing.
const JSON_SPLIT_MAX: usize = 32 * 1024 * 1024;

/// Parses a large pretty-printed JSON document in two halves side by side, cut before the
/// member nearest after the middle of an object at depth two or three (a path of `paths`, an
/// operation of a path, a schema of `components/schemas`). Only a line start can be such a
/// cut: a JSON string cannot hold a raw line break, so every line starts outside strings, and
/// the member's indentation (two or three times that of the first top-level member) finds one
/// without parsing.
///
/// The head is the text before the cut, its trailing comma dropped, with the open objects closed
/// (`}}` or `}}}`); the tail is the text from the cut with as many objects opened in front of it
/// (`{"":{` or `{"":{"":{`). Both parse only if the cut was between two members at that depth,
/// every enclosing value an object; the head's last member at each level is then the object
/// the cut was in, and the tail's first member holds the rest of it. `None` (the caller parses
/// the whole text, which also locates any error) when the text is small or very large, not
/// indented that way, when either half fails, or when a key would be repeated once the halves
/// are put together.
fn json_halves(text: &str) -> Option<serde_yaml::Value> {
    if !(SPLIT_PARSE_MIN..=JSON_SPLIT_MAX).contains(&text.len()) {
        return None;
    }
    let indent = member_indent(text)?;
    // The depth of the member a line starts, when it may be cut before.
    let depth_of = |line: &str| {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let depth = spaces / indent;
        (spaces % indent == 0 && (2..=3).contains(&depth) && line[spaces..].starts_with('"'))
            .then_some(depth)
    };
    let mut from = text.len() / 2;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // The first such member after the middle that follows another one (the first member of an
    // object follows its `{`).
    let (head, cut, depth) = text[from..].match_indices('\n').find_map(|(at, _)| {
        let cut = from + at + 1;
        let depth = depth_of(&text[cut..])?;
        let head = text[..cut].trim_end().strip_suffix(',')?;
        Some((head, cut, depth))
    })?;
    // `{,` is not JSON, though `{}}` would parse.
    if head.trim_end().ends_with('{') {
        return None;
    }
    let head = format!("{head}{}", "}".repeat(depth));
    let tail = format!("{}{{{}", "{\"\":".repeat(depth - 1), &text[cut..]);
    parse_side_by_side(&head, &tail, depth, |text| {
        serde_json::from_str::<serde_yaml::Mapping>(text).ok()
    })
}

/// Parses a pretty-printed JSON document larger than [`JSON_SPLIT_MAX`] member by member, the
/// members side by side ([`crate::parallel::map_in_order`]): each member's value is a slice of
/// the text, so nothing is copied (GitHub's dereferenced description is two members of 38 and
/// 32 MB, `paths` and `x-webhooks`). A member starts on a line indented as the first one and
/// starting with `"`. `None` when the text is smaller, has one member, or when a member does not
/// parse, the text between members is not a comma, or a key repeats: the caller then parses the
/// whole text, which also locates any error. Each part parsed as one whole value, and the text
/// around them is the object's punctuation, so the members are the document's, in order.
fn json_members(text: &str) -> Option<serde_yaml::Value> {
    if text.len() <= JSON_SPLIT_MAX {
        return None;
    }
    members_side_by_side(text)
}

/// [`json_members`], whatever the text's size.
fn members_side_by_side(text: &str) -> Option<serde_yaml::Value> {
    let body = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let indent = member_indent(body)?;
    let starts = member_starts(body, indent);
    if starts.len() < 2 || !body[..starts[0]].trim().is_empty() {
        return None;
    }
    // Each member's text, without the comma that ends all but the last.
    let mut members = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(body.len());
        let member = body[start..end].trim_end();
        let member = if i + 1 < starts.len() {
            member.strip_suffix(',')?
        } else {
            member
        };
        members.push(member);
    }
    let parsed = crate::parallel::map_in_order(&members, |member| {
        let mut key = serde_json::Deserializer::from_str(member).into_iter::<String>();
        let name = key.next()?.ok()?;
        let value = member[key.byte_offset()..].trim_start().strip_prefix(':')?;
        let value = serde_json::from_str::<serde_yaml::Value>(value).ok()?;
        // The whole parse allows 127 levels (serde_json's limit), the object's own one of them.
        (!nests_deeper(&value, 126)).then_some((name, value))
    });
    let mut map = serde_yaml::Mapping::with_capacity(parsed.len());
    for member in parsed {
        let (name, value) = member?;
        if map.insert(serde_yaml::Value::String(name), value).is_some() {
            return None;
        }
    }
    Some(serde_yaml::Value::Mapping(map))
}

/// The indentation of a pretty-printed JSON object's first member: the spaces that start the
/// text's second line, followed by a `"`. `None` when the text is not written that way.
fn member_indent(text: &str) -> Option<usize> {
    let first_line = text.split_inclusive('\n').nth(1)?;
    let indent = first_line.len() - first_line.trim_start_matches(' ').len();
    (indent > 0 && first_line[indent..].starts_with('"')).then_some(indent)
}

/// The offsets in `body` of the lines that start with `indent` spaces and a `"`, found in
/// the two halves of `body` side by side. A JSON string holds no line break, so every line
/// starts outside strings.
fn member_starts(body: &str, indent: usize) -> Vec<usize> {
    let pattern = format!("\n{}\"", " ".repeat(indent));
    let mut middle = body.len() / 2;
    while !body.is_char_boundary(middle) {
        middle += 1;
    }
    let halves = [(0, middle), (middle, body.len())];
    let found = crate::parallel::map_in_order(&halves, |&(from, to)| {
        // A line break in this half, and what follows it in the next.
        let mut end = (to + pattern.len() - 1).min(body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        body[from..end]
            .match_indices(pattern.as_str())
            .map(|(at, _)| from + at)
            .filter(|&at| at < to)
            .map(|at| at + 1 + indent)
            .collect::<Vec<_>>()
    });
    found.concat()
}

/// Whether `value` holds more than `levels` levels of arrays and objects.
fn nests_deeper(value: &serde_yaml::Value, levels: usize) -> bool {
    match value {
        serde_yaml::Value::Mapping(map) => {
            levels == 0 || map.values().any(|v| nests_deeper(v, levels - 1))
        }
        serde_yaml::Value::Sequence(items) => {
            levels == 0 || items.iter().any(|v| nests_deeper(v, levels - 1))
        }
        _ => false,
    }
}

/// Parses the two halves of a document with `parse` side by side (the tail on a second thread)
/// and puts the tail after the head, `depth` mappings deep ([`join_halves`]); `None` when
/// either fails or a key would be repeated.
fn parse_side_by_side(
    head: &str,
    tail: &str,
    depth: usize,
    parse: impl Fn(&str) -> Option<serde_yaml::Mapping> + Sync,
) -> Option<serde_yaml::Value> {
    let (head, tail) = std::thread::scope(|scope| {
        let tail = scope.spawn(|| parse(tail));
        let head = parse(head);
        (head, tail.join().ok().flatten())
    });
    let (mut map, tail) = (head?, tail?);
    join_halves(&mut map, tail, depth)?;
    Some(serde_yaml::Value::Mapping(map))
}

/// Puts `tail` after `head`, `depth` mappings deep: below the top, the head's last member and
/// the tail's first are the two parts of the mapping the cut was in (see [`json_halves`]); at
/// the top, the tail's members follow the head's.
fn join_halves(
    head: &mut serde_yaml::Mapping,
    tail: serde_yaml::Mapping,
    depth: usize,
) -> Option<()> {
    let mut tail = tail.into_iter();
    if depth > 1 {
        let (_, serde_yaml::Value::Mapping(inner_tail)) = tail.next()? else {
            return None;
        };
        let (_, serde_yaml::Value::Mapping(inner_head)) = head.iter_mut().last()? else {
            return None;
        };
        join_halves(inner_head, inner_tail, depth - 1)?;
    }
    for (key, value) in tail {
        if head.contains_key(&key) {
            return None;
        }
        head.insert(key, value);
    }
    Some(())
}

/// Parses a large block-style YAML document in two halves side by side, cut at the top-level
/// key nearest the middle: the YAML parser reads one event at a time and is the longest step of
/// loading a large document. `None` when the text is small, not a plain block mapping at the
/// top, holds directives or several documents, or when either half fails to parse or both
/// halves have the same key (an alias to an anchor of the other half fails, for one): the
/// caller then parses the whole text, which also locates any error. Two halves of a block
/// mapping cut before a top-level key parse to the two parts of the whole mapping, in order.
fn parse_halves(text: &str) -> Option<serde_yaml::Value> {
    if text.len() < SPLIT_PARSE_MIN {
        return None;
    }
    let top_key = |line: &str| {
        let key_end = line.find(':')?;
        let key = &line[..key_end];
        let rest = &line[key_end + 1..];
        let plain = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        (plain && (rest.is_empty() || rest.starts_with([' ', '\r']))).then_some(())
    };
    let mut first_content = true;
    let mut cut = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches('\n');
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        let starts_content = !line.is_empty() && !line.starts_with([' ', '\t', '#', '\r']);
        if starts_content {
            if first_content && top_key(line.trim_start_matches('\u{feff}')).is_none() {
                return None;
            }
            first_content = false;
            if top_key(line).is_some() && start > 0 {
                let better = cut.is_none_or(|c: usize| {
                    start.abs_diff(text.len() / 2) < c.abs_diff(text.len() / 2)
                });
                if better {
                    cut = Some(start);
                }
            }
        }
    }
    let (head, tail) = text.split_at(cut?);
    parse_side_by_side(head, tail, 1, |text| {
        serde_yaml::from_str::<serde_yaml::Mapping>(text).ok()
    })
}

/// Deserializes the document with `paths`, `components` and the components' `examples` read
/// on their own, side by side on two threads (a thread that finishes its part takes the next);
/// `None` when any part does not match (the caller then reads the whole document again,
/// tracking where it fails). `openapiv3` collects the extensions of each object with
/// `#[serde(flatten)]`, which copies every value below that object into a buffer first:
/// reading the large members directly skips that copy of the whole document, and shares the
/// wait.
fn deserialize_split(value: serde_yaml::Value) -> Option<OpenAPI> {
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
    ]
    .map(|part| std::sync::Mutex::new(Some(part)));
    let read = crate::parallel::map_in_order(&parts, |part| {
        let part = part.lock().ok()?.take()?;
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

/// A part of the document [`deserialize_split`] reads on its own.
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

/// A YAML syntax error, located by the parser, with duplicate keys found at their second
/// occurrence and a hint for tabs.
fn yaml_error(source: &Source, e: &serde_yaml::Error) -> Error {
    let mut error = Error {
        file: source.file.clone(),
        line: e.location().map(|l| (l.line(), l.column())),
        pointer: String::new(),
        message: format!("not valid YAML: {}", strip_location(&e.to_string())),
    };
    let text = strip_location(&e.to_string());
    if let Some((path, key)) = duplicate_key(&text) {
        let pointer = pointer::join(&pointer::from_dotted(path), key);
        if let Some(line) = second_occurrence(&source.text, &pointer, key) {
            error.line = Some(line);
        }
        error.pointer = pointer;
        error.message = format!(
            "not valid YAML: duplicate key `{key}` (each key may appear once in a mapping)"
        );
    } else if let Some((line, _)) = error.line {
        let raw = source
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("");
        let indent: String = raw.chars().take_while(|c| c.is_whitespace()).collect();
        if indent.contains('\t') {
            error
                .message
                .push_str(" (YAML is indented with spaces, not tabs)");
        }
    }
    error
}

/// `path: duplicate entry with key "k"` (or without the path, at the top level).
fn duplicate_key(message: &str) -> Option<(&str, &str)> {
    const MARK: &str = "duplicate entry with key \"";
    let at = message.find(MARK)?;
    let key = message[at + MARK.len()..].strip_suffix('"')?;
    let path = message[..at].strip_suffix(": ").unwrap_or("");
    Some((path, key))
}

/// Where `key` appears a second time in the block mapping whose first `key` is at `pointer`.
fn second_occurrence(text: &str, pointer: &str, key: &str) -> Option<(usize, usize)> {
    let (line, column) = locate(text, pointer)?;
    for (i, raw) in text.lines().enumerate().skip(line) {
        let content = raw.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = raw.len() - content.len();
        if indent + 1 < column {
            return None;
        }
        let name = content.split(':').next().unwrap_or("").trim();
        if indent + 1 == column && name.trim_matches(|c| c == '\'' || c == '"') == key {
            return Some((i + 1, column));
        }
    }
    None
}

/// The first line holding a YAML merge key.
fn find_merge_key(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, raw)| {
        let content = raw.trim_start();
        content
            .starts_with("<<:")
            .then(|| (i + 1, raw.len() - content.len() + 1))
    })
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
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
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

/// serde_yaml appends " at line X column Y" to messages; the location is reported separately.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Finds the line and column (1-based) of the node at `pointer` in block-style YAML.
///
/// Best effort: walks the text by indentation, matching mapping keys (plain or quoted)
/// and counting sequence items. Returns the deepest node it could reach, or `None` when
/// not even the first token is found (flow-style or JSON documents, for instance).
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    if is_flow(text) {
        return locate_json(text, &json_index(text), pointer);
    }
    locate_in(text, &virtual_lines(text), pointer)
}

/// Whether the document is JSON (or flow-style YAML) rather than block-style YAML.
fn is_flow(text: &str) -> bool {
    text.trim_start().starts_with(['{', '['])
}

/// One line of block-style YAML, or a part of it: a `- key: v` line is a sequence marker at
/// the dash's indent followed by `key: v` at the indent of its text.
struct VirtualLine {
    line: usize,
    indent: usize,
    /// Byte range of the content in the text (empty for a dash).
    content: std::ops::Range<usize>,
    dash: bool,
}

/// The virtual lines of `text`, computed once per document by [`Source`].
fn virtual_lines(text: &str) -> Vec<VirtualLine> {
    let mut virtuals = Vec::new();
    let mut offset = 0;
    for (line, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let raw = raw.trim_end_matches(['\n', '\r']);
        let mut indent = raw.len() - raw.trim_start().len();
        let mut content = raw.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        while let Some(rest) = content
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            virtuals.push(VirtualLine {
                line,
                indent,
                content: 0..0,
                dash: true,
            });
            let trimmed = rest.trim_start();
            indent += 1 + rest.len() - trimmed.len();
            content = trimmed;
        }
        if !content.is_empty() {
            let at = start + (raw.len() - content.len());
            virtuals.push(VirtualLine {
                line,
                indent,
                content: at..at + content.len(),
                dash: false,
            });
        }
    }
    virtuals
}

/// [`locate`] in block-style YAML, over its [`virtual_lines`].
fn locate_in(text: &str, virtuals: &[VirtualLine], pointer: &str) -> Option<(usize, usize)> {
    let mut found = None;
    let (mut from, mut parent_indent, mut parent_key) = (0usize, -1isize, false);
    for token in pointer::tokens(pointer) {
        let mut child_indent = None;
        let mut item = 0usize;
        let mut hit = None;
        for (i, v) in virtuals.iter().enumerate().skip(from) {
            // The items of a block sequence may sit at the indent of their key (`key:\n- a`).
            let compact_item = parent_key && v.dash && v.indent as isize == parent_indent;
            if (v.indent as isize) <= parent_indent && !compact_item {
                break;
            }
            if *child_indent.get_or_insert(v.indent) != v.indent {
                continue;
            }
            if v.dash {
                if token.parse::<usize>().ok() == Some(item) {
                    hit = Some(i);
                    break;
                }
                item += 1;
            } else {
                let key = text[v.content.clone()]
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .trim();
                if key.trim_matches(|c| c == '\'' || c == '"') == token {
                    hit = Some(i);
                    break;
                }
            }
        }
        let Some(i) = hit else { break };
        let v = &virtuals[i];
        found = Some((v.line + 1, v.indent + 1));
        from = i + 1;
        parent_indent = v.indent as isize;
        parent_key = !v.dash;
    }
    found
}

/// Finds the line and column (1-based) of the node at `pointer` in a JSON (or YAML flow)
/// document: the key of an object member, the start of an array item. Returns the deepest
/// node found, or `None` when not even the first token is there.
fn locate_json(text: &str, index: &JsonIndex, pointer: &str) -> Option<(usize, usize)> {
    let target: Vec<String> = pointer::tokens(pointer).collect();
    // Start from the deepest indexed node on the pointer's path, when there is one: the scan
    // then covers that node alone, not the document up to it.
    let start = (1..=target.len().min(INDEX_DEPTH)).rev().find_map(|depth| {
        let prefix: String = target[..depth]
            .iter()
            .map(|t| format!("/{}", pointer::escape(t)))
            .collect();
        index
            .nodes
            .get(&prefix)
            .map(|&(key, value)| (depth, key, value))
    });
    let (skip, best, at) = match start {
        Some((depth, key, value)) => (depth, Some((0, key)), value),
        None => (0, None, 0),
    };
    let mut scanner = JsonScanner {
        text: text.as_bytes(),
        at,
        target: &target[skip..],
        best,
        stop: false,
    };
    let _ = scanner.value(0, true);
    let (_, offset) = scanner.best?;
    Some(index.line_column(text, offset))
}

/// How deep [`JsonIndex`] goes: `/paths/{path}/{method}`, `/components/schemas/{name}`.
const INDEX_DEPTH: usize = 3;

/// Byte offsets of the key and the value of each node of a JSON (or flow YAML) document up to
/// [`INDEX_DEPTH`] tokens deep, by pointer.
type NodeIndex = std::collections::HashMap<String, (usize, usize)>;

/// Where to start looking for a pointer in a JSON (or flow YAML) document, and where its lines
/// start, so that a document with hundreds of located messages is scanned once, not once each.
#[derive(Debug, Default)]
struct JsonIndex {
    nodes: NodeIndex,
    /// The byte offset of the start of each line after the first.
    line_starts: Vec<usize>,
}

impl JsonIndex {
    /// Line and column (1-based, the column in characters) of a byte offset.
    fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = if line == 0 {
            0
        } else {
            self.line_starts[line - 1]
        };
        (line + 1, text[start..offset].chars().count() + 1)
    }
}

/// The [`JsonIndex`] of `text` (with fewer nodes when it does not scan to the end).
fn json_index(text: &str) -> JsonIndex {
    let mut nodes = NodeIndex::new();
    let mut scanner = JsonScanner {
        text: text.as_bytes(),
        at: 0,
        target: &[],
        best: None,
        stop: false,
    };
    let _ = scanner.index(0, &mut String::new(), &mut nodes);
    let line_starts = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    JsonIndex { nodes, line_starts }
}

struct JsonScanner<'a> {
    text: &'a [u8],
    at: usize,
    target: &'a [String],
    /// Depth and byte offset of the deepest node found on the pointer's path.
    best: Option<(usize, usize)>,
    /// Set when a container on the pointer's path closes: nothing after it is on the path.
    stop: bool,
}

impl JsonScanner<'_> {
    fn skip_space(&mut self) {
        while self.at < self.text.len() && self.text[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn found(&mut self, depth: usize, offset: usize) {
        if self.best.is_none_or(|(d, _)| depth > d) {
            self.best = Some((depth, offset));
        }
    }

    /// Whether the rest of the text can be skipped: the whole pointer was found, or a container
    /// on its path has closed (the rest of the document is elsewhere). A document of 13 MB is
    /// then scanned only up to the node, not through to its end, for each located message.
    fn done(&self) -> bool {
        self.stop || self.best.is_some_and(|(d, _)| d == self.target.len())
    }

    /// One value; `on_path` when its pointer is a prefix of the target. `None` on bad syntax.
    fn value(&mut self, depth: usize, on_path: bool) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    if self.peek()? == b'}' {
                        self.at += 1;
                        return Some(());
                    }
                    let start = self.at;
                    let child = if on_path {
                        let key = self.key()?;
                        self.target.get(depth) == Some(&key)
                    } else {
                        self.skip_key()?;
                        false
                    };
                    if child {
                        self.found(depth + 1, start);
                        if self.done() {
                            return Some(());
                        }
                    }
                    self.skip_space();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    self.value(depth + 1, child)?;
                    if self.done() {
                        return Some(());
                    }
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            self.stop |= on_path;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut index = 0usize;
                loop {
                    self.skip_space();
                    if self.peek()? == b']' {
                        self.at += 1;
                        return Some(());
                    }
                    let child = on_path && self.target.get(depth) == Some(&index.to_string());
                    if child {
                        self.found(depth + 1, self.at);
                        if self.done() {
                            return Some(());
                        }
                    }
                    self.value(depth + 1, child)?;
                    if self.done() {
                        return Some(());
                    }
                    index += 1;
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            self.stop |= on_path;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' | b'\'' => self.skip_key(),
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, b',' | b'}' | b']'))
                {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// Passes a quoted string, or a plain YAML flow key up to the `:`, without decoding it.
    fn skip_key(&mut self) -> Option<()> {
        match self.peek()? {
            quote @ (b'"' | b'\'') => {
                self.at += 1;
                loop {
                    let c = self.peek()?;
                    if c == quote {
                        if quote == b'\'' && self.text.get(self.at + 1) == Some(&b'\'') {
                            self.at += 2;
                            continue;
                        }
                        break;
                    }
                    if c == b'\\' && quote == b'"' {
                        self.at += 1;
                    }
                    self.at += 1;
                }
                self.at += 1;
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| c != b':' && c != b',' && c != b'}')
                {
                    self.at += 1;
                }
            }
        }
        Some(())
    }

    /// Records, for every node up to [`INDEX_DEPTH`] tokens deep, the offsets of its key (or
    /// item) and of its value, under its pointer (`prefix` and the escaped key).
    fn index(&mut self, depth: usize, prefix: &mut String, out: &mut NodeIndex) -> Option<()> {
        self.skip_space();
        let object = match self.peek()? {
            b'{' => true,
            b'[' => false,
            _ => return self.value(depth, false),
        };
        self.at += 1;
        let mut item = 0usize;
        loop {
            self.skip_space();
            if self.peek()? == if object { b'}' } else { b']' } {
                self.at += 1;
                return Some(());
            }
            let start = self.at;
            let token = if object {
                let key = self.key()?;
                self.skip_space();
                if self.peek()? != b':' {
                    return None;
                }
                self.at += 1;
                self.skip_space();
                pointer::escape(&key)
            } else {
                item += 1;
                (item - 1).to_string()
            };
            let len = prefix.len();
            prefix.push('/');
            prefix.push_str(&token);
            out.insert(prefix.clone(), (start, self.at));
            if depth + 1 < INDEX_DEPTH {
                self.index(depth + 1, prefix, out)?;
            } else {
                self.value(depth + 1, false)?;
            }
            prefix.truncate(len);
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                c if c == if object { b'}' } else { b']' } => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A quoted string (decoded), or a plain YAML flow key up to the `:`.
    fn key(&mut self) -> Option<String> {
        let start = self.at;
        match self.peek()? {
            quote @ (b'"' | b'\'') => {
                self.at += 1;
                loop {
                    let c = self.peek()?;
                    if c == quote {
                        // YAML writes a single quote inside single quotes twice.
                        if quote == b'\'' && self.text.get(self.at + 1) == Some(&b'\'') {
                            self.at += 2;
                            continue;
                        }
                        break;
                    }
                    if c == b'\\' && quote == b'"' {
                        self.at += 1;
                    }
                    self.at += 1;
                }
                self.at += 1;
                let raw = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                if quote == b'"' {
                    serde_json::from_str(raw).ok()
                } else {
                    Some(raw[1..raw.len() - 1].replace("\'\'", "\'"))
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| c != b':' && c != b',' && c != b'}')
                {
                    self.at += 1;
                }
                let raw = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                Some(raw.trim().to_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block document larger than [`SPLIT_PARSE_MIN`]: `count` top-level keys, each with a
    /// nested mapping, and `extra` appended.
    fn large_document(count: usize, extra: &str) -> String {
        let mut text = String::from("# comment\nopenapi: 3.0.3\n");
        for i in 0..count {
            text.push_str(&format!(
                "x-key-{i}:\n  description: |\n    text {i}\n    more: text\n  list:\n  - a\n  - {{b: {i}}}\n"
            ));
        }
        text.push_str(extra);
        text
    }

    /// A JSON document YAML refuses: a C1 control character (U+0085) in a string and an
    /// integer beyond 64 bits.
    const JSON_YAML_REFUSES: &str =
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"},
 \"paths\": {}, \"components\": {\"schemas\": {\"Big\": {\"type\": \"integer\",
 \"description\": \"next\u{85}line\", \"maximum\": 18446744073709552000}}}}";

    #[test]
    fn json_is_read_as_json() {
        assert!(
            serde_yaml::from_str::<serde_yaml::Value>(JSON_YAML_REFUSES).is_err(),
            "YAML refuses the document"
        );
        for name in ["api.json", "API.JSON", "api.yaml", "api"] {
            let document = parse(&Source::new(name, JSON_YAML_REFUSES))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let big = &document.components.unwrap().schemas["Big"];
            let openapiv3::ReferenceOr::Item(big) = big else {
                panic!("{name}: not an item")
            };
            assert_eq!(
                big.schema_data.description.as_deref(),
                Some("next\u{85}line")
            );
        }
        // A byte order mark before the JSON is allowed.
        let marked = format!("\u{feff}{JSON_YAML_REFUSES}");
        assert!(parse(&Source::new("api.json", marked)).is_ok());
    }

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
            assert_eq!(deserialize_split(value), Some(whole), "{text}");
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
            assert_eq!(deserialize_split(value), None, "{broken}");
        }
    }

    #[test]
    fn json_has_no_merge_keys() {
        // In YAML, `<<` merges a mapping into the one holding it; in JSON it is a name like
        // any other, here a property's.
        let text = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {},
 "components": {"schemas": {"Shift": {"type": "object",
 "properties": {"<<": {"type": "integer"}, "x": {"type": "string"}}}}}}"#;
        let document = parse(&Source::new("api.json", text)).unwrap_or_else(|e| panic!("{e}"));
        let openapiv3::ReferenceOr::Item(shift) = &document.components.unwrap().schemas["Shift"]
        else {
            panic!("not an item")
        };
        let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &shift.schema_kind
        else {
            panic!("not an object: {shift:?}")
        };
        let names: Vec<&str> = object.properties.keys().map(String::as_str).collect();
        assert_eq!(names, ["<<", "x"]);
    }

    #[test]
    fn flow_yaml_that_is_not_json_is_read_as_yaml() {
        let text = "{openapi: 3.0.3, info: {title: T, version: '1'}, paths: {}}";
        assert!(parse(&Source::new("api.yaml", text)).is_ok());
        let error = parse(&Source::new("api.json", text))
            .unwrap_err()
            .to_string();
        assert_eq!(error, "api.json:1:2: not valid JSON: key must be a string");
    }

    #[test]
    fn json_errors_keep_line_column_and_pointer() {
        let cases = [
            (
                "{\"openapi\": \"3.0.3\",\n \"paths\": {\"/a\": {\"get\": {,}}}}",
                "api.json:2:27: at /paths/~1a/get: not valid JSON: key must be a string",
            ),
            (
                "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"T\",\n  \"title\": \"U\"}}",
                "api.json:3:9: at /info/title: not valid JSON: duplicate key `title` (each key may appear once in an object)",
            ),
            (
                "{\"openapi\": \"3.0.3\",\n \"paths\": {\"/a\": []}",
                "api.json:2:20: not valid JSON: EOF while parsing an object",
            ),
        ];
        for (text, expected) in cases {
            let error = parse(&Source::new("api.json", text)).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn yaml_keeps_the_yaml_1_2_core_schema() {
        let value: serde_yaml::Value =
            serde_yaml::from_str("[yes, no, on, off, y, n, true, 0x1F]").unwrap();
        let strings: Vec<_> = value
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect();
        let owned = |s: &str| Some(s.to_owned());
        assert_eq!(
            strings,
            [
                owned("yes"),
                owned("no"),
                owned("on"),
                owned("off"),
                owned("y"),
                owned("n"),
                None,
                None
            ]
        );
    }

    /// A pretty-printed JSON document larger than [`SPLIT_PARSE_MIN`], with `paths` and
    /// `components/schemas` of `count` members each, indented by `indent` spaces.
    fn large_json(count: usize, indent: usize) -> String {
        let member = |i: usize| {
            serde_json::json!({
                "description": format!("member {i}, \"quoted\",\n  \"x\": on a new line, €€€€€€€€"),
                "list": [i, {"nested": {"deeper": [true, null, 1.5]}}],
            })
        };
        let paths: serde_json::Map<_, _> = (0..count)
            .map(|i| (format!("/p{i:05}"), member(i)))
            .collect();
        let schemas: serde_json::Map<_, _> = (0..count)
            .map(|i| (format!("S{i:05}"), member(i)))
            .collect();
        let document = serde_json::json!({
            "openapi": "3.0.3",
            "paths": paths,
            "components": {"schemas": schemas},
            "x-last": [1, 2],
        });
        let indent = " ".repeat(indent);
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        serde::Serialize::serialize(&document, &mut serializer).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_members_parse_to_the_whole_document() {
        let parse = |text: &str| serde_json::from_str::<serde_yaml::Value>(text);
        for indent in [2, 4] {
            let text = large_json(300, indent);
            assert_eq!(members_side_by_side(&text), Some(parse(&text).unwrap()));
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(members_side_by_side(&crlf), Some(parse(&crlf).unwrap()));
        }
        // The whole parse allows 127 levels: a member as deep as that allows parses, one level
        // deeper is left to the whole parse, which refuses it.
        let nested = |levels: usize| {
            format!(
                "{{\n  \"a\": 1,\n  \"deep\": {}{}\n}}",
                "[".repeat(levels),
                "]".repeat(levels)
            )
        };
        assert_eq!(
            members_side_by_side(&nested(126)),
            Some(parse(&nested(126)).unwrap())
        );
        assert!(parse(&nested(127)).is_err());
        assert_eq!(members_side_by_side(&nested(127)), None);
        // Left to the whole parse: one member, a repeated key, a broken member, a line that
        // looks like a member inside one, text after the object, a minified document.
        for text in [
            "{\n  \"a\": 1\n}",
            "{\n  \"a\": 1,\n  \"a\": 2\n}",
            "{\n  \"a\": 1,\n  \"b\": [1,\n}",
            "{\n  \"a\": [\n  \"x\"\n  ],\n  \"b\": 2\n}",
            "{\n  \"a\": 1\n  \"b\": 2\n}",
            "{\"a\": 1, \"b\": 2}",
        ] {
            assert_eq!(members_side_by_side(text), None, "{text}");
        }
    }

    #[test]
    fn json_halves_parse_to_the_whole_document() {
        // The middle in `paths`, at two indentations; in the middle of a character (`€` is three
        // bytes) for some counts.
        let base = large_json(3000, 2);
        let inside_a_character = (0..400)
            .map(|pad| base.replacen("\"3.0.3\"", &format!("\"3.0.3{}\"", " ".repeat(pad)), 1))
            .find(|text| !text.is_char_boundary(text.len() / 2))
            .expect("a middle inside a character");
        let texts = [large_json(3000, 2), large_json(3000, 4), inside_a_character];
        for (i, text) in texts.into_iter().enumerate() {
            assert!(text.len() > SPLIT_PARSE_MIN);
            let whole: serde_yaml::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(json_halves(&text), Some(whole), "text {i}");
        }
        // A cut in the last top-level object, after first members that cannot be cut before.
        let mut document: serde_json::Value = serde_json::from_str(&large_json(3000, 2)).unwrap();
        document["x-webhooks"] = document["paths"].take();
        document["paths"] = serde_json::json!({"/only": {}});
        let text = serde_json::to_string_pretty(&document).unwrap();
        let whole: serde_yaml::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json_halves(&text), Some(whole));
        // Only `components/schemas` is large: a cut before a schema, three objects deep; a
        // schema name repeated across that cut is left to the whole parse.
        let text = schemas_only();
        let whole: serde_yaml::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json_halves(&text), Some(whole));
        let repeated = text.replace("\"S05999\"", "\"S00000\"");
        assert_ne!(repeated, text);
        assert_eq!(json_halves(&repeated), None);
        assert!(serde_json::from_str::<serde_yaml::Value>(&repeated).is_err());
    }

    /// [`large_json`] with its paths taken out: a document whose size is its schemas.
    fn schemas_only() -> String {
        let mut document: serde_json::Value = serde_json::from_str(&large_json(6000, 2)).unwrap();
        document["paths"] = serde_json::json!({});
        serde_json::to_string_pretty(&document).unwrap()
    }

    #[test]
    fn json_halves_give_way_to_the_whole_parse_when_they_cannot_be_trusted() {
        // Too small; not indented (minified).
        assert_eq!(json_halves("{\n  \"a\": 1\n}"), None);
        let text = large_json(3000, 2);
        let minified =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap())
                .unwrap();
        assert_eq!(json_halves(&minified), None);
        // A key of `paths` repeated across the cut: the whole parse reports it.
        let repeated = text.replace("\"/p02999\"", "\"/p00000\"");
        assert_ne!(repeated, text);
        assert_eq!(json_halves(&repeated), None);
        assert!(serde_json::from_str::<serde_yaml::Value>(&repeated).is_err());
        // `{,` before the cut, which `{}}` would hide.
        let filler = "x".repeat(SPLIT_PARSE_MIN);
        let broken = format!(
            "{{\n  \"a\": {{\n    \"k\": \"{filler}\"\n  }},\n  \"b\": {{,\n    \"k\": 1\n  }}\n}}"
        );
        assert_eq!(json_halves(&broken), None);
        assert!(serde_json::from_str::<serde_yaml::Value>(&broken).is_err());
        // A syntax error in either half.
        for (from, to) in [
            ("\"/p00001\"", "\"/p00001\" x"),
            ("\"S02000\"", "\"S02000\" x"),
        ] {
            let broken = text.replacen(from, to, 1);
            assert_ne!(broken, text);
            assert_eq!(json_halves(&broken), None);
        }
    }

    #[test]
    fn halves_parse_to_the_whole_document() {
        let text = large_document(5000, "last: [1, 2]\n");
        assert!(text.len() > SPLIT_PARSE_MIN);
        let whole: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(parse_halves(&text), Some(whole));
    }

    #[test]
    fn halves_give_way_to_the_whole_parse_when_they_cannot_be_trusted() {
        // Too small, several documents, a duplicate key across the halves, an alias to an
        // anchor of the other half, a document that is not a mapping.
        assert_eq!(parse_halves("a: 1\nb: 2\n"), None);
        assert_eq!(parse_halves(&large_document(5000, "---\nb: 1\n")), None);
        assert_eq!(
            parse_halves(&large_document(5000, "x-key-1: again\n")),
            None
        );
        let aliased = format!(
            "anchor: &a {{x: 1}}\n{}",
            large_document(5000, "alias: *a\n")
        );
        assert_eq!(parse_halves(&aliased), None);
        assert!(serde_yaml::from_str::<serde_yaml::Value>(&aliased).is_ok());
        assert_eq!(
            parse_halves(&format!("- {}", "x".repeat(SPLIT_PARSE_MIN))),
            None
        );
    }

    const DOC: &str = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n        - $ref: '#/x'\n      responses:\n        '200':\n          description: ok\n";

    #[test]
    fn locates_items_of_a_sequence_at_the_indent_of_its_key() {
        let doc = "a:\n  anyOf:\n  - type: 'null'\n  - $ref: x\n  b: 1\nc: 2\n";
        assert_eq!(locate(doc, "/a/anyOf/1"), Some((4, 3)));
        assert_eq!(locate(doc, "/a/anyOf/1/$ref"), Some((4, 5)));
        assert_eq!(locate(doc, "/a/b"), Some((5, 3)));
        assert_eq!(locate(doc, "/a/anyOf/2"), Some((2, 3)));
        assert_eq!(locate(doc, "/c"), Some((6, 1)));
    }

    #[test]
    fn locates_keys_and_items() {
        assert_eq!(locate(DOC, "/paths"), Some((2, 1)));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get"), Some((4, 5)));
        assert_eq!(
            locate(DOC, "/paths/~1a~1{id}/get/parameters/1"),
            Some((8, 9))
        );
        assert_eq!(
            locate(DOC, "/paths/~1a~1{id}/get/parameters/0/in"),
            Some((7, 11))
        );
        assert_eq!(
            locate(DOC, "/paths/~1a~1{id}/get/parameters/0/name"),
            Some((6, 11))
        );
        assert_eq!(
            locate(DOC, "/paths/~1a~1{id}/get/responses/200/description"),
            Some((11, 11))
        );
        // A missing leaf reports the deepest node found.
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/post"), Some((3, 3)));
        assert_eq!(locate(DOC, "/nothing"), None);
    }

    #[test]
    fn locates_in_json_and_flow_style() {
        let json = "{\"openapi\": \"3.1.0\",\n \"paths\": {\"/a/{id}\": {\"get\": {\n   \"parameters\": [{\"name\": \"id\"}, {\"name\": \"q\", \"in\": \"query\"}]}}},\n \"x\\\"y\": [1, [2, 3]]}";
        assert_eq!(locate(json, "/openapi"), Some((1, 2)));
        assert_eq!(locate(json, "/paths/~1a~1{id}/get"), Some((2, 24)));
        assert_eq!(
            locate(json, "/paths/~1a~1{id}/get/parameters/1"),
            Some((3, 35))
        );
        assert_eq!(
            locate(json, "/paths/~1a~1{id}/get/parameters/1/in"),
            Some((3, 49))
        );
        assert_eq!(locate(json, "/x\"y/1/0"), Some((4, 15)));
        // The deepest node found, or nothing.
        assert_eq!(locate(json, "/paths/~1b"), Some((2, 2)));
        assert_eq!(locate(json, "/nothing"), None);
        assert_eq!(locate("{\"a\": [1, {\"b\"", "/a/1/b"), Some((1, 12)));
        assert_eq!(locate("{a: {'b''c': 1}}", "/a/b'c"), Some((1, 6)));
    }

    /// The index only says where to start scanning: every pointer of a document, found or
    /// not, locates where a scan of the whole text does.
    #[test]
    fn the_json_index_changes_no_location() {
        let text = "{\"openapi\": \"3.0.3\", \"paths\": {\"/a/{id}\": {\"get\": {\"parameters\": [{\"name\": \"id\", \"schema\": {\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"string\"}]}}],\n \"responses\": {\"200\": {\"description\": \"a \\\"quoted\\\" {text}\"}}}}},\n \"x-webhooks\": {\"h\": {\"post\": {\"parameters\": [{\"name\": \"X-Hub-Signature-256\"}]}}},\n \"components\": {\"schemas\": {\"A\": {\"properties\": {\"b\": {\"items\": {\"$ref\": \"#/c\"}}}}}}}";
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut pointers = Vec::new();
        fn walk(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, inner) in map {
                        walk(inner, format!("{at}/{}", pointer::escape(key)), out);
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, inner) in items.iter().enumerate() {
                        walk(inner, format!("{at}/{i}"), out);
                    }
                }
                _ => {}
            }
            out.push(format!("{at}/missing"));
            out.push(at);
        }
        walk(&value, String::new(), &mut pointers);
        let index = json_index(text);
        assert!(
            index.nodes.contains_key("/paths/~1a~1{id}/get"),
            "{index:?}"
        );
        assert!(!index.nodes.contains_key("/paths/~1a~1{id}/get/parameters"));
        let lines_only = JsonIndex {
            nodes: NodeIndex::new(),
            line_starts: index.line_starts.clone(),
        };
        for pointer in &pointers {
            assert_eq!(
                locate_json(text, &index, pointer),
                locate_json(text, &lines_only, pointer),
                "{pointer}"
            );
        }
        assert!(pointers.len() > 40);
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

    #[test]
    fn yaml_error_helpers() {
        assert_eq!(
            duplicate_key("paths./a.get.parameters[1].schema: duplicate entry with key \"type\""),
            Some(("paths./a.get.parameters[1].schema", "type"))
        );
        assert_eq!(
            duplicate_key("duplicate entry with key \"info\""),
            Some(("", "info"))
        );
        assert_eq!(duplicate_key("did not find expected key"), None);
        let text = "a:\n  b: 1\n  c:\n    b: 2\n  b: 3\nb: 4\n";
        assert_eq!(second_occurrence(text, "/a/b", "b"), Some((5, 3)));
        assert_eq!(second_occurrence(text, "/a/c", "c"), None);
        assert_eq!(find_merge_key("a: 1\nb:\n  <<: *x\n"), Some((3, 3)));
    }

    /// The whole upstream Telnyx document (OpenAPI 3.1) loads, when it is present.
    #[test]
    fn upstream_document_loads() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/reference/telnyx-openapi-3.1.yml"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let source = Source::new("telnyx-openapi-3.1.yml", text);
        let (document, notes) = parse_with_notes(&source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(document.openapi, "3.0.3");
        assert_eq!(document.operations().count(), 1156);
        for note in &notes {
            eprintln!("note: {}: {}", note.pointer, note.message);
        }
        // An error deep inside is narrowed down to its schema and located.
        let at = source.text.find("maxLength: ").expect("a maxLength");
        let line = source.text[..at].matches('\n').count() + 1;
        let mut broken = source.text.clone();
        broken.insert(at + "maxLength: ".len(), '-');
        let broken = Source::new(source.file, broken);
        let error = parse(&broken).expect_err("a negative maxLength is an error");
        eprintln!("{error}");
        let (error_line, _) = error.line.expect("a line");
        assert!(error.pointer.split('/').count() > 4, "{error}");
        assert!((line - 3..line).contains(&error_line), "{error}");
        assert!(
            error.message.ends_with("expected a non-negative integer"),
            "{error}"
        );
    }
}
