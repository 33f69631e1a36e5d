//! Text → tree: the document read into a `serde_yaml::Value`, by a JSON or a YAML parser,
//! with syntax errors located. Large documents may be read in parts side by side
//! ([`super::split::parse`]); the result is the same tree.

use super::source::{locate, Source};
use super::split;
use crate::{pointer, Error, Threads};
use serde_yaml::Value;

/// Which parser reads a document's tree. A JSON parser gives a plain tree (string keys, no
/// tags, finite numbers, and `<<` a key like any other: JSON has no merge keys); a YAML tree
/// is made plain by [`super::normalize::plain`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON, read by `serde_json`.
    Json,
    /// YAML (1.2 core schema), read by `serde_yaml`.
    Yaml,
}

/// The document's tree. JSON (a `.json` file, or text that starts with `{`) is read by a JSON
/// parser: JSON is YAML in its syntax but not in what it allows in strings (C1 control
/// characters are legal JSON and illegal YAML) and numbers (JSON sets no range; an integer
/// beyond 64 bits is kept as the nearest float), and a JSON parser reads it several times
/// faster. Text that starts with `{` but is not JSON (flow-style YAML with plain keys, say) is
/// read as YAML, unless the file is named `.json`. YAML is read with the YAML 1.2 core schema:
/// `yes`, `no`, `on` and `off` are strings.
pub(crate) fn read(source: &Source, threads: &Threads) -> Result<(Value, Syntax), Error> {
    let json_file = source.file.to_ascii_lowercase().ends_with(".json");
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let limits = split::Limits::DEFAULT;
    if json_file || text.trim_start().starts_with('{') {
        if let Some(value) = split::parse(text, Syntax::Json, &limits, threads) {
            return Ok((value, Syntax::Json));
        }
        match whole_json(text) {
            Ok(value) => return Ok((value, Syntax::Json)),
            Err(e) if json_file => return Err(json_error(source, text, &e)),
            Err(_) => {}
        }
    }
    let value = match split::parse(&source.text, Syntax::Yaml, &limits, threads) {
        Some(value) => value,
        None => whole_yaml(&source.text).map_err(|e| yaml_error(source, &e))?,
    };
    Ok((value, Syntax::Yaml))
}

/// `text` read in one piece by the parser of `syntax` (`None` when it does not parse): the tree
/// every split read ([`super::split::parse`]) must give exactly, or give way to.
pub fn whole(text: &str, syntax: Syntax) -> Option<Value> {
    match syntax {
        Syntax::Json => whole_json(text).ok(),
        Syntax::Yaml => whole_yaml(text).ok(),
    }
}

/// A JSON text read in one piece.
fn whole_json(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
}

/// A YAML text read in one piece.
fn whole_yaml(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str(text)
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
pub(super) fn find_merge_key(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, raw)| {
        let content = raw.trim_start();
        content
            .starts_with("<<:")
            .then(|| (i + 1, raw.len() - content.len() + 1))
    })
}

/// serde_yaml appends " at line X column Y" to messages; the location is reported separately.
pub(super) fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
