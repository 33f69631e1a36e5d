//! Identifiers: every Rust name the generator emits passes through here.

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
    fn scope_suffixes_deterministically() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("Telnyx".into()), "Telnyx");
        assert_eq!(scope.claim("Telnyx".into()), "Telnyx2");
        assert_eq!(scope.claim("Telnyx".into()), "Telnyx3");
        let mut scope = Scope::with_reserved(&["client"]);
        assert_eq!(scope.claim("client".into()), "client_2");
    }
}
