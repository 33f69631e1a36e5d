//! Loading: text → YAML → `openapiv3::OpenAPI`, with errors that say where.

use crate::normalize::{self, Note, Version};
use crate::Error;
use openapiv3::OpenAPI;

/// A loaded document and the text it came from (kept to locate JSON pointers).
pub struct Source {
    /// How the file is named in messages.
    pub file: String,
    /// The document text.
    pub text: String,
}

impl Source {
    /// An error at `pointer`, with the line and column found for it in the text.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error {
            file: self.file.clone(),
            line: locate(&self.text, pointer),
            pointer: pointer.to_string(),
            message: message.into(),
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
    let mut value: serde_yaml::Value = serde_yaml::from_str(&source.text).map_err(|e| Error {
        file: source.file.clone(),
        line: e.location().map(|l| (l.line(), l.column())),
        pointer: String::new(),
        message: format!("not valid YAML: {}", strip_location(&e.to_string())),
    })?;
    let problem = |p: normalize::Problem| source.error(&p.pointer, p.message);
    let version = normalize::version(&value).map_err(problem)?;
    normalize::plain(&mut value).map_err(problem)?;
    normalize::check(&value).map_err(problem)?;
    let (notes, schema) = match version {
        Version::V30 => (Vec::new(), "the OpenAPI 3.0 schema"),
        Version::V31 => (
            normalize::normalize_31(&mut value),
            "the OpenAPI schema (3.1 read as 3.0)",
        ),
    };
    let document = serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = path_to_pointer(e.path());
        let message = strip_location(&e.inner().to_string());
        source.error(&pointer, format!("does not match {schema}: {message}"))
    })?;
    Ok((document, notes))
}

/// serde_yaml appends " at line X column Y" to messages; the location is reported separately.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
            }
            Segment::Unknown => {}
        }
    }
    pointer
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unescape_pointer(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Finds the line and column (1-based) of the node at `pointer` in block-style YAML.
///
/// Best effort: walks the text by indentation, matching mapping keys (plain or quoted)
/// and counting sequence items. Returns the deepest node it could reach, or `None` when
/// not even the first token is found (flow-style or JSON documents, for instance).
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    // Split every line into virtual lines: a `- key: v` line is a sequence marker at the
    // dash's indent followed by `key: v` at the indent of its text.
    struct Virtual<'a> {
        line: usize,
        indent: usize,
        content: &'a str,
        dash: bool,
    }
    let mut virtuals = Vec::new();
    for (line, raw) in text.lines().enumerate() {
        let mut indent = raw.len() - raw.trim_start().len();
        let mut content = raw.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        while let Some(rest) = content
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            virtuals.push(Virtual {
                line,
                indent,
                content: "",
                dash: true,
            });
            let trimmed = rest.trim_start();
            indent += 1 + rest.len() - trimmed.len();
            content = trimmed;
        }
        if !content.is_empty() {
            virtuals.push(Virtual {
                line,
                indent,
                content,
                dash: false,
            });
        }
    }
    let mut found = None;
    let (mut from, mut parent_indent) = (0usize, -1isize);
    for token in pointer.split('/').skip(1).map(unescape_pointer) {
        let mut child_indent = None;
        let mut item = 0usize;
        let mut hit = None;
        for (i, v) in virtuals.iter().enumerate().skip(from) {
            if (v.indent as isize) <= parent_indent {
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
                let key = v.content.split(':').next().unwrap_or("").trim();
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
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n        - $ref: '#/x'\n      responses:\n        '200':\n          description: ok\n";

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
        let source = Source {
            file: "telnyx-openapi-3.1.yml".into(),
            text,
        };
        let (document, notes) = parse_with_notes(&source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(document.openapi, "3.0.3");
        assert_eq!(document.operations().count(), 1156);
        for note in &notes {
            eprintln!("note: {}: {}", note.pointer, note.message);
        }
    }
}
