//! The document's text, and where a JSON pointer is in it: the one thing every message needs.

use crate::{pointer, Error};
use std::sync::OnceLock;

/// A document's text, how it is named in messages, and the index that locates pointers in it
/// (built at the first located message, or ahead of it by [`Source::index_lines`]).
pub struct Source {
    /// How the file is named in messages.
    pub file: String,
    /// The document text.
    pub text: String,
    /// The path it was read from, when it was read from a file: references to other files
    /// are found relative to it.
    pub path: Option<std::path::PathBuf>,
    /// The text's virtual lines (block-style YAML).
    lines: OnceLock<Vec<VirtualLine>>,
    /// Where the first levels of a JSON (or flow YAML) document are.
    json: OnceLock<JsonIndex>,
}

impl Source {
    /// The document `text`, named `file` in messages.
    pub fn new(file: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            file: file.into(),
            text: text.into(),
            path: None,
            lines: OnceLock::new(),
            json: OnceLock::new(),
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

    /// An error at `pointer`, a pointer into the document as the user wrote it, with the line
    /// and column found for it in the text. (Pointers into the loaded document go through
    /// [`super::Locator`], which turns them back into the user's first.)
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error {
            file: self.file.clone(),
            line: self.locate(pointer),
            pointer: pointer.to_owned(),
            message: message.into(),
        }
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
}
