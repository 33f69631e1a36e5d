//! Reading a large document's text in parts side by side: the one seam is [`parse`], which
//! gives either nothing or exactly the tree the whole parse ([`super::tree::whole`]) gives.
//!
//! The parser reads one event at a time and is the longest step of loading a large document,
//! so a large text is cut where a cut can be found without parsing (a line that starts a
//! member, by its indentation) and the parts are parsed on two threads. Anything doubtful
//! (a part that does not parse, a key that would repeat once the parts are put together, text
//! not laid out as expected) gives `None`, and the caller parses the whole text, which also
//! locates any error. Two readers, each for one kind of text:
//!
//! - `json_halves`: pretty-printed JSON between [`Limits::min`] and
//!   [`Limits::json_halves_max`] (GitHub's 13 MB description), in two halves;
//! - `yaml_halves`: block-style YAML from [`Limits::min`] up (the whole Telnyx document), in
//!   two halves cut at a top-level key.
//!
//! Each is kept because it pays, measured side by side with the whole parse (`docs/performance.md`:
//! about a tenth of the whole Telnyx document's time, and 4-6 % of GitHub's). JSON larger than
//! [`Limits::json_halves_max`] (GitHub's 73 MB dereferenced description) is read whole: the halves
//! would be copies of the text, and reading it member by member without copying saved 2-3 % of
//! the time for 5-7 % more CPU, so that reader was removed. `tests/split_parse.rs` compares [`parse`] with
//! the whole parse over every document of the test suite, and the fuzz target does so for every
//! document it makes ([`Limits::ALWAYS`]).

use super::tree::Syntax;
use crate::Threads;
use serde_yaml::Value;

/// When [`parse`] reads a text in parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Texts shorter than this (in bytes) are read in one piece.
    pub min: usize,
    /// JSON texts longer than this are read whole: the halves are copies of the text, and on a
    /// text this large their memory would count against the peak more than the time saved
    /// counts.
    pub json_halves_max: usize,
}

impl Limits {
    /// What loading uses: 256 KiB and 32 MiB.
    pub const DEFAULT: Limits = Limits {
        min: 256 * 1024,
        json_halves_max: 32 * 1024 * 1024,
    };

    /// Every text in parts: how tests put small documents through `json_halves` and
    /// `yaml_halves`.
    pub const ALWAYS: Limits = Limits {
        min: 0,
        json_halves_max: usize::MAX,
    };
}

/// `text`, read in parts side by side when `limits` and `threads` allow: `None` (read the
/// whole text instead) or exactly the tree [`super::tree::whole`] gives for it. Never with a
/// single thread, which would only add the work of cutting and joining.
pub fn parse(text: &str, syntax: Syntax, limits: &Limits, threads: &Threads) -> Option<Value> {
    if text.len() < limits.min || threads.limit() < 2 {
        return None;
    }
    match syntax {
        Syntax::Json if text.len() <= limits.json_halves_max => json_halves(text, threads),
        Syntax::Json => None,
        Syntax::Yaml => yaml_halves(text, threads),
    }
}

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
/// the whole text, which also locates any error) when the text is not
/// indented that way, when either half fails, or when a key would be repeated once the halves
/// are put together.
fn json_halves(text: &str, threads: &Threads) -> Option<Value> {
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
    parse_side_by_side(threads, &head, &tail, depth, |text| {
        serde_json::from_str::<serde_yaml::Mapping>(text).ok()
    })
}

/// The indentation of a pretty-printed JSON object's first member: the spaces that start the
/// text's second line, followed by a `"`. `None` when the text is not written that way.
fn member_indent(text: &str) -> Option<usize> {
    let first_line = text.split_inclusive('\n').nth(1)?;
    let indent = first_line.len() - first_line.trim_start_matches(' ').len();
    (indent > 0 && first_line[indent..].starts_with('"')).then_some(indent)
}

/// Parses the two halves of a document with `parse` side by side (the tail on a second thread)
/// and puts the tail after the head, `depth` mappings deep ([`join_halves`]); `None` when
/// either fails or a key would be repeated.
fn parse_side_by_side(
    threads: &Threads,
    head: &str,
    tail: &str,
    depth: usize,
    parse: impl Fn(&str) -> Option<serde_yaml::Mapping> + Sync,
) -> Option<Value> {
    let (head, tail) = threads.join(|| parse(head), || parse(tail));
    let (mut map, tail) = (head?, tail?);
    join_halves(&mut map, tail, depth)?;
    Some(Value::Mapping(map))
}

/// Puts `tail` after `head`, `depth` mappings deep: below the top, the head's last member and
/// the tail's first are the two parts of the mapping the cut was in (see `json_halves`); at
/// the top, the tail's members follow the head's.
fn join_halves(
    head: &mut serde_yaml::Mapping,
    tail: serde_yaml::Mapping,
    depth: usize,
) -> Option<()> {
    let mut tail = tail.into_iter();
    if depth > 1 {
        let (_, Value::Mapping(inner_tail)) = tail.next()? else {
            return None;
        };
        let (_, Value::Mapping(inner_head)) = head.iter_mut().last()? else {
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
/// key nearest the middle. `None` when the text is not a plain block mapping at the
/// top, holds directives or several documents, or when either half fails to parse or both
/// halves have the same key (an alias to an anchor of the other half fails, for one): the
/// caller then parses the whole text, which also locates any error. Two halves of a block
/// mapping cut before a top-level key parse to the two parts of the whole mapping, in order.
fn yaml_halves(text: &str, threads: &Threads) -> Option<Value> {
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
    parse_side_by_side(threads, head, tail, 1, |text| {
        serde_yaml::from_str::<serde_yaml::Mapping>(text).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Threads {
        Threads::new(std::num::NonZeroUsize::new(2).unwrap())
    }

    /// A block document larger than [`Limits::DEFAULT.min`]: `count` top-level keys, each with a
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

    /// A pretty-printed JSON document larger than [`Limits::DEFAULT.min`], with `paths` and
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
            assert!(text.len() > Limits::DEFAULT.min);
            let whole: serde_yaml::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(json_halves(&text, &two()), Some(whole), "text {i}");
        }
        // A cut in the last top-level object, after first members that cannot be cut before.
        let mut document: serde_json::Value = serde_json::from_str(&large_json(3000, 2)).unwrap();
        document["x-webhooks"] = document["paths"].take();
        document["paths"] = serde_json::json!({"/only": {}});
        let text = serde_json::to_string_pretty(&document).unwrap();
        let whole: serde_yaml::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json_halves(&text, &two()), Some(whole));
        // Only `components/schemas` is large: a cut before a schema, three objects deep; a
        // schema name repeated across that cut is left to the whole parse.
        let text = schemas_only();
        let whole: serde_yaml::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json_halves(&text, &two()), Some(whole));
        let repeated = text.replace("\"S05999\"", "\"S00000\"");
        assert_ne!(repeated, text);
        assert_eq!(json_halves(&repeated, &two()), None);
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
        let small = "{\n  \"a\": {\n    \"b\": 1,\n    \"c\": 2\n  }\n}";
        assert!(json_halves(small, &two()).is_some());
        assert_eq!(parse(small, Syntax::Json, &Limits::DEFAULT, &two()), None);
        // Above the largest size cut in halves, JSON is read whole.
        let large = Limits {
            min: 0,
            json_halves_max: small.len() - 1,
        };
        assert_eq!(parse(small, Syntax::Json, &large, &two()), None);
        let text = large_json(3000, 2);
        let minified =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap())
                .unwrap();
        assert_eq!(json_halves(&minified, &two()), None);
        // A key of `paths` repeated across the cut: the whole parse reports it.
        let repeated = text.replace("\"/p02999\"", "\"/p00000\"");
        assert_ne!(repeated, text);
        assert_eq!(json_halves(&repeated, &two()), None);
        assert!(serde_json::from_str::<serde_yaml::Value>(&repeated).is_err());
        // `{,` before the cut, which `{}}` would hide.
        let filler = "x".repeat(Limits::DEFAULT.min);
        let broken = format!(
            "{{\n  \"a\": {{\n    \"k\": \"{filler}\"\n  }},\n  \"b\": {{,\n    \"k\": 1\n  }}\n}}"
        );
        assert_eq!(json_halves(&broken, &two()), None);
        assert!(serde_json::from_str::<serde_yaml::Value>(&broken).is_err());
        // A syntax error in either half.
        for (from, to) in [
            ("\"/p00001\"", "\"/p00001\" x"),
            ("\"S02000\"", "\"S02000\" x"),
        ] {
            let broken = text.replacen(from, to, 1);
            assert_ne!(broken, text);
            assert_eq!(json_halves(&broken, &two()), None);
        }
    }

    #[test]
    fn halves_parse_to_the_whole_document() {
        let text = large_document(5000, "last: [1, 2]\n");
        assert!(text.len() > Limits::DEFAULT.min);
        let whole: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(yaml_halves(&text, &two()), Some(whole));
    }

    #[test]
    fn halves_give_way_to_the_whole_parse_when_they_cannot_be_trusted() {
        // Too small, several documents, a duplicate key across the halves, an alias to an
        // anchor of the other half, a document that is not a mapping.
        assert!(yaml_halves("a: 1\nb: 2\n", &two()).is_some());
        assert_eq!(
            parse("a: 1\nb: 2\n", Syntax::Yaml, &Limits::DEFAULT, &two()),
            None
        );
        assert_eq!(
            yaml_halves(&large_document(5000, "---\nb: 1\n"), &two()),
            None
        );
        assert_eq!(
            yaml_halves(&large_document(5000, "x-key-1: again\n"), &two()),
            None
        );
        let aliased = format!(
            "anchor: &a {{x: 1}}\n{}",
            large_document(5000, "alias: *a\n")
        );
        assert_eq!(yaml_halves(&aliased, &two()), None);
        assert!(serde_yaml::from_str::<serde_yaml::Value>(&aliased).is_ok());
        assert_eq!(
            yaml_halves(&format!("- {}", "x".repeat(Limits::DEFAULT.min)), &two()),
            None
        );
    }
}
