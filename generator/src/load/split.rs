//! Reading a large document's text in parts side by side: the one seam is [`parse`], which
//! gives either nothing or exactly the tree the whole parse ([`super::tree::whole`]) gives.
//!
//! The parser reads one event at a time and is the longest step of loading a large document,
//! so a large text is cut where a cut can be found without parsing (a line that starts a
//! member, by its indentation) and the parts are parsed on two threads. Anything doubtful
//! (a part that does not parse, a key that would repeat once the parts are put together, text
//! not laid out as expected) gives `None`, and the caller parses the whole text, which also
//! locates any error. Three readers, each for one kind of text:
//!
//! - `json_halves`: pretty-printed JSON between [`Limits::min`] and
//!   [`Limits::json_halves_max`] (GitHub's 13 MB description), in two halves;
//! - `json_members`: pretty-printed JSON larger than that (GitHub's 73 MB dereferenced
//!   description), member by member without copying the text;
//! - `yaml_halves`: block-style YAML from [`Limits::min`] up (the whole Telnyx document), in
//!   two halves cut at a top-level key.
//!
//! `docs/performance.md` says what each one saves. `tests/split_parse.rs` compares [`parse`] with
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
    /// JSON texts longer than this are read member by member, not in halves: the halves are
    /// copies of the text, and on a text this large their memory would count against the peak
    /// more than the time saved counts.
    pub json_halves_max: usize,
}

impl Limits {
    /// What loading uses: 256 KiB and 32 MiB.
    pub const DEFAULT: Limits = Limits {
        min: 256 * 1024,
        json_halves_max: 32 * 1024 * 1024,
    };

    /// Every text in parts, JSON in halves: how tests put small documents through
    /// `json_halves` and `yaml_halves`.
    pub const ALWAYS: Limits = Limits {
        min: 0,
        json_halves_max: usize::MAX,
    };

    /// Every text in parts, JSON member by member: how tests put small documents through
    /// `json_members`.
    pub const MEMBERS: Limits = Limits {
        min: 0,
        json_halves_max: 0,
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
        Syntax::Json => json_members(text, threads),
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

/// Parses a pretty-printed JSON document member by member, the members side by side: each member's value is a slice of
/// the text, so nothing is copied (GitHub's dereferenced description is two members of 38 and
/// 32 MB, `paths` and `x-webhooks`). A member starts on a line indented as the first one and
/// starting with `"`. `None` when the text has one member, or when a member does not
/// parse, the text between members is not a comma, or a key repeats: the caller then parses the
/// whole text, which also locates any error. Each part parsed as one whole value, and the text
/// around them is the object's punctuation, so the members are the document's, in order.
fn json_members(text: &str, threads: &Threads) -> Option<Value> {
    let body = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let indent = member_indent(body)?;
    let starts = member_starts(body, indent, threads);
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
    let parsed = threads.map(members, |member| {
        let mut key = serde_json::Deserializer::from_str(member).into_iter::<String>();
        let name = key.next()?.ok()?;
        let value = member[key.byte_offset()..].trim_start().strip_prefix(':')?;
        let value = serde_json::from_str::<Value>(value).ok()?;
        // The whole parse allows 127 levels (serde_json's limit), the object's own one of them.
        (!nests_deeper(&value, 126)).then_some((name, value))
    });
    let mut map = serde_yaml::Mapping::with_capacity(parsed.len());
    for member in parsed {
        let (name, value) = member?;
        if map.insert(Value::String(name), value).is_some() {
            return None;
        }
    }
    Some(Value::Mapping(map))
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
fn member_starts(body: &str, indent: usize, threads: &Threads) -> Vec<usize> {
    let pattern = format!("\n{}\"", " ".repeat(indent));
    let mut middle = body.len() / 2;
    while !body.is_char_boundary(middle) {
        middle += 1;
    }
    let halves = [(0, middle), (middle, body.len())];
    let found = threads.map(halves, |(from, to)| {
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
fn nests_deeper(value: &Value, levels: usize) -> bool {
    match value {
        Value::Mapping(map) => levels == 0 || map.values().any(|v| nests_deeper(v, levels - 1)),
        Value::Sequence(items) => levels == 0 || items.iter().any(|v| nests_deeper(v, levels - 1)),
        _ => false,
    }
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
    fn json_members_parse_to_the_whole_document() {
        let parse = |text: &str| serde_json::from_str::<serde_yaml::Value>(text);
        for indent in [2, 4] {
            let text = large_json(300, indent);
            assert_eq!(json_members(&text, &two()), Some(parse(&text).unwrap()));
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(json_members(&crlf, &two()), Some(parse(&crlf).unwrap()));
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
            json_members(&nested(126), &two()),
            Some(parse(&nested(126)).unwrap())
        );
        assert!(parse(&nested(127)).is_err());
        assert_eq!(json_members(&nested(127), &two()), None);
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
            assert_eq!(json_members(text, &two()), None, "{text}");
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
