//! `--verify`: the crate is compiled before it is written, and a compiler error is reported at
//! the generated line and at the place in the document that line comes from.
//!
//! The generator is not supposed to emit code that does not compile, so the failing case
//! stands in for a defect of the generator: one generated line is changed so that it does not
//! compile, leaving the lines where they are. The crates are checked in the workspace's target
//! directory (under names no other crate has), where the GitHub and whole-API checks of
//! `cargo xtask test` check the same dependencies.

use std::path::{Path, PathBuf};

use generator::cli::{self, verify};

/// The document of `cli.rs`: one operation, one schema.
const PETS: &str = include_str!("fixtures/pets.yaml");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The document written under `target/`, and the target that generates it as `crate_name`.
fn target(crate_name: &str) -> cli::Target {
    let dir = workspace().join("target").join("verify-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join(format!("{crate_name}.yaml"));
    std::fs::write(&spec, PETS).unwrap();
    cli::Target::new(&spec, &dir.join(crate_name), Some(crate_name)).unwrap()
}

/// Where `crate_name` is checked: a directory of its own, the workspace's target and lock.
fn staging(crate_name: &str) -> verify::Staging {
    verify::Staging {
        crate_dir: workspace()
            .join("target")
            .join("verify-tests")
            .join("staged")
            .join(crate_name),
        target_dir: workspace().join("target"),
        lockfile: Some(workspace().join("Cargo.lock")),
    }
}

fn generate(target: &cli::Target) -> generator::Output {
    generator::generate(&target.config()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_crate_that_compiles_verifies_with_no_errors() {
    let target = target("verify-ok-pets");
    let output = generate(&target);
    let found = verify::verify(&output, &target.crate_name, &staging(&target.crate_name))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.errors, Vec::new());
    assert_eq!(found.warnings, Vec::new());
}

#[test]
fn a_compiler_error_is_located_in_the_crate_and_in_the_document() {
    let target = target("verify-broken-pets");
    let mut output = generate(&target);
    // The stretch of `src/types/mod.rs` generated from the schema `Pet`.
    let pointer = "/components/schemas/Pet";
    let origin = output.origins["src/types/mod.rs"]
        .iter()
        .find(|o| o.pointer == pointer)
        .unwrap_or_else(|| panic!("no origin {pointer}: {:?}", output.origins))
        .line;
    let text = output.files.get_mut("src/types/mod.rs").unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    assert!(
        lines[origin - 1].starts_with("///") || lines[origin - 1].starts_with("#["),
        "line {origin} does not start an item: {}",
        lines[origin - 1]
    );
    // A type error on the stretch's first line; every line stays where it was.
    lines[origin - 1] = format!("const _: u8 = \"pet\"; {}", lines[origin - 1]);
    *text = lines.join("\n") + "\n";

    let found = verify::verify(&output, &target.crate_name, &staging(&target.crate_name))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.errors.len(), 1, "{:#?}", found.errors);
    let error = &found.errors[0];
    assert_eq!(error.file, "src/types/mod.rs");
    assert_eq!(error.line, origin);
    assert_eq!(error.code.as_deref(), Some("E0308"), "{}", error.rendered);
    assert_eq!(error.origin.as_deref(), Some(pointer));
    assert!(
        error.rendered.contains("mismatched types"),
        "{}",
        error.rendered
    );

    // The command line's message: the error, the generated line, the document's line.
    let message = cli::verify_output(&target, &output).unwrap_err();
    let spec_line = PETS.lines().position(|l| l.trim_start() == "Pet:").unwrap() + 1;
    for expected in [
        "the generated crate does not compile (1 error(s)); nothing was written to".to_owned(),
        format!("src/types/mod.rs:{origin}:"),
        "error[E0308]: mismatched types".to_owned(),
        format!(
            "generated from {}:{spec_line}:5: at {pointer}",
            target.spec_display
        ),
    ] {
        assert!(
            message.contains(&expected),
            "{expected:?} not in:\n{message}"
        );
    }
    assert!(!target.out_dir.exists(), "verify_output writes nothing");
}

#[test]
fn origins_name_the_operation_or_schema_of_every_stretch() {
    let output = generate(&target("verify-origins-pets"));
    let operations = &output.origins["src/operations/pets.rs"];
    assert_eq!(
        operations
            .iter()
            .map(|o| o.pointer.as_str())
            .collect::<Vec<_>>(),
        ["/paths/~1pets~1{id}/get"]
    );
    let text = &output.files["src/operations/pets.rs"];
    let first = operations[0].line;
    let stretch: Vec<&str> = text.lines().skip(first - 1).collect();
    assert!(
        stretch.iter().any(|l| l.contains("pub struct GetPet")),
        "{}",
        stretch.join("\n")
    );
    // Lines before the first stretch are the file's head; a stretch runs to the next one.
    assert_eq!(output.origin_of("src/operations/pets.rs", first - 1), None);
    assert_eq!(
        output.origin_of("src/operations/pets.rs", first + 5),
        Some("/paths/~1pets~1{id}/get")
    );
    let types = &output.origins["src/types/mod.rs"];
    let pet = types
        .iter()
        .find(|o| o.pointer == "/components/schemas/Pet")
        .unwrap();
    let next = types.iter().find(|o| o.line > pet.line).map(|o| o.line);
    let stretch: Vec<&str> = output.files["src/types/mod.rs"]
        .lines()
        .skip(pet.line - 1)
        .take(next.map_or(usize::MAX, |n| n - pet.line))
        .collect();
    assert!(
        stretch.iter().any(|l| l.starts_with("pub struct Pet ")),
        "{}",
        stretch.join("\n")
    );
    assert_eq!(output.origin_of("src/client.rs", 1), None);
}

/// Origins name the document as the user wrote it, not the tree the generator normalised: an
/// operation of a path item written under `components/pathItems` is found there.
#[test]
fn origins_point_into_the_document_as_written() {
    let dir = workspace().join("target").join("verify-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("path-items.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.1.0
info: {title: Items, version: '1'}
paths:
  /items:
    $ref: '#/components/pathItems/Items'
components:
  pathItems:
    Items:
      get:
        operationId: listItems
        tags: [items]
        responses:
          '204': {description: none}
",
    )
    .unwrap();
    let target = cli::Target::new(&spec, &dir.join("path-items"), None).unwrap();
    let output = generate(&target);
    let pointers: Vec<&str> = output.origins["src/operations/items.rs"]
        .iter()
        .map(|o| o.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["/components/pathItems/Items/get"]);
}
