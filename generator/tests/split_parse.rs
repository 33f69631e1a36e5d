//! The seam of the fast paths: `load::split::parse` gives nothing, or exactly the tree the whole
//! parse (`load::tree::whole`) gives, for every document of the test suite.
//!
//! Every fixture, every document of the spec corpus and the curated document is read as it is
//! written (YAML) and as pretty-printed JSON (indented by two and by four spaces, with and
//! without CRLF line ends), each with the limits lowered so that the split paths run whatever the
//! size ([`Limits::ALWAYS`]): JSON and YAML in halves. The fuzz target (`tests/fuzz.rs`) does
//! the same for every document it makes.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use generator::load::split::{self, Limits};
use generator::load::tree::{self, Syntax};
use generator::Threads;

/// Every document of the test suite: fixtures, the spec corpus, the curated document.
fn documents() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("tests/fixtures"), &mut out);
    walk(&root.join("tests/spec_corpus"), &mut out);
    out.push(root.join("../spec/telnyx-number-orders.yaml"));
    out
}

/// How often each path read a text in parts (rather than giving way to the whole parse).
#[derive(Default, Debug)]
struct Taken {
    json_halves: usize,
    yaml_halves: usize,
}

/// Checks the seam on `text`: `None`, or the whole parse's tree; counts what was split.
fn check(name: &str, text: &str, syntax: Syntax, limits: &Limits, threads: &Threads) -> bool {
    let whole = tree::whole(text, syntax);
    let parts = split::parse(text, syntax, limits, threads);
    if let Some(parts) = &parts {
        assert!(
            whole.as_ref() == Some(parts),
            "{name} ({syntax:?}, {limits:?}): the split read differs from the whole parse"
        );
    }
    parts.is_some()
}

#[test]
fn the_split_read_gives_the_whole_parse_or_nothing() {
    let threads = Threads::new(NonZeroUsize::new(2).unwrap());
    let mut taken = Taken::default();
    let documents = documents();
    assert!(documents.len() >= 15, "{documents:?}");
    for path in &documents {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        taken.yaml_halves +=
            usize::from(check(&name, &text, Syntax::Yaml, &Limits::ALWAYS, &threads));
        let Some(tree) = tree::whole(&text, Syntax::Yaml) else {
            continue;
        };
        // Keys that are not strings cannot be JSON.
        let Ok(two) = serde_json::to_string_pretty(&tree) else {
            continue;
        };
        let four = {
            let mut out = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
            serde::Serialize::serialize(&tree, &mut serializer).unwrap();
            String::from_utf8(out).unwrap()
        };
        for json in [two.clone(), four, two.replace('\n', "\r\n")] {
            taken.json_halves +=
                usize::from(check(&name, &json, Syntax::Json, &Limits::ALWAYS, &threads));
        }
    }
    // Each path read most documents in parts: the comparisons above were not all vacuous.
    let count = documents.len();
    eprintln!("read in parts: {taken:?}, of {count} documents");
    assert!(taken.yaml_halves * 2 > count, "{taken:?} of {count}");
    assert!(taken.json_halves * 2 > count, "{taken:?} of {count}");
}

/// With the limits loading uses, a document of the test suite is read whole (they are small),
/// and with one thread nothing is ever split.
#[test]
fn small_texts_and_one_thread_are_read_whole() {
    let text = std::fs::read_to_string(documents().pop().unwrap()).unwrap();
    let two = Threads::new(NonZeroUsize::new(2).unwrap());
    assert!(split::parse(&text, Syntax::Yaml, &Limits::ALWAYS, &two).is_some());
    assert_eq!(
        split::parse(&text, Syntax::Yaml, &Limits::DEFAULT, &two),
        None
    );
    assert_eq!(
        split::parse(&text, Syntax::Yaml, &Limits::ALWAYS, &Threads::one()),
        None
    );
}
