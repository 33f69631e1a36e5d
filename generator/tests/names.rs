//! One owner for every Rust name: the names the emitter writes itself are the ones lowering
//! reserves, and an API whose parameters, properties, operations, tags and schemas are named
//! after all of them still generates a crate that compiles without warnings.

mod common;

use common::{crate_dir, fixture_config, write_fixture_crate};
use generator::names::reserved;
use std::collections::{BTreeMap, BTreeSet};

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// The fields and inherent methods of every struct of `file` that holds a `client` field (the
/// request builders), by struct name.
fn builder_members(file: &syn::File) -> BTreeMap<String, BTreeSet<String>> {
    let mut members: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Struct(s) = item {
            let fields: BTreeSet<String> = s
                .fields
                .iter()
                .filter_map(|f| f.ident.as_ref().map(|i| i.to_string()))
                .collect();
            if fields.contains("client") {
                members.insert(s.ident.to_string(), fields);
            }
        }
    }
    for item in &file.items {
        if let syn::Item::Impl(i) = item {
            let syn::Type::Path(ty) = &*i.self_ty else {
                continue;
            };
            let name = ty.path.segments.last().unwrap().ident.to_string();
            if i.trait_.is_some() || !members.contains_key(&name) {
                continue;
            }
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    let method = f.sig.ident.to_string();
                    members.get_mut(&name).unwrap().insert(method);
                }
            }
        }
    }
    members
}

fn parse(text: &str) -> syn::File {
    syn::parse_file(text).expect("emitted Rust parses")
}

#[test]
fn reserved_names_are_what_the_emitter_writes() {
    let config = fixture_config("names.yaml");
    let output = generator::generate(&config).expect("the names fixture generates");
    let source = generator::load::Source::new(
        config.spec_display.clone(),
        std::fs::read_to_string(&config.spec_path).unwrap(),
    );
    let threads = generator::Threads::available();
    let loaded = generator::load::load(&source, &threads).unwrap();
    let api = generator::lower::lower(&loaded, &source, &threads).unwrap();

    // Request builders: what every builder has beside its parameters is the reserved list;
    // the derived `Clone` and `Debug` add `clone` and `fmt`.
    let mut fixed = set(&["clone", "fmt"]);
    let mut builders = 0;
    for (path, text) in &output.files {
        if !path.starts_with("src/operations/") || path.ends_with("mod.rs") {
            continue;
        }
        for (builder, members) in builder_members(&parse(text)) {
            let op = api
                .operations
                .iter()
                .find(|op| op.builder_name == builder.as_str())
                .unwrap_or_else(|| panic!("{builder} is no operation's builder"));
            let params: BTreeSet<String> =
                op.params.iter().map(|p| p.rust_name.to_string()).collect();
            fixed.extend(members.difference(&params).cloned());
            builders += 1;
        }
    }
    assert_eq!(builders, api.operations.len());
    let mut expected = set(reserved::BUILDER_MEMBERS);
    expected.extend(set(reserved::PAGE_SETTERS));
    assert_eq!(fixed, expected);

    // The client: the runtime's inherent methods, those of the generated `api.rs` (its
    // constructors), and `clone` and `fmt` of its derives; the builder: the runtime's inherent
    // methods (the generated credential setters are claimed in lowering), and `default` and
    // `fmt` of its derives.
    let runtime =
        parse(&std::fs::read_to_string(crate_dir().join("runtime/src/client.rs")).unwrap());
    let api_rs = parse(&output.files["src/api.rs"]);
    let inherent = |file: &syn::File, name: &str| -> BTreeSet<String> {
        let mut methods = BTreeSet::new();
        for item in &file.items {
            if let syn::Item::Impl(i) = item {
                let named = matches!(
                    &*i.self_ty,
                    syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name)
                );
                if named && i.trait_.is_none() {
                    for item in &i.items {
                        if let syn::ImplItem::Fn(f) = item {
                            methods.insert(f.sig.ident.to_string());
                        }
                    }
                }
            }
        }
        methods
    };
    let mut methods = set(&["clone", "fmt"]);
    methods.extend(inherent(&runtime, "Client"));
    methods.extend(inherent(&api_rs, "Client"));
    assert_eq!(methods, set(reserved::CLIENT_METHODS));
    let mut methods = set(&["default", "fmt"]);
    methods.extend(inherent(&runtime, "ClientBuilder"));
    assert_eq!(methods, set(reserved::CLIENT_BUILDER_METHODS));

    // The names the crate root exports are reserved for types.
    let lib = parse(&output.files["src/lib.rs"]);
    let mut exported = BTreeSet::new();
    for item in &lib.items {
        if let syn::Item::Use(u) = item {
            if let syn::UseTree::Path(p) = &u.tree {
                if let syn::UseTree::Group(g) = &*p.tree {
                    for tree in &g.items {
                        if let syn::UseTree::Name(n) = tree {
                            let name = n.ident.to_string();
                            // Constants (`DEFAULT_TIMEOUT`) cannot meet an UpperCamelCase type.
                            if name.chars().any(|c| c.is_ascii_lowercase()) {
                                exported.insert(name);
                            }
                        }
                    }
                }
            }
        }
    }
    let types = set(reserved::TYPES);
    assert!(
        exported.is_subset(&types),
        "exported but not reserved: {:?}",
        exported.difference(&types).collect::<Vec<_>>()
    );

    // The names emitted code writes unqualified are the API's own, the generic parameters of
    // serde's signatures, or reserved: a path whose first segment is any other UpperCamelCase
    // name would reach the prelude through a name an API type could take.
    struct Paths(BTreeSet<String>);
    impl<'ast> syn::visit::Visit<'ast> for Paths {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if path.leading_colon.is_none() {
                if let Some(first) = path.segments.first() {
                    let name = first.ident.to_string();
                    if name.starts_with(|c: char| c.is_ascii_uppercase()) && name != "Self" {
                        self.0.insert(name);
                    }
                }
            }
            syn::visit::visit_path(self, path);
        }
    }
    let mut unqualified = Paths(BTreeSet::new());
    for (path, text) in &output.files {
        let emitted = path.starts_with("src/types/") || path.starts_with("src/operations/");
        if emitted {
            syn::visit::Visit::visit_file(&mut unqualified, &parse(text));
        }
    }
    let mut own: BTreeSet<String> = api
        .types
        .types
        .values()
        .map(|d| d.name.to_string())
        .collect();
    for op in &api.operations {
        own.insert(op.builder_name.to_string());
        own.extend(op.error_enum.iter().map(|e| e.name.to_string()));
    }
    own.extend(["A", "D", "E", "M", "S"].map(String::from));
    let outside: Vec<&String> = unqualified
        .0
        .iter()
        .filter(|n| !own.contains(*n) && !types.contains(*n))
        .collect();
    assert!(
        outside.is_empty(),
        "unqualified but not reserved: {outside:?}"
    );

    // And lowering kept every API name off them.
    for def in api.types.types.values() {
        assert!(!types.contains(def.name.as_str()), "type {}", def.name);
    }
    for op in &api.operations {
        assert!(
            !types.contains(op.builder_name.as_str()),
            "builder {}",
            op.builder_name
        );
        let method = op.method_name.as_str();
        assert!(
            !reserved::CLIENT_METHODS.contains(&method),
            "method {method}"
        );
        for p in &op.params {
            let name = p.rust_name.as_str();
            assert!(
                !reserved::BUILDER_MEMBERS.contains(&name),
                "parameter {name}"
            );
        }
    }
    let features: Vec<&str> = api.modules.iter().map(|m| m.feature.as_str()).collect();
    for feature in reserved::FEATURES {
        assert!(!features.contains(feature), "feature {feature}");
    }
}

/// The crate of the names fixture compiles without warnings, with every feature and with one
/// tag's alone, and its clients and types behave as named.
#[test]
fn a_crate_named_after_its_own_names_compiles_cleanly() {
    let output = generator::generate(&fixture_config("names.yaml")).expect("generates");
    let (out_dir, run) = write_fixture_crate("names", &output);
    std::fs::create_dir_all(out_dir.join("tests")).unwrap();
    std::fs::write(
        out_dir.join("tests/behaviour.rs"),
        r#"
use names_client::types;

#[test]
fn renamed_members_and_types_work() {
    let client = names_client::Client::new("KEY").unwrap();
    // A parameter named like a builder method gets a suffix; the method keeps its meaning.
    let request = client
        .send_2()
        .send_2("x")
        .pages_2("p")
        .max_retries_2(1)
        .max_retries(0)
        .option("o")
        .r#type("t")
        .self_(true);
    let _ = format!("{request:?}");
    // Client methods named like the runtime's get a suffix.
    let _ = client.new_2(types::Option2::new("some", "type"));
    let _ = client.clone_2();
    let _ = client.r#box();
    // Prelude names are still the prelude's.
    let value: Option<String> = Some(String::new());
    assert!(value.is_some());
    let parsed: types::String2 = serde_json::from_str("\"Unknown\"").unwrap();
    assert_eq!(parsed, types::String2::Unknown2);
    let other: types::String2 = serde_json::from_str("\"brand new\"").unwrap();
    assert_eq!(other, types::String2::Unknown("brand new".into()));
}
"#,
    )
    .unwrap();
    let manifest = out_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace(
            "[dev-dependencies]\n",
            "[dev-dependencies]\nserde_json = \"1\"\n",
        ),
    )
    .unwrap();
    assert!(
        run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
        "the names crate does not compile cleanly: {}",
        out_dir.display()
    );
    for feature in ["default-tag", "components-tag", "type-tag", "option"] {
        assert!(
            run(&[
                "clippy",
                "--quiet",
                "--no-default-features",
                "--features",
                feature,
                "--",
                "-D",
                "warnings"
            ]),
            "the names crate with only `{feature}` does not compile cleanly: {}",
            out_dir.display()
        );
    }
    assert!(
        run(&["test", "--quiet", "--test", "behaviour"]),
        "the names crate's behaviour test fails: {}",
        out_dir.display()
    );
}
