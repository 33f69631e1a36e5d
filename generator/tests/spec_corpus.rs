//! The spec-text corpus (`tests/spec_corpus/`): OpenAPI documents written for this project that
//! together use every object and every fixed field of OpenAPI 3.0.3 and of OpenAPI 3.1.0, in
//! the kinds of example each section of the specification gives. Every document generates, the
//! documents of each version name every fixed field, and the generated crates all compile
//! without warnings in one cargo workspace.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::crate_dir;

/// The OpenAPI versions of the corpus: the folder under `tests/spec_corpus/` of each.
const VERSIONS: [&str; 2] = ["3.0", "3.1"];

/// The corpus's documents of one version, sorted by file name.
fn documents(version: &str) -> Vec<PathBuf> {
    let dir = crate_dir().join("tests/spec_corpus").join(version);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no documents in {}", dir.display());
    files
}

/// `3.0/objects.yaml` → `corpus-3-0-objects`.
fn crate_name(version: &str, document: &Path) -> String {
    let stem = document.file_stem().unwrap().to_str().unwrap();
    format!("corpus-{}-{stem}", version.replace('.', "-"))
}

/// The generator's config for one document of the corpus.
fn config(version: &str, document: &Path) -> generator::Config {
    let name = crate_name(version, document);
    let file = document.file_name().unwrap().to_str().unwrap();
    generator::Config {
        spec_path: document.to_path_buf(),
        spec_display: format!("tests/spec_corpus/{version}/{file}"),
        env_prefix: name.to_uppercase().replace('-', "_"),
        crate_name: name,
        crate_version: "0.1.0".into(),
        command: "cargo xtask codegen".into(),
        examples_dir: None,
        jobs: None,
    }
}

/// Generates every document of the corpus: `(version, document, result)`.
fn generate_all() -> Vec<(
    &'static str,
    PathBuf,
    Result<generator::Output, generator::Error>,
)> {
    let mut all = Vec::new();
    for version in VERSIONS {
        for document in documents(version) {
            let result = generator::generate(&config(version, &document));
            all.push((version, document, result));
        }
    }
    all
}

/// Every document of the corpus generates; the warnings are printed (run with `--nocapture`
/// to read them).
#[test]
fn every_corpus_document_generates() {
    let mut failures = Vec::new();
    for (version, document, result) in generate_all() {
        let name = format!(
            "{version}/{}",
            document.file_name().unwrap().to_string_lossy()
        );
        match result {
            Ok(output) => {
                println!("{name}: {} warning(s)", output.warnings.len());
                for warning in &output.warnings {
                    println!("  warning: {warning}");
                }
            }
            Err(error) => {
                println!("{name}: error: {error}");
                failures.push(format!("{name}: {error}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "documents of the corpus the generator refuses:\n{}",
        failures.join("\n")
    );
}

/// Every object of OpenAPI 3.0.3 and its fixed fields. Objects whose fields are all patterned
/// (Paths, Callback, Security Requirement) have none; `PATTERNED` checks those.
const FIELDS_3_0: &[(&str, &[&str])] = &[
    (
        "OpenAPI",
        &[
            "openapi",
            "info",
            "servers",
            "paths",
            "components",
            "security",
            "tags",
            "externalDocs",
        ],
    ),
    (
        "Info",
        &[
            "title",
            "description",
            "termsOfService",
            "contact",
            "license",
            "version",
        ],
    ),
    ("Contact", &["name", "url", "email"]),
    ("License", &["name", "url"]),
    ("Server", &["url", "description", "variables"]),
    ("Server Variable", &["enum", "default", "description"]),
    (
        "Components",
        &[
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
        ],
    ),
    ("Paths", &[]),
    (
        "Path Item",
        &[
            "$ref",
            "summary",
            "description",
            "get",
            "put",
            "post",
            "delete",
            "options",
            "head",
            "patch",
            "trace",
            "servers",
            "parameters",
        ],
    ),
    (
        "Operation",
        &[
            "tags",
            "summary",
            "description",
            "externalDocs",
            "operationId",
            "parameters",
            "requestBody",
            "responses",
            "callbacks",
            "deprecated",
            "security",
            "servers",
        ],
    ),
    ("External Documentation", &["description", "url"]),
    (
        "Parameter",
        &[
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
    ),
    ("Request Body", &["description", "content", "required"]),
    ("Media Type", &["schema", "example", "examples", "encoding"]),
    (
        "Encoding",
        &[
            "contentType",
            "headers",
            "style",
            "explode",
            "allowReserved",
        ],
    ),
    ("Responses", &["default"]),
    ("Response", &["description", "headers", "content", "links"]),
    ("Callback", &[]),
    (
        "Example",
        &["summary", "description", "value", "externalValue"],
    ),
    (
        "Link",
        &[
            "operationRef",
            "operationId",
            "parameters",
            "requestBody",
            "description",
            "server",
        ],
    ),
    (
        "Header",
        &[
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
    ),
    ("Tag", &["name", "description", "externalDocs"]),
    ("Reference", &["$ref"]),
    (
        "Schema",
        &[
            "title",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxProperties",
            "minProperties",
            "required",
            "enum",
            "type",
            "allOf",
            "oneOf",
            "anyOf",
            "not",
            "items",
            "properties",
            "additionalProperties",
            "description",
            "format",
            "default",
            "nullable",
            "discriminator",
            "readOnly",
            "writeOnly",
            "xml",
            "externalDocs",
            "example",
            "deprecated",
        ],
    ),
    ("Discriminator", &["propertyName", "mapping"]),
    (
        "XML",
        &["name", "namespace", "prefix", "attribute", "wrapped"],
    ),
    (
        "Security Scheme",
        &[
            "type",
            "description",
            "name",
            "in",
            "scheme",
            "bearerFormat",
            "flows",
            "openIdConnectUrl",
        ],
    ),
    (
        "OAuth Flows",
        &[
            "implicit",
            "password",
            "clientCredentials",
            "authorizationCode",
        ],
    ),
    (
        "OAuth Flow",
        &["authorizationUrl", "tokenUrl", "refreshUrl", "scopes"],
    ),
    ("Security Requirement", &[]),
];

/// Every object of OpenAPI 3.1.0 and its fixed fields. The Schema Object lists the keywords of
/// the JSON Schema 2020-12 vocabularies OpenAPI 3.1's dialect takes (core, applicator,
/// unevaluated, validation, format, content, meta-data) and OpenAPI's own; `$vocabulary` is
/// left out, as it only has meaning in a meta-schema. The Header Object shares the Parameter
/// Object's fields less `name` and `in`; the corpus writes `allowEmptyValue` and
/// `allowReserved` (which only mean something in a query) on parameters only, as the 3.1
/// schema of the OpenAPI Initiative refuses them on headers.
const FIELDS_3_1: &[(&str, &[&str])] = &[
    (
        "OpenAPI",
        &[
            "openapi",
            "info",
            "jsonSchemaDialect",
            "servers",
            "paths",
            "webhooks",
            "components",
            "security",
            "tags",
            "externalDocs",
        ],
    ),
    (
        "Info",
        &[
            "title",
            "summary",
            "description",
            "termsOfService",
            "contact",
            "license",
            "version",
        ],
    ),
    ("Contact", &["name", "url", "email"]),
    ("License", &["name", "identifier", "url"]),
    ("Server", &["url", "description", "variables"]),
    ("Server Variable", &["enum", "default", "description"]),
    (
        "Components",
        &[
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems",
        ],
    ),
    ("Paths", &[]),
    (
        "Path Item",
        &[
            "$ref",
            "summary",
            "description",
            "get",
            "put",
            "post",
            "delete",
            "options",
            "head",
            "patch",
            "trace",
            "servers",
            "parameters",
        ],
    ),
    (
        "Operation",
        &[
            "tags",
            "summary",
            "description",
            "externalDocs",
            "operationId",
            "parameters",
            "requestBody",
            "responses",
            "callbacks",
            "deprecated",
            "security",
            "servers",
        ],
    ),
    ("External Documentation", &["description", "url"]),
    (
        "Parameter",
        &[
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
    ),
    ("Request Body", &["description", "content", "required"]),
    ("Media Type", &["schema", "example", "examples", "encoding"]),
    (
        "Encoding",
        &[
            "contentType",
            "headers",
            "style",
            "explode",
            "allowReserved",
        ],
    ),
    ("Responses", &["default"]),
    ("Response", &["description", "headers", "content", "links"]),
    ("Callback", &[]),
    (
        "Example",
        &["summary", "description", "value", "externalValue"],
    ),
    (
        "Link",
        &[
            "operationRef",
            "operationId",
            "parameters",
            "requestBody",
            "description",
            "server",
        ],
    ),
    (
        "Header",
        &[
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
    ),
    ("Tag", &["name", "description", "externalDocs"]),
    ("Reference", &["$ref", "summary", "description"]),
    (
        "Schema",
        &[
            // OpenAPI's own fields.
            "discriminator",
            "xml",
            "externalDocs",
            "example",
            // Core.
            "$schema",
            "$id",
            "$ref",
            "$anchor",
            "$dynamicRef",
            "$dynamicAnchor",
            "$defs",
            "$comment",
            // Applicator.
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "dependentSchemas",
            "prefixItems",
            "items",
            "contains",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            // Unevaluated.
            "unevaluatedItems",
            "unevaluatedProperties",
            // Validation.
            "type",
            "const",
            "enum",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxContains",
            "minContains",
            "maxProperties",
            "minProperties",
            "required",
            "dependentRequired",
            // Format annotation.
            "format",
            // Content.
            "contentEncoding",
            "contentMediaType",
            "contentSchema",
            // Meta-data.
            "title",
            "description",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "examples",
        ],
    ),
    ("Discriminator", &["propertyName", "mapping"]),
    (
        "XML",
        &["name", "namespace", "prefix", "attribute", "wrapped"],
    ),
    (
        "Security Scheme",
        &[
            "type",
            "description",
            "name",
            "in",
            "scheme",
            "bearerFormat",
            "flows",
            "openIdConnectUrl",
        ],
    ),
    (
        "OAuth Flows",
        &[
            "implicit",
            "password",
            "clientCredentials",
            "authorizationCode",
        ],
    ),
    (
        "OAuth Flow",
        &["authorizationUrl", "tokenUrl", "refreshUrl", "scopes"],
    ),
    ("Security Requirement", &[]),
];

/// The patterned fields of both versions, each as a test of a key and what it stands for.
type Patterned = (&'static str, fn(&str) -> bool);
const PATTERNED: &[Patterned] = &[
    ("Paths: a path (`/...`)", |key| key.starts_with('/')),
    ("Paths: a templated path (`{...}`)", |key| {
        key.starts_with('/') && key.contains('{')
    }),
    ("Responses: an HTTP status code", |key| {
        key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit())
    }),
    ("Responses: a status range (`2XX`)", |key| {
        key.len() == 3 && key.as_bytes()[0].is_ascii_digit() && &key[1..] == "XX"
    }),
    ("Callback: a runtime expression (`{$...}`)", |key| {
        key.contains("{$")
    }),
    ("a specification extension (`x-...`)", |key| {
        key.starts_with("x-")
    }),
];

/// Every string key of every mapping in `value`, at any depth.
fn collect_keys(value: &serde_yaml::Value, keys: &mut BTreeSet<String>) {
    match value {
        serde_yaml::Value::Mapping(mapping) => {
            for (key, value) in mapping {
                if let Some(key) = key.as_str() {
                    keys.insert(key.to_string());
                }
                collect_keys(value, keys);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                collect_keys(item, keys);
            }
        }
        serde_yaml::Value::Tagged(tagged) => collect_keys(&tagged.value, keys),
        _ => {}
    }
}

/// The documents of each version name every fixed field of every object of that version (as a
/// mapping key somewhere in the version's corpus), and each kind of patterned field.
#[test]
fn corpus_names_every_fixed_field() {
    let mut missing = Vec::new();
    for (version, table, openapi) in [("3.0", FIELDS_3_0, "3.0.3"), ("3.1", FIELDS_3_1, "3.1.0")] {
        let mut keys = BTreeSet::new();
        for document in documents(version) {
            let text = std::fs::read_to_string(&document).unwrap();
            let value: serde_yaml::Value = serde_yaml::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", document.display()));
            assert_eq!(
                value.get("openapi").and_then(|v| v.as_str()),
                Some(openapi),
                "{}: the corpus of {version} holds OpenAPI {openapi} documents",
                document.display()
            );
            collect_keys(&value, &mut keys);
        }
        for (object, fields) in table {
            for field in *fields {
                if !keys.contains(*field) {
                    missing.push(format!(
                        "OpenAPI {openapi}: the {object} Object's field `{field}`"
                    ));
                }
            }
        }
        for (what, matches) in PATTERNED {
            if !keys.iter().any(|key| matches(key)) {
                missing.push(format!("OpenAPI {openapi}: {what}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no document of the corpus uses:\n{}",
        missing.join("\n")
    );
}

/// Every crate generated from the corpus, in one cargo workspace under `target/spec-corpus/`,
/// passes `cargo clippy --all-targets -- -D warnings` (sharing the fixture tests' target
/// directory, so the dependencies are built once). A document the generator refuses is left
/// out here; `every_corpus_document_generates` fails for it.
#[test]
fn corpus_crates_compile_without_warnings() {
    let crates: Vec<(String, generator::Output, Option<String>)> = generate_all()
        .into_iter()
        .filter_map(|(version, document, result)| {
            result
                .ok()
                .map(|output| (crate_name(version, &document), output, None))
        })
        .collect();
    assert!(!crates.is_empty(), "no document of the corpus generates");
    let (ok, workspace) = common::check_workspace(
        "spec-corpus",
        &crates,
        &[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    assert!(
        ok,
        "the crates generated from the corpus do not compile cleanly: {}",
        workspace.display()
    );
}
