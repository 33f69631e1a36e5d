//! Printing: syntax trees → the text of generated files. A [`Printer`] is the only way to
//! print, and owns what printing needs: the texts its doc markers stand for, and the `cfg`
//! attributes it has made. Each thread that emits has its own ([`super::Ctx`] holds one).

use super::syntax::doc_attr;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// Prints syntax trees, and makes the attributes whose printing it takes care of.
///
/// Docs are the larger part of a generated crate, and prettyplease prints a `#[doc]` attribute
/// only after parsing its string literal back (a tenth of the time emitting takes). So
/// [`Printer::doc_attrs`] puts a short marker in the tree instead of the text, and
/// [`Printer::print`] replaces each marker line with the lines prettyplease would have printed.
/// A marker names its printer and the printer's generation ([`Printer::forget`] starts a new
/// one): printing a marker with another printer, or after the texts it stood for were
/// forgotten, is a mistake in the emitter, and panics rather than print another item's docs.
pub struct Printer {
    /// Tells this printer's markers from those of the other printers of one emission.
    id: usize,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// How many times [`Printer::forget`] ran.
    generation: usize,
    /// The texts of the markers made in this generation, by number.
    docs: Vec<String>,
    /// The attributes of each feature set already seen: types share a few sets.
    cfg: HashMap<(BTreeSet<String>, bool), Vec<syn::Attribute>>,
}

/// Starts a printed doc line that [`Printer::print`] replaces: a character no other doc line
/// starts with (the generator's doc lines start with a space, or are empty). ASCII, so that
/// making and printing its literal escapes nothing.
const DOC_MARKER: char = '@';

impl Printer {
    /// A printer known by `id` (distinct among the printers of one emission).
    pub fn new(id: usize) -> Printer {
        Printer {
            id,
            state: RefCell::default(),
        }
    }

    /// The `#[doc]` attribute for composed text, printed as one `///` line per line of `text`
    /// (see the type's docs). Empty text has no attribute.
    pub fn doc_attrs(&self, text: &str) -> Vec<syn::Attribute> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut state = self.state.borrow_mut();
        state.docs.push(text.to_owned());
        let marker = format!(
            "{DOC_MARKER}{}.{}.{}",
            self.id,
            state.generation,
            state.docs.len() - 1
        );
        vec![doc_attr(&marker)]
    }

    /// Forgets the texts of the markers made so far, once what holds them has been printed:
    /// printing one of them after this panics.
    pub fn forget(&self) {
        let mut state = self.state.borrow_mut();
        state.generation += 1;
        state.docs.clear();
    }

    /// `#[cfg(...)]` for an item needed by `features` (none when `features` is empty), and for
    /// a public item also `#[cfg_attr(docsrs, doc(cfg(...)))]`, so that docs.rs says which
    /// feature the item needs. A hole cannot stand inside an attribute's arguments (they are
    /// tokens), so these two are built from the condition's text.
    pub fn cfg_attrs(&self, features: &BTreeSet<String>, public: bool) -> Vec<syn::Attribute> {
        if features.is_empty() {
            return Vec::new();
        }
        self.state
            .borrow_mut()
            .cfg
            .entry((features.clone(), public))
            .or_insert_with(|| {
                let condition = condition(features);
                let mut text = format!("#[cfg({condition})]");
                if public {
                    text.push_str(&format!("#[cfg_attr(docsrs, doc(cfg({condition})))]"));
                }
                syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &text)
                    .expect("a cfg condition of feature names is valid Rust")
            })
            .clone()
    }

    /// `#[cfg_attr(docsrs, doc(cfg(...)))]` alone, for the public items of a module that is
    /// compiled only with its feature.
    pub fn doc_cfg_attrs(&self, features: &BTreeSet<String>) -> Vec<syn::Attribute> {
        let mut attrs = self.cfg_attrs(features, true);
        attrs.retain(|attr| attr.path().is_ident("cfg_attr"));
        attrs
    }

    /// Prints `file` with prettyplease, its items spaced as hand-written Rust is and its doc
    /// markers expanded.
    pub fn print(&self, file: &syn::File) -> String {
        let state = self.state.borrow();
        space_items(&prettyplease::unparse(file), |line, out| {
            self.expand_doc_line(&state, line, out)
        })
    }

    /// [`Printer::print`] of a file of `items`.
    pub fn print_items(&self, items: Vec<syn::Item>) -> String {
        self.print(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        })
    }

    /// When `line` (without its newline) is a marker line of [`Printer::doc_attrs`], writes
    /// into `out` the `///` lines of its text, at the marker's indentation, as prettyplease
    /// prints a `#[doc]` attribute per line (`///`, a space and the line without its trailing
    /// spaces; `///` alone for an empty line), and returns `true`; otherwise writes nothing and
    /// returns `false`.
    fn expand_doc_line(&self, state: &State, line: &str, out: &mut String) -> bool {
        let body = line.trim_start_matches(' ');
        let Some(marker) = body
            .strip_prefix("///")
            .and_then(|rest| rest.strip_prefix(DOC_MARKER))
        else {
            return false;
        };
        let mut numbers = marker.split('.').map(str::parse::<usize>);
        let (Some(Ok(id)), Some(Ok(generation)), Some(Ok(index)), None) = (
            numbers.next(),
            numbers.next(),
            numbers.next(),
            numbers.next(),
        ) else {
            return false;
        };
        let doc = match state.docs.get(index) {
            Some(doc) if id == self.id && generation == state.generation => doc,
            _ => panic!(
                "doc marker {marker} printed by printer {}.{}: a doc marker must be printed by \
                 the printer that made it, before it forgets",
                self.id, state.generation
            ),
        };
        let indent = &line[..line.len() - body.len()];
        for doc_line in doc.lines() {
            out.push_str(indent);
            out.push_str("///");
            if !doc_line.is_empty() {
                out.push(' ');
                out.push_str(doc_line);
                out.truncate(out.trim_end_matches(' ').len());
            }
            out.push('\n');
        }
        true
    }
}

/// The `cfg` condition that compiles an item needed by any of `features`:
/// `feature = "a"` or `any(feature = "a", ...)`.
fn condition(features: &BTreeSet<String>) -> String {
    let list: Vec<String> = features
        .iter()
        .map(|f| format!("feature = {f:?}"))
        .collect();
    match list.as_slice() {
        [one] => one.clone(),
        _ => format!("any({})", list.join(", ")),
    }
}

/// Puts a blank line between the items of `text` (prettyplease's output, indented by four
/// spaces a level) as hand-written Rust has them: between top-level items and between the
/// items of `impl`, `trait` and `mod` blocks, never inside functions, structs or enums; not
/// between consecutive `use` or `mod` declarations; after the module docs (`//!`). Each line
/// goes through `expand` first, which writes it in its own way and returns `true`, or leaves
/// it (`false`) to be written as it is.
fn space_items(text: &str, mut expand: impl FnMut(&str, &mut String) -> bool) -> String {
    /// Whether a block whose item starts with `line` holds items.
    fn opens_items(line: &str) -> bool {
        let mut rest = line;
        for prefix in ["pub(crate) ", "pub ", "unsafe "] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        rest.starts_with("impl") || rest.starts_with("trait ") || rest.starts_with("mod ")
    }
    /// A one-line `use` or `mod` declaration.
    fn declaration(line: &str) -> bool {
        let rest = line.strip_prefix("pub ").unwrap_or(line);
        (rest.starts_with("use ") || rest.starts_with("mod ")) && line.ends_with(';')
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    // Per indentation level: whether its block holds items, and the first line of the item
    // being read there.
    let mut holds: Vec<bool> = vec![true];
    let mut start: Vec<Option<&str>> = vec![None];
    // The level at which the previous line ended an item, and whether it was a declaration.
    let mut ended: Option<(usize, bool)> = None;
    let mut after_module_docs = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            out.push('\n');
            ended = None;
            after_module_docs = false;
            continue;
        }
        let level = (line.len() - trimmed.len()) / 4;
        if holds.len() <= level + 1 {
            holds.resize(level + 2, false);
            start.resize(level + 2, None);
        }
        let closing = trimmed.starts_with(['}', ')', ']']);
        let inner_docs = trimmed.starts_with("//!") || trimmed.starts_with("#![");
        let blank = match ended {
            Some((at, was_declaration)) if at == level && holds[level] && !closing => {
                !(was_declaration && (declaration(trimmed) || trimmed.starts_with("#[")))
            }
            _ => after_module_docs && !inner_docs,
        };
        if blank {
            out.push('\n');
        }
        // A marker's lines are doc comments, as the marker line is: the spacing is decided
        // once, for its first line.
        if !expand(line, &mut out) {
            out.push_str(line);
            out.push('\n');
        }
        after_module_docs = inner_docs;
        if trimmed.starts_with("//") || trimmed.starts_with("#[") || trimmed.starts_with("#![") {
            ended = None;
            continue;
        }
        if start[level].is_none() && !closing {
            start[level] = Some(trimmed);
        }
        ended = None;
        if trimmed.ends_with('{') {
            holds[level + 1] = holds[level] && start[level].is_some_and(opens_items);
            start[level + 1] = None;
        } else if trimmed.ends_with(['(', '[', '<', '=', ',']) {
            holds[level + 1] = false;
            start[level + 1] = None;
        } else if trimmed.ends_with(';') || trimmed.ends_with('}') {
            ended = Some((level, declaration(trimmed)));
            start[level] = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::AssertUnwindSafe;

    const TEXTS: [&str; 5] = [
        "One line.",
        "A first paragraph.\n\n- a list item   \n- with `code`  and trailing spaces   \n\n  indented",
        "\"quoted\" \\ backslash\ttab /slash // and ///\nunicode: é ✓ \u{1F600}",
        "",
        "ends with an empty line\n",
    ];

    /// A file of one struct per text, documented (and its field too) by `docs`.
    fn documented(docs: &dyn Fn(&str) -> Vec<syn::Attribute>) -> syn::File {
        let items = TEXTS
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let name = quote::format_ident!("S{i}");
                let (attrs, field_attrs) = (docs(text), docs(text));
                syn::parse_quote! {
                    #(#attrs)*
                    pub struct #name {
                        #(#field_attrs)*
                        pub field: u8,
                    }
                }
            })
            .collect();
        syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        }
    }

    /// The same items, documented by a `#[doc]` attribute per line (what prettyplease is
    /// given without markers) and by [`Printer::doc_attrs`], print the same.
    #[test]
    fn expanded_docs_print_as_an_attribute_per_line_does() {
        let per_line = |text: &str| -> Vec<syn::Attribute> {
            text.lines()
                .map(|line| {
                    if line.is_empty() {
                        doc_attr("")
                    } else {
                        doc_attr(&format!(" {line}"))
                    }
                })
                .collect()
        };
        let printer = Printer::new(0);
        let expected = printer.print(&documented(&per_line));
        let marked = documented(&|text| printer.doc_attrs(text));
        assert!(prettyplease::unparse(&marked).contains(DOC_MARKER));
        let printed = printer.print(&marked);
        assert_eq!(printed, expected);
        assert!(printed.contains("    /// - a list item\n"), "{printed}");
    }

    /// Items built by one printer print their own docs whatever other printers, or the same
    /// one, did in between; a marker printed by another printer, or after its printer forgot
    /// it, is refused rather than printed as another item's docs.
    #[test]
    fn a_marker_is_printed_by_its_printer_only() {
        let (head, other) = (Printer::new(0), Printer::new(1));
        let head_items = documented(&|text| head.doc_attrs(text));
        // Another printer makes and forgets markers of its own meanwhile.
        for _ in 0..3 {
            let items = documented(&|_| other.doc_attrs("Another item's docs."));
            assert!(other.print(&items).contains("/// Another item's docs."));
            other.forget();
        }
        let printed = head.print(&head_items);
        assert!(printed.contains("/// One line."), "{printed}");
        assert!(!printed.contains("Another item"), "{printed}");

        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| other.print(&head_items)));
        assert!(caught.is_err(), "another printer's markers");
        head.forget();
        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| head.print(&head_items)));
        assert!(caught.is_err(), "forgotten markers");
    }
}
