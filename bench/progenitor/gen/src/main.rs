//! Generate a stand-alone client crate with Oxide's progenitor (library), the way
//! `cargo progenitor` and progenitor's documented `build.rs` do it:
//!
//!   Generator::new(&GenerationSettings::default()).generate_tokens(&spec)
//!   -> syn::parse2 -> prettyplease::unparse -> src/lib.rs
//!
//! plus a Cargo.toml whose [dependencies] are the ones `cargo progenitor` emits
//! (same list and versions as its `dependencies()` function, with
//! progenitor-client instead of the included client), and `[workspace]`.
//!
//! Usage: progenitor-cmp-gen SPEC(.json|.yaml) OUT_DIR CRATE_NAME
//!
//! Exit codes: 0 ok, 2 document does not deserialize into openapiv3::OpenAPI,
//! 3 progenitor returned an error, 4 progenitor panicked, 5 output is not valid Rust.

use std::{path::PathBuf, process::exit, time::Instant};

use openapiv3::OpenAPI;
use progenitor::{GenerationSettings, Generator};

fn load(path: &str) -> OpenAPI {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        exit(1)
    });
    let res: Result<OpenAPI, String> = if path.ends_with(".json") {
        let de = &mut serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(de).map_err(|e| format!("{e}"))
    } else {
        let de = serde_yaml::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(de).map_err(|e| format!("{e}"))
    };
    res.unwrap_or_else(|e| {
        eprintln!("BLOCKER(load): document does not deserialize as openapiv3::OpenAPI: {e}");
        exit(2)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: {} SPEC OUT_DIR CRATE_NAME", args[0]);
        exit(1);
    }
    let (spec_path, out, name) = (&args[1], PathBuf::from(&args[2]), &args[3]);

    let t0 = Instant::now();
    let spec = load(spec_path);
    let t_load = t0.elapsed();
    let n_ops: usize = spec.operations().count();

    let t1 = Instant::now();
    let mut generator = Generator::new(&GenerationSettings::default());
    let tokens = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        generator.generate_tokens(&spec)
    })) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            eprintln!("BLOCKER(progenitor error): {e}");
            exit(3)
        }
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            eprintln!("BLOCKER(progenitor panic): {msg}");
            exit(4)
        }
    };
    let t_gen = t1.elapsed();

    let t2 = Instant::now();
    let file: syn::File = match syn::parse2(tokens) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("BLOCKER(output not valid Rust): {e}");
            exit(5)
        }
    };
    let code = prettyplease::unparse(&file);
    let t_fmt = t2.elapsed();

    let deps = dependencies(&generator);
    std::fs::create_dir_all(out.join("src")).expect("create out/src");
    let toml = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{}\n\n# stand-alone: not part of any enclosing workspace\n[workspace]\n",
        deps.join("\n")
    );
    std::fs::write(out.join("Cargo.toml"), toml).expect("write Cargo.toml");
    std::fs::write(out.join("src/lib.rs"), &code).expect("write lib.rs");

    eprintln!(
        "ok: {n_ops} operations, {} lines; load {:.2?}, generate_tokens {:.2?}, parse+prettyplease {:.2?}",
        code.lines().count(),
        t_load,
        t_gen,
        t_fmt
    );
}

/// The dependency list of `cargo progenitor` (cargo-progenitor/src/main.rs,
/// `dependencies()`), for a crate that depends on progenitor-client.
fn dependencies(builder: &Generator) -> Vec<String> {
    let mut deps = vec![
        "bytes = \"1.9\"".to_string(),
        "futures-core = \"0.3\"".to_string(),
        // cargo progenitor emits reqwest without TLS; set PROGENITOR_CMP_REQWEST_FEATURES to
        // add features (e.g. `"rustls"`) to this line.
        format!(
            "reqwest = {{ version = \"0.13\", default-features=false, features = [\"json\", \"query\", \"stream\"{}] }}",
            std::env::var("PROGENITOR_CMP_REQWEST_FEATURES")
                .map(|f| format!(", {f}"))
                .unwrap_or_default()
        ),
        "serde = { version = \"1.0\", features = [\"derive\"] }".to_string(),
        "serde_urlencoded = \"0.7\"".to_string(),
        "progenitor-client = \"0.15.1\"".to_string(),
    ];
    let ts = builder.get_type_space();
    if ts.uses_regress() {
        // typify 0.8 (used by progenitor 0.15) generates code for regress 0.12
        deps.push("regress = \"0.12\"".into());
    }
    if ts.uses_uuid() {
        deps.push("uuid = { version = \"1.0\", features = [\"serde\", \"v4\"] }".into());
    }
    if ts.uses_chrono() {
        deps.push("chrono = { version = \"0.4\", default-features=false, features = [\"serde\"] }".into());
    }
    if builder.uses_futures() {
        deps.push("futures = \"0.3\"".into());
    }
    if builder.uses_websockets() {
        deps.push("base64 = \"0.22\"".into());
        deps.push("rand = \"0.8\"".into());
    }
    // progenitor-client's generated code uses serde_json in any case
    deps.push("serde_json = \"1.0\"".into());
    deps.sort_unstable();
    deps.dedup();
    deps
}
