//! JSON pointers (RFC 6901): how every stage names a place in the document.
//!
//! A pointer is `""` (the whole document) or a sequence of `/token`, where `~` in a token is
//! written `~0` and `/` is written `~1`. [`crate::load`] (its normalising step too) and
//! [`crate::lower`] build pointers with these helpers; finding a pointer's line in the text is
//! [`crate::load::locate`]'s job.

/// Escapes one token: `~` → `~0`, then `/` → `~1`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one token: `~1` → `/`, then `~0` → `~` (so `~01` stays `~1`).
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `base` extended by one (unescaped) `token`.
pub fn join(base: &str, token: &str) -> String {
    let mut pointer = base.to_owned();
    push(&mut pointer, token);
    pointer
}

/// Appends the index `i` of an array item to `pointer`, without a temporary string.
pub fn push_index(pointer: &mut String, i: usize) {
    use std::fmt::Write as _;
    let _ = write!(pointer, "/{i}");
}

/// Appends one (unescaped) `token` to `pointer` (escaped as [`escape`] does, without a copy
/// of the token when there is nothing to escape, as there mostly is not).
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(&escape(token));
    } else {
        pointer.push_str(token);
    }
}

/// The pointer made of `tokens` (unescaped), from the document's root.
pub fn from_tokens<I>(tokens: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut pointer = String::new();
    for token in tokens {
        push(&mut pointer, token.as_ref());
    }
    pointer
}

/// The (unescaped) tokens of `pointer`; none for the root pointer `""`.
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).map(unescape)
}

/// What follows `prefix` in `pointer` (`""` or a pointer starting with `/`) when `prefix` names
/// `pointer` or one of its ancestors; `None` otherwise (`/a/bc` is not under `/a/b`).
pub fn strip_prefix<'a>(pointer: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = pointer.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// The path `serde_path_to_error` reports, as a pointer.
pub fn from_serde_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => push(&mut pointer, key),
            Segment::Unknown => {}
        }
    }
    pointer
}

/// serde_yaml's `a.b[2].c` path as a pointer (keys holding dots cannot be told apart).
pub fn from_dotted(path: &str) -> String {
    let mut pointer = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indexes) = match part.find('[') {
            Some(i) if part.ends_with(']') => (&part[..i], &part[i..]),
            _ => (part, ""),
        };
        if !key.is_empty() {
            push(&mut pointer, key);
        }
        for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
            pointer.push('/');
            pointer.push_str(index);
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_unescape_follow_rfc_6901() {
        for (token, escaped) in [
            ("", ""),
            ("plain", "plain"),
            ("/a", "~1a"),
            ("a~b", "a~0b"),
            ("~1", "~01"),
            ("~0", "~00"),
            ("/~", "~1~0"),
            ("~/", "~0~1"),
            ("application/vnd.api+json", "application~1vnd.api+json"),
        ] {
            assert_eq!(escape(token), escaped, "{token}");
            assert_eq!(unescape(escaped), token, "{escaped}");
        }
        // The order of replacements matters: `~01` is the token `~1`, not `/`.
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(unescape("~10"), "/0");
    }

    #[test]
    fn tokens_round_trip_through_pointers() {
        let tokens_in = ["paths", "/orders/{id}", "get", "a~b", "", "0"];
        let pointer = from_tokens(tokens_in);
        assert_eq!(pointer, "/paths/~1orders~1{id}/get/a~0b//0");
        assert_eq!(tokens(&pointer).collect::<Vec<_>>(), tokens_in);
        assert_eq!(from_tokens(Vec::<String>::new()), "");
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens("/").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn join_and_push_escape_the_token() {
        assert_eq!(join("", "paths"), "/paths");
        assert_eq!(join("/paths", "/a"), "/paths/~1a");
        let mut pointer = String::from("/components");
        push(&mut pointer, "schemas");
        push(&mut pointer, "A~B");
        assert_eq!(pointer, "/components/schemas/A~0B");
    }

    #[test]
    fn strip_prefix_stops_at_token_boundaries() {
        assert_eq!(strip_prefix("/a/b/c", "/a/b"), Some("/c"));
        assert_eq!(strip_prefix("/a/b", "/a/b"), Some(""));
        assert_eq!(strip_prefix("/a/bc", "/a/b"), None);
        assert_eq!(strip_prefix("/a", "/a/b"), None);
        assert_eq!(strip_prefix("/a", ""), Some("/a"));
    }

    #[test]
    fn dotted_paths() {
        assert_eq!(
            from_dotted("paths./a.get.parameters[1].schema"),
            "/paths/~1a/get/parameters/1/schema"
        );
        assert_eq!(from_dotted("a[0][2]"), "/a/0/2");
        assert_eq!(from_dotted("a~b"), "/a~0b");
        assert_eq!(from_dotted(""), "");
    }

    #[test]
    fn serde_paths() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            paths: std::collections::BTreeMap<String, Vec<u8>>,
        }
        let value = serde_json::json!({"paths": {"/a~b": [1, "x"]}});
        let error = serde_path_to_error::deserialize::<_, Doc>(value).unwrap_err();
        assert_eq!(from_serde_path(error.path()), "/paths/~1a~0b/1");
    }
}
