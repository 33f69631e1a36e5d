//! Fuzzing load + lower + emit with mutated documents: any input gives a result or an error,
//! never a panic.
//!
//! Each case takes the curated spec or the `shapes.yaml` fixture, applies a few random
//! structural mutations to its YAML tree (delete an entry, replace a value with a scalar or an
//! empty collection, graft a subtree elsewhere, rename or duplicate a key, point a `$ref`
//! somewhere else, switch to 3.1), writes it back as YAML or JSON, sometimes damages the text
//! (truncate, drop, duplicate or swap lines, insert a character), and runs
//! `generator::generate_from_str` on it. Each document also goes through the loader's split read
//! with its size limits lowered to nothing (`load::split::parse` with `Limits::ALWAYS`, as JSON
//! and as YAML), which must give nothing or exactly the whole parse's
//! tree: the split paths otherwise only run on documents of hundreds of kilobytes. On a panic or
//! a difference, proptest shrinks the mutations and the failure shows the smallest document
//! found and the message.
//!
//! The normal suite runs a small deterministic set. Run long with a random seed:
//!
//! ```text
//! FUZZ_CASES=100000 cargo test --release -p generator --test fuzz -- --nocapture
//! ```
//!
//! `FUZZ_SEED=<u64>` replays a run, `FUZZ_LAST=<path>` writes each document there before
//! generating (to find an input that aborts the process, such as a stack overflow),
//! `FUZZ_ERRORS=1` prints every error message (to review their quality).

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_yaml::{Mapping, Value};

const CURATED: &str = include_str!("../../spec/telnyx-number-orders.yaml");
const SHAPES: &str = include_str!("fixtures/shapes.yaml");

/// Cases of the normal suite (a few seconds in a debug build).
const DEFAULT_CASES: u32 = 100;

/// Strings that mean something somewhere in a document.
const WORDS: &[&str] = &[
    "",
    "a",
    "{",
    "/a/{id}",
    "/a/{id",
    "#/components/schemas/Missing",
    "#/components/parameters/Missing",
    "#/components/responses/Missing",
    "#/components/requestBodies/Missing",
    "#/components/schemas/",
    "#/paths",
    "other.yaml#/A",
    "#/components/schemas/Widget/properties/id",
    "#/components/schemas/Widget/properties",
    "#/paths/~1widgets",
    "#/paths/~1widgets/get/responses/200/content/application~1json/schema",
    "#",
    "#/components/schemas/Widget/%24defs/X",
    "$anchor",
    "$id",
    "#a",
    "https://example.com/a",
    "#/components/callbacks/Missing",
    "callbacks",
    "label",
    "matrix",
    "deepObject",
    "servers",
    "object",
    "array",
    "string",
    "integer",
    "number",
    "boolean",
    "null",
    "3.0.3",
    "3.1.0",
    "2.0",
    "type",
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "required",
    "enum",
    "const",
    "nullable",
    "discriminator",
    "propertyName",
    "mapping",
    "format",
    "date-time",
    "binary",
    "int64",
    "in",
    "path",
    "query",
    "header",
    "cookie",
    "name",
    "id",
    "schema",
    "content",
    "application/json",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "*/*",
    "text/plain",
    "200",
    "204",
    "404",
    "default",
    "2XX",
    "responses",
    "parameters",
    "requestBody",
    "operationId",
    "get",
    "post",
    "style",
    "deepObject",
    "pipeDelimited",
    "explode",
    "x-a",
    "example",
    "examples",
    "exclusiveMinimum",
    "prefixItems",
    "webhooks",
    "components",
    "schemas",
    "ü",
    "a b",
    "type",
    "self",
    "Self",
    "crate",
    "1",
    "-",
    "+",
];

#[derive(Debug, Clone)]
enum Leaf {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Word(usize),
    EmptyMap,
    EmptyList,
}

impl Leaf {
    fn value(&self) -> Value {
        match self {
            Leaf::Null => Value::Null,
            Leaf::Bool(b) => Value::Bool(*b),
            Leaf::Int(i) => Value::Number((*i).into()),
            Leaf::Float(f) => Value::Number((*f).into()),
            Leaf::Word(w) => Value::String(word(*w).to_owned()),
            Leaf::EmptyMap => Value::Mapping(Mapping::new()),
            Leaf::EmptyList => Value::Sequence(Vec::new()),
        }
    }
}

/// One change to the tree. Numbers select nodes modulo how many there are.
#[derive(Debug, Clone)]
enum Mutation {
    /// Removes a node from its mapping or list.
    Delete(usize),
    /// Replaces a node with a scalar or an empty collection.
    Replace(usize, Leaf),
    /// Replaces a node with a copy of another (small) node.
    Graft(usize, usize),
    /// Renames the key of a mapping entry to a word.
    Rename(usize, usize),
    /// Copies a mapping entry under a second key (a word).
    Duplicate(usize, usize),
    /// Points a `$ref` at another `$ref`'s target, or at a word.
    Retarget(usize, usize),
    /// Sets `openapi` to 3.1.0, so that normalisation runs.
    Upgrade,
}

/// Damage done to the text after writing it out.
#[derive(Debug, Clone)]
enum TextEdit {
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Insert(usize, char),
}

#[derive(Debug, Clone)]
struct Case {
    shapes: bool,
    mutations: Vec<Mutation>,
    json: bool,
    edits: Vec<TextEdit>,
}

fn word(i: usize) -> &'static str {
    WORDS[i % WORDS.len()]
}

fn leaf() -> impl Strategy<Value = Leaf> {
    prop_oneof![
        Just(Leaf::Null),
        any::<bool>().prop_map(Leaf::Bool),
        prop_oneof![Just(0i64), Just(-1), Just(i64::MAX), any::<i64>()].prop_map(Leaf::Int),
        prop_oneof![
            Just(0.5f64),
            Just(1e300),
            Just(-0.0),
            Just(f64::NAN),
            Just(f64::INFINITY)
        ]
        .prop_map(Leaf::Float),
        any::<usize>().prop_map(Leaf::Word),
        Just(Leaf::EmptyMap),
        Just(Leaf::EmptyList),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => any::<usize>().prop_map(Mutation::Delete),
        4 => (any::<usize>(), leaf()).prop_map(|(n, l)| Mutation::Replace(n, l)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Graft(a, b)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Rename(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Retarget(a, b)),
        1 => Just(Mutation::Upgrade),
    ]
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        any::<usize>().prop_map(TextEdit::Truncate),
        any::<usize>().prop_map(TextEdit::DeleteLine),
        any::<usize>().prop_map(TextEdit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| TextEdit::SwapLines(a, b)),
        (
            any::<usize>(),
            prop_oneof![
                Just(':'),
                Just('-'),
                Just(' '),
                Just('\t'),
                Just('"'),
                Just('[')
            ]
        )
            .prop_map(|(a, c)| TextEdit::Insert(a, c)),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<bool>(),
        prop::collection::vec(mutation(), 1..7),
        prop::bool::weighted(0.2),
        prop::collection::vec(text_edit(), 0..2),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(shapes, mutations, json, edits, damage)| Case {
            shapes,
            mutations,
            json,
            edits: if damage { edits } else { Vec::new() },
        })
}

/// A step from a node to one of its children.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(Value),
    Index(usize),
}

/// Every node's path, parents before children.
fn paths(root: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(path.clone());
        match value {
            Value::Mapping(map) => {
                for (k, v) in map {
                    path.push(Step::Key(k.clone()));
                    walk(v, path, out);
                    path.pop();
                }
            }
            Value::Sequence(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(root, &mut Vec::new(), &mut out);
    out
}

fn node<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, step| match step {
        Step::Key(k) => v.as_mapping()?.get(k),
        Step::Index(i) => v.as_sequence()?.get(*i),
    })
}

fn node_mut<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |v, step| match step {
        Step::Key(k) => v.as_mapping_mut()?.get_mut(k),
        Step::Index(i) => v.as_sequence_mut()?.get_mut(*i),
    })
}

fn size(value: &Value) -> usize {
    match value {
        Value::Mapping(map) => 1 + map.values().map(size).sum::<usize>(),
        Value::Sequence(items) => 1 + items.iter().map(size).sum::<usize>(),
        _ => 1,
    }
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let all = paths(doc);
    let pick = |n: usize| &all[n % all.len()];
    match mutation {
        Mutation::Delete(n) => {
            let path = pick(*n);
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (node_mut(doc, parent), last) {
                (Some(Value::Mapping(map)), Step::Key(k)) => {
                    map.remove(k);
                }
                (Some(Value::Sequence(items)), Step::Index(i)) => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        Mutation::Replace(n, leaf) => {
            if let Some(target) = node_mut(doc, pick(*n)) {
                *target = leaf.value();
            }
        }
        Mutation::Graft(to, from) => {
            let Some(source) = node(doc, pick(*from)).filter(|s| size(s) <= 300).cloned() else {
                return;
            };
            if let Some(target) = node_mut(doc, pick(*to)) {
                *target = source;
            }
        }
        Mutation::Rename(n, w) | Mutation::Duplicate(n, w) => {
            let path = pick(*n);
            let Some((Step::Key(key), parent)) = path.split_last() else {
                return;
            };
            let Some(Value::Mapping(map)) = node_mut(doc, parent) else {
                return;
            };
            let new_key = Value::String(word(*w).to_owned());
            let value = if matches!(mutation, Mutation::Rename(..)) {
                map.remove(key)
            } else {
                map.get(key).cloned()
            };
            if let Some(value) = value {
                map.insert(new_key, value);
            }
        }
        Mutation::Retarget(n, m) => {
            let refs: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::Key(Value::String(k))) if k == "$ref"))
                .collect();
            if refs.is_empty() {
                return;
            }
            let targets: Vec<Value> = refs.iter().filter_map(|p| node(doc, p).cloned()).collect();
            let new = if m % 4 == 0 {
                Value::String(word(*m / 4).to_owned())
            } else {
                targets[m % targets.len()].clone()
            };
            if let Some(target) = node_mut(doc, refs[n % refs.len()]) {
                *target = new;
            }
        }
        Mutation::Upgrade => {
            if let Some(map) = doc.as_mapping_mut() {
                map.insert("openapi".into(), "3.1.0".into());
            }
        }
    }
}

fn edit(text: &mut String, edit: &TextEdit) {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match edit {
        TextEdit::Truncate(at) => {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
            return;
        }
        TextEdit::Insert(at, c) => {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert(at, *c);
            return;
        }
        TextEdit::DeleteLine(i) => {
            lines.remove(i % n);
        }
        TextEdit::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        TextEdit::SwapLines(a, b) => lines.swap(a % n, b % n),
    }
    *text = lines.join("\n");
    text.push('\n');
}

/// The document of a case, as text.
fn render(case: &Case, bases: &[Value; 2]) -> String {
    let mut doc = bases[usize::from(case.shapes)].clone();
    for mutation in &case.mutations {
        apply(&mut doc, mutation);
    }
    let mut text = if case.json {
        // Keys that are not strings cannot be JSON: fall back to YAML then.
        serde_json::to_string_pretty(&doc).unwrap_or_else(|_| serde_yaml::to_string(&doc).unwrap())
    } else {
        serde_yaml::to_string(&doc).unwrap()
    };
    for e in &case.edits {
        edit(&mut text, e);
    }
    text
}

/// Where the last panic happened (the hook keeps quiet and records it instead).
static PANIC_AT: Mutex<String> = Mutex::new(String::new());

/// Documents that generated a crate (the others gave an error).
static GENERATED: AtomicUsize = AtomicUsize::new(0);

fn config() -> generator::Config {
    generator::Config {
        spec_path: "fuzz.yaml".into(),
        spec_display: "fuzz.yaml".into(),
        crate_name: "fuzz".into(),
        crate_version: "0.1.0".into(),
        env_prefix: "FUZZ".into(),
        command: "cargo xtask codegen".into(),
        examples_dir: None,
        jobs: None,
    }
}

/// The split read of the loader (`load::split::parse`), its limits lowered so that it runs on
/// every document whatever its size, as JSON and as YAML in halves: it gives nothing, or
/// exactly what the whole parse gives.
fn split_read_agrees(text: &str) -> Result<(), TestCaseError> {
    use generator::load::split::{self, Limits};
    use generator::load::tree::{self, Syntax};
    let threads = generator::Threads::new(std::num::NonZeroUsize::new(2).unwrap());
    for (syntax, limits) in [
        (Syntax::Json, Limits::ALWAYS),
        (Syntax::Yaml, Limits::ALWAYS),
    ] {
        let Some(parts) = split::parse(text, syntax, &limits, &threads) else {
            continue;
        };
        if tree::whole(text, syntax).as_ref() != Some(&parts) {
            return Err(TestCaseError::fail(format!(
                "the split read ({syntax:?}, {limits:?}) differs from the whole parse\n\
                 --- document ---\n{text}"
            )));
        }
    }
    Ok(())
}

fn run_one(text: &str) -> Result<(), TestCaseError> {
    if let Ok(path) = std::env::var("FUZZ_LAST") {
        std::fs::write(path, text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    split_read_agrees(text)?;
    let config = config();
    match catch_unwind(AssertUnwindSafe(|| {
        generator::generate_from_str(&config, text.to_owned())
    })) {
        Ok(Ok(_)) => {
            GENERATED.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
        Ok(Err(error)) => {
            if std::env::var_os("FUZZ_ERRORS").is_some() {
                println!("{error}");
            }
            Ok(())
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            let at = PANIC_AT.lock().map(|s| s.clone()).unwrap_or_default();
            Err(TestCaseError::fail(format!(
                "panic at {at}: {message}\n--- document ---\n{text}"
            )))
        }
    }
}

#[test]
fn mutated_documents_never_panic() {
    let bases = [
        serde_yaml::from_str::<Value>(CURATED).unwrap(),
        serde_yaml::from_str::<Value>(SHAPES).unwrap(),
    ];
    // The unmutated documents generate.
    for base in &bases {
        let text = serde_yaml::to_string(base).unwrap();
        generator::generate_from_str(&config(), text).unwrap();
    }
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok());
    let long = std::env::var("FUZZ_CASES").is_ok();
    let rng = match (seed, long) {
        (Some(seed), _) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        (None, true) => {
            let seed = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1);
            println!("fuzz: FUZZ_SEED={seed}");
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        (None, false) => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    };
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, rng);
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut at) = PANIC_AT.lock() {
            *at = info.location().map(|l| l.to_string()).unwrap_or_default();
        }
    }));
    let count = AtomicUsize::new(0);
    let start = Instant::now();
    let result = runner.run(&case(), |case| {
        count.fetch_add(1, Ordering::Relaxed);
        run_one(&render(&case, &bases))
    });
    std::panic::set_hook(previous_hook);
    println!(
        "fuzz: {} documents (shrinking included) in {:.1} s, {} generated a crate, the others an error",
        count.load(Ordering::Relaxed),
        start.elapsed().as_secs_f64(),
        GENERATED.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Crates per run of [`mutated_documents_that_generate_compile`] (`FUZZ_COMPILE=n` for more).
const DEFAULT_COMPILED: usize = 6;

/// Whatever a mutated document holds, a crate the generator writes for it compiles: what the
/// generator cannot express is a warning and a fallback, never code that fails in the user's
/// build. The first documents of a fixed sequence (`FUZZ_SEED` for another) mutated from the
/// `shapes.yaml` fixture (and the curated document, with `FUZZ_COMPILE_CURATED=1`) that generate
/// a crate are checked together in one cargo workspace,
/// `target/fuzz-compile/` (each member keeps its document in `document.txt`).
#[test]
fn mutated_documents_that_generate_compile() {
    let bases = [
        serde_yaml::from_str::<Value>(CURATED).unwrap(),
        serde_yaml::from_str::<Value>(SHAPES).unwrap(),
    ];
    let wanted = std::env::var("FUZZ_COMPILE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_COMPILED);
    let rng = match std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        None => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    };
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = case();
    let mut crates = Vec::new();
    let mut tried = 0;
    while crates.len() < wanted && tried < wanted * 100 {
        tried += 1;
        let mut case = strategy.new_tree(&mut runner).unwrap().current();
        // The fixture's crate is a quarter of the curated one's size (`FUZZ_COMPILE_CURATED=1`
        // mutates both); damaged text rarely generates.
        case.shapes |= std::env::var_os("FUZZ_COMPILE_CURATED").is_none();
        case.edits.clear();
        let text = render(&case, &bases);
        let name = format!("fuzz-{}", crates.len() + 1);
        let config = generator::Config {
            crate_name: name.clone(),
            ..config()
        };
        if let Ok(output) = generator::generate_from_str(&config, text.clone()) {
            crates.push((name, output, Some(text)));
        }
    }
    assert_eq!(crates.len(), wanted, "too few mutated documents generate");
    let (ok, workspace) = common::check_workspace(
        "fuzz-compile",
        &crates,
        &["check", "--quiet", "--workspace"],
    );
    assert!(
        ok,
        "a crate generated from a mutated document does not compile: {} (its document is \
         document.txt there)",
        workspace.display()
    );
}

/// The mutations themselves do what they say (so that the fuzzer does explore).
#[test]
fn mutations_change_the_document() {
    let base: Value = serde_yaml::from_str(SHAPES).unwrap();
    let total = paths(&base).len();
    assert!(total > 100, "{total}");

    let mut deleted = base.clone();
    apply(&mut deleted, &Mutation::Delete(1));
    assert!(size(&deleted) < size(&base));

    let mut upgraded = base.clone();
    apply(&mut upgraded, &Mutation::Upgrade);
    assert_eq!(upgraded["openapi"], Value::String("3.1.0".into()));

    let mut retargeted = base.clone();
    apply(&mut retargeted, &Mutation::Retarget(0, 0));
    assert_ne!(retargeted, base);

    let mut text = "a: 1\nb: 2\n".to_owned();
    edit(&mut text, &TextEdit::SwapLines(0, 1));
    assert_eq!(text, "b: 2\na: 1\n");
    edit(&mut text, &TextEdit::Truncate(3));
    assert_eq!(text, "b: ");

    let case = Case {
        shapes: true,
        mutations: vec![Mutation::Replace(0, Leaf::Word(0))],
        json: false,
        edits: vec![],
    };
    let bases = [base.clone(), base];
    assert_eq!(render(&case, &bases), "''\n");
    assert!(run_one("''\n").is_ok());
}
