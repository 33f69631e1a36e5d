//! Identifiers: every Rust name the generator emits passes through here.

use crate::ir::Status;
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Rust keywords (strict, reserved and 2018+ edition ones).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid): they get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Which case an identifier is converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, methods, parameters.
    Snake,
    /// `UpperCamelCase`: types and variants.
    Camel,
}

/// Turns arbitrary text from the document into a valid Rust identifier of the given case.
///
/// Characters that cannot appear in identifiers separate words; a leading digit gets a
/// prefix; empty or symbol-only input becomes a spelled-out name; keywords become raw
/// identifiers (`r#type`) or get a trailing underscore where raw identifiers are not allowed.
pub fn sanitize(text: &str, case: Case) -> String {
    let spelled: String = if text.chars().any(|c| c.is_ascii_alphanumeric()) {
        text.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect()
    } else {
        // Symbol-only values such as `+` or `*`: spell them out so they stay distinct.
        text.chars().map(spell).collect::<Vec<_>>().join(" ")
    };
    let mut ident = match case {
        Case::Snake => spelled.to_snake_case(),
        Case::Camel => spelled.to_upper_camel_case(),
    };
    if ident.is_empty() {
        ident = match case {
            Case::Snake => "empty".into(),
            Case::Camel => "Empty".into(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident = match case {
            Case::Snake => format!("n{ident}"),
            Case::Camel => format!("N{ident}"),
        };
    }
    if KEYWORDS.contains(&ident.as_str()) {
        if NOT_RAW.contains(&ident.as_str()) {
            ident.push('_');
        } else {
            ident = format!("r#{ident}");
        }
    }
    ident
}

/// Reason phrases of the 4xx and 5xx codes, sorted by code: those of the `http` crate (which the
/// generated `ApiError` prints in its `Display`), without 418, which IANA lists as unused.
const REASONS: &[(u16, &str)] = &[
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Payload Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Entity"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];

/// The reason phrase of a 4xx or 5xx code (`Not Found`), when it has one.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    REASONS
        .binary_search_by_key(&code, |(c, _)| *c)
        .ok()
        .map(|i| REASONS[i].1)
}

/// The name of the error-enum variant of a response status (not yet made unique): the reason
/// phrase of a code (`NotFound`), `Status418` for a code without one, the class of a range
/// (`Informational`, `Redirection`, `ClientError`, `ServerError`; `Status6xx` for others) and
/// `Default` for `default`.
pub fn status_variant(status: &Status) -> String {
    let text = match status {
        Status::Code(code) => match reason_phrase(*code) {
            Some(reason) => reason.to_string(),
            None => format!("status {code}"),
        },
        Status::Range(1) => "informational".to_string(),
        Status::Range(2) => "success".to_string(),
        Status::Range(3) => "redirection".to_string(),
        Status::Range(4) => "client error".to_string(),
        Status::Range(5) => "server error".to_string(),
        Status::Range(class) => format!("status {class}xx"),
        Status::Default => "default".to_string(),
    };
    sanitize(&text, Case::Camel)
}

fn spell(c: char) -> String {
    match c {
        '+' => "plus".into(),
        '-' => "minus".into(),
        '*' => "star".into(),
        '/' => "slash".into(),
        '%' => "percent".into(),
        '=' => "equals".into(),
        '<' => "less than".into(),
        '>' => "greater than".into(),
        '!' => "bang".into(),
        '.' => "dot".into(),
        '_' => "underscore".into(),
        ' ' => "space".into(),
        other => format!("u{:04x}", other as u32),
    }
}

/// Hands out names that are unique within one scope, deterministically: the first claim
/// of a name gets it as is, later ones get `2`, `3`, ... (snake case: `_2`, `_3`).
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Claims `ident` (already sanitized), or the first free suffixed form of it.
    pub fn claim(&mut self, ident: String) -> String {
        // Compare without the raw prefix so `r#type` and `type_` style clashes are caught.
        if self.taken.insert(ident.clone()) {
            return ident;
        }
        let sep = if ident.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let base = ident.trim_start_matches("r#");
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

/// The hidden struct that collects a struct's properties while it is decoded. Type names come
/// from [`sanitize`] in [`Case::Camel`], which never starts with `_`, so the `__` prefix cannot
/// collide with a type of the API.
pub fn slots_type(type_name: &str) -> String {
    format!("__{type_name}Slots")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case_and_escapes_keywords() {
        assert_eq!(
            sanitize("ListNumberOrders", Case::Snake),
            "list_number_orders"
        );
        assert_eq!(sanitize("number_order", Case::Camel), "NumberOrder");
        assert_eq!(sanitize("type", Case::Snake), "r#type");
        assert_eq!(sanitize("self", Case::Snake), "self_");
        assert_eq!(sanitize("Self", Case::Camel), "Self_");
        assert_eq!(sanitize("filter[status]", Case::Snake), "filter_status");
        assert_eq!(sanitize("2fa", Case::Snake), "n2fa");
        assert_eq!(sanitize("10DLC", Case::Camel), "N10dlc");
        assert_eq!(sanitize("", Case::Camel), "Empty");
    }

    #[test]
    fn spells_out_symbols() {
        assert_eq!(sanitize("+", Case::Camel), "Plus");
        assert_eq!(sanitize("-", Case::Camel), "Minus");
        assert_eq!(sanitize("*", Case::Snake), "star");
        assert_eq!(sanitize("%", Case::Camel), "Percent");
    }

    #[test]
    fn status_variants_use_reason_phrases_classes_and_fallbacks() {
        assert!(REASONS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        let names: Vec<String> = [
            Status::Code(404),
            Status::Code(422),
            Status::Code(429),
            Status::Code(414),
            Status::Code(505),
            Status::Code(418),
            Status::Code(599),
            Status::Code(302),
            Status::Range(1),
            Status::Range(3),
            Status::Range(4),
            Status::Range(5),
            Status::Range(7),
            Status::Default,
        ]
        .iter()
        .map(status_variant)
        .collect();
        assert_eq!(
            names,
            [
                "NotFound",
                "UnprocessableEntity",
                "TooManyRequests",
                "UriTooLong",
                "HttpVersionNotSupported",
                "Status418",
                "Status599",
                "Status302",
                "Informational",
                "Redirection",
                "ClientError",
                "ServerError",
                "Status7xx",
                "Default",
            ]
        );
    }

    #[test]
    fn scope_suffixes_deterministically() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("Telnyx".into()), "Telnyx");
        assert_eq!(scope.claim("Telnyx".into()), "Telnyx2");
        assert_eq!(scope.claim("Telnyx".into()), "Telnyx3");
        let mut scope = Scope::with_reserved(&["client"]);
        assert_eq!(scope.claim("client".into()), "client_2");
    }
}
