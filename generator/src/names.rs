//! Identifiers: every Rust name the generator emits passes through here.

use crate::ir::Status;
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::fmt;

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

/// Names the emitter writes into the crate itself, which the API's own names must not take.
///
/// Lowering claims every name of the API in scopes that start with these reserved, and the
/// emitter writes exactly these: `tests::reserved_names_are_what_the_emitter_writes` compares
/// the lists with what is emitted and with the runtime's source, so the two cannot drift.
pub mod reserved {
    /// Types and values that the crate root defines or re-exports, and the prelude names the
    /// emitted code writes unqualified (`Option`, `Some`, `String`...). Schemas, request
    /// builders and error enums never take them, so `types` and `operations` can use the
    /// prelude as hand-written code does.
    pub const TYPES: &[&str] = &[
        // The runtime's items at the crate root.
        "ApiError",
        "Client",
        "ClientBuilder",
        "Clock",
        "Date",
        "DateTime",
        "DecodeError",
        "Error",
        "ErrorObject",
        "ErrorSource",
        "FormatError",
        "Nullable",
        "REQUEST_ID_HEADERS",
        "Response",
        "TokenFuture",
        "TokenProvider",
        "TokioClock",
        "TransportError",
        "TypedError",
        "Uuid",
        "Verifier",
        "WaitError",
        "WebhookError",
        // The prelude names the emitted code writes unqualified (a tuple struct named `Some`
        // would shadow the constructor).
        "Box",
        "Default",
        "Err",
        "From",
        "Into",
        "None",
        "Ok",
        "Option",
        "Result",
        "Some",
        "String",
        "Vec",
    ];

    /// Methods of [`Client`](crate) other than the operations: the runtime's own (in
    /// `generator/runtime/src/client.rs`) and those of the traits it derives, which an
    /// inherent method of the same name would hide from method calls.
    pub const CLIENT_METHODS: &[&str] = &[
        "attempt",
        "base_url",
        "builder",
        "clock",
        "clone",
        "execute",
        "fmt",
        "from_env",
        "new",
        "request",
        "strict_decoding",
    ];

    /// Methods of `ClientBuilder` other than the credential setters the generator writes: the
    /// runtime's own (in `generator/runtime/src/client.rs`) and those of the traits it derives.
    pub const CLIENT_BUILDER_METHODS: &[&str] = &[
        "base_url",
        "build",
        "client_credentials",
        "clock",
        "credential",
        "default",
        "default_header",
        "fmt",
        "has_credentials",
        "http_client",
        "max_retries",
        "strict_decoding",
        "timeout",
        "total_timeout",
        "user_agent_suffix",
    ];

    /// Fields and methods every request builder has beside its parameters' fields and
    /// setters. `pages`/`items` exist on paginated operations and `send_stream` on downloads,
    /// but are reserved on every builder so that a parameter keeps its name when the operation
    /// changes.
    pub const BUILDER_MEMBERS: &[&str] = &[
        "body",
        "client",
        "clone",
        "extra_header",
        "extra_query",
        "fmt",
        "items",
        "max_retries",
        "options",
        "pages",
        "prepare",
        "request_timeout",
        "send",
        "send_stream",
        "send_with_response",
        "total_timeout",
    ];

    /// Setters of the fields of a page object (`page[number]`, `page[size]`) on list operations
    /// that take one. Emitted only when no parameter of the operation has that name (a flat
    /// `page_number` parameter does the same job), so parameters are not kept off them.
    pub const PAGE_SETTERS: &[&str] = &["page_number", "page_size"];

    /// The variant of a string enum that keeps values the description does not list.
    pub const ENUM_UNKNOWN: &str = "Unknown";

    /// The variant of a union that keeps data no alternative fits.
    pub const UNION_OTHER: &str = "Other";

    /// The field of a struct that keeps properties the description does not list.
    pub const EXTRA_FIELD: &str = "extra";

    /// The module that holds the tag modules: a tag module of that name would sit inside
    /// itself (`operations::operations`, which clippy refuses as `module_inception`).
    pub const OPERATIONS_MODULE: &str = "operations";

    /// Cargo features the crate defines whatever the tags: `default`, and the feature of the
    /// schemas no operation uses.
    pub const FEATURES: &[&str] = &["default", COMPONENTS_FEATURE, WEBHOOKS_FEATURE];

    /// The feature of the component schemas that no operation uses.
    pub const COMPONENTS_FEATURE: &str = "components";

    /// The feature of `crate::webhooks`, the events and their verification.
    pub const WEBHOOKS_FEATURE: &str = "webhooks";
}

/// Which case an identifier is converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, methods, parameters.
    Snake,
    /// `UpperCamelCase`: types and variants.
    Camel,
}

/// A Rust identifier, decided once in lowering: its text and whether it is written raw.
///
/// `text` is the name as documentation shows it (`type`); [`Display`](fmt::Display) writes it
/// as Rust spells it (`r#type`), and [`Ident::to_syn`] makes the token. Keywords that cannot be
/// raw (`self`, `crate`...) never get here: [`sanitize`] gives them a trailing `_`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident {
    text: String,
    raw: bool,
}

impl Ident {
    /// An identifier that must be valid as written (a name the generator chooses itself, such
    /// as `extra`); keywords become raw.
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        if NOT_RAW.contains(&text.as_str()) {
            text.push('_');
        }
        let raw = KEYWORDS.contains(&text.as_str());
        Ident { text, raw }
    }

    /// The name without the raw prefix: what docs and messages show, and what derived names
    /// (`{Parent}{Field}`) are built from.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether Rust needs the raw form `r#name`.
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// The identifier token.
    pub fn to_syn(&self) -> proc_macro2::Ident {
        if self.raw {
            proc_macro2::Ident::new_raw(&self.text, proc_macro2::Span::call_site())
        } else {
            proc_macro2::Ident::new(&self.text, proc_macro2::Span::call_site())
        }
    }
}

/// Compares with the name as Rust spells it (`r#type`).
impl PartialEq<str> for Ident {
    fn eq(&self, other: &str) -> bool {
        match other.strip_prefix("r#") {
            Some(raw) => self.raw && self.text == raw,
            None => !self.raw && self.text == other,
        }
    }
}

impl PartialEq<&str> for Ident {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.text)
    }
}

/// Turns arbitrary text from the document into a valid Rust identifier of the given case.
///
/// Characters that cannot appear in identifiers separate words; a leading digit gets a
/// prefix; empty or symbol-only input becomes a spelled-out name; keywords become raw
/// identifiers (`r#type`) or get a trailing underscore where raw identifiers are not allowed.
pub fn sanitize(text: &str, case: Case) -> Ident {
    if in_case(text, case) {
        return Ident::new(text.to_owned());
    }
    sanitize_uncached(text, case)
}

/// [`sanitize`], remembering what it gave, by case and text: large documents use the same
/// property and type names again and again, and changing their case is most of the work of
/// naming. Lowering holds one for the document it lowers, and drops it with the rest of its
/// state.
#[derive(Debug, Default)]
pub struct Sanitizer {
    done: [rustc_hash::FxHashMap<String, Ident>; 2],
}

impl Sanitizer {
    /// What [`sanitize`] gives for `text` in `case`.
    pub fn sanitize(&mut self, text: &str, case: Case) -> Ident {
        if in_case(text, case) {
            return Ident::new(text.to_owned());
        }
        let done = match case {
            Case::Snake => &mut self.done[0],
            Case::Camel => &mut self.done[1],
        };
        if let Some(ident) = done.get(text) {
            return ident.clone();
        }
        let ident = sanitize_uncached(text, case);
        done.insert(text.to_owned(), ident.clone());
        ident
    }
}

/// Whether `text` is already in `case`, words of ASCII letters only: `FooBar` (each word a
/// capital and small letters) or `foo_bar`, which case conversion gives back unchanged. Most
/// names the generator makes are (a nested type's name is its parent's and a field's), and
/// this test costs less than converting, or looking the conversion up.
fn in_case(text: &str, case: Case) -> bool {
    let bytes = text.as_bytes();
    match case {
        Case::Camel => {
            bytes.first().is_some_and(u8::is_ascii_uppercase)
                && bytes.iter().all(u8::is_ascii_alphabetic)
                && !bytes
                    .windows(2)
                    .any(|pair| pair[1].is_ascii_uppercase() && !pair[0].is_ascii_lowercase())
                && bytes.last().is_some_and(u8::is_ascii_lowercase)
        }
        Case::Snake => {
            bytes.first().is_some_and(u8::is_ascii_lowercase)
                && bytes.last().is_some_and(u8::is_ascii_lowercase)
                && bytes.iter().all(|&b| b.is_ascii_lowercase() || b == b'_')
                && !text.contains("__")
        }
    }
}

/// [`sanitize`], computed.
fn sanitize_uncached(text: &str, case: Case) -> Ident {
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
    Ident::new(ident)
}

/// Reason phrases of the 2xx, 4xx and 5xx codes, sorted by code: those of the `http` crate (which the
/// generated `ApiError` prints in its `Display`), without 418, which IANA lists as unused.
const REASONS: &[(u16, &str)] = &[
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
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
pub fn status_variant(status: &Status) -> Ident {
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
    /// Hashed with FxHash: names share long prefixes (`ReposGetResponseOwner...`), which make
    /// ordered comparisons slow, and nothing iterates the set.
    taken: rustc_hash::FxHashSet<String>,
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

    /// Whether `name` is not taken.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Claims `ident` (already sanitized), or the first free suffixed form of it. Names are
    /// compared without the raw prefix, so `r#type` and a reserved `type` clash.
    pub fn claim(&mut self, ident: Ident) -> Ident {
        if self.taken.insert(ident.text.clone()) {
            return ident;
        }
        let sep = if ident.text.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{}{sep}{n}", ident.text))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .map(Ident::new)
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A name [`in_case`] lets through is what converting it gives.
        #[test]
        fn names_in_case_are_what_conversion_gives(
            camel in "([A-Z][a-z]{1,4}){1,4}",
            snake in "[a-z]{1,4}(_[a-z]{1,4}){0,3}",
            any in "[A-Za-z0-9_ ]{1,10}",
        ) {
            prop_assert!(in_case(&camel, Case::Camel));
            prop_assert!(in_case(&snake, Case::Snake));
            // What `sanitize` gives for them, keywords escaped alike.
            prop_assert_eq!(sanitize_uncached(&camel, Case::Camel), Ident::new(camel.clone()));
            prop_assert_eq!(sanitize_uncached(&snake, Case::Snake), Ident::new(snake.clone()));
            for case in [Case::Camel, Case::Snake] {
                if in_case(&any, case) {
                    prop_assert_eq!(sanitize_uncached(&any, case), Ident::new(any.clone()));
                }
            }
        }
    }

    #[test]
    fn names_conversion_would_change_are_not_in_case() {
        for text in [
            "FooBAR",
            "HTTPServer",
            "Foo2Bar",
            "FooB",
            "fooBar",
            "Foo_bar",
            "Foo bar",
        ] {
            assert!(!in_case(text, Case::Camel), "{text}");
        }
        for text in ["foo__bar", "_foo", "foo_", "fooBar", "foo2", "Foo"] {
            assert!(!in_case(text, Case::Snake), "{text}");
        }
        // Keywords in case are escaped as converted names are.
        for (text, case) in [
            ("in", Case::Snake),
            ("type", Case::Snake),
            ("Self", Case::Camel),
        ] {
            assert!(in_case(text, case));
            assert_eq!(
                sanitize(text, case),
                sanitize_uncached(text, case),
                "{text}"
            );
        }
    }

    #[test]
    fn converts_case_and_escapes_keywords() {
        assert_eq!(
            sanitize("ListNumberOrders", Case::Snake).to_string(),
            "list_number_orders"
        );
        assert_eq!(
            sanitize("number_order", Case::Camel).to_string(),
            "NumberOrder"
        );
        assert_eq!(sanitize("type", Case::Snake).to_string(), "r#type");
        assert_eq!(sanitize("self", Case::Snake).to_string(), "self_");
        assert_eq!(sanitize("Self", Case::Camel).to_string(), "Self_");
        assert_eq!(
            sanitize("filter[status]", Case::Snake).to_string(),
            "filter_status"
        );
        assert_eq!(sanitize("2fa", Case::Snake).to_string(), "n2fa");
        assert_eq!(sanitize("10DLC", Case::Camel).to_string(), "N10dlc");
        assert_eq!(sanitize("", Case::Camel).to_string(), "Empty");
    }

    #[test]
    fn spells_out_symbols() {
        assert_eq!(sanitize("+", Case::Camel).to_string(), "Plus");
        assert_eq!(sanitize("-", Case::Camel).to_string(), "Minus");
        assert_eq!(sanitize("*", Case::Snake).to_string(), "star");
        assert_eq!(sanitize("%", Case::Camel).to_string(), "Percent");
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
        .map(|s| status_variant(s).to_string())
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
        let mut claim = |name: &str| scope.claim(Ident::new(name)).to_string();
        assert_eq!(claim("Telnyx"), "Telnyx");
        assert_eq!(claim("Telnyx"), "Telnyx2");
        assert_eq!(claim("Telnyx"), "Telnyx3");
        let mut scope = Scope::with_reserved(&["client", "type"]);
        assert_eq!(scope.claim(Ident::new("client")).to_string(), "client_2");
        // A raw identifier clashes with its plain text, and the suffixed form is not raw.
        let typed = sanitize("type", Case::Snake);
        assert!(typed.is_raw() && typed.as_str() == "type");
        assert_eq!(scope.claim(typed).to_string(), "type_2");
    }
}
