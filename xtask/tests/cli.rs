//! `cargo xtask codegen` as a user runs it: exit codes, messages, and no output on failure.

use std::path::PathBuf;
use std::process::Command;

fn xtask(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("run xtask");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn bad_spec_exits_1_with_located_error_and_writes_nothing() {
    let dir = scratch("bad");
    let spec = dir.join("api.json");
    std::fs::write(&spec, "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"},\n \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": []}}}}}\n").unwrap();
    let out = dir.join("client");
    let (code, stdout, stderr) = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: {}:2:41: at /paths/~1a/get/responses/200: a response must be a mapping, found a list\n",
            spec.display()
        )
    );
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn good_spec_generates_a_crate_named_after_the_directory() {
    let dir = scratch("good");
    let spec =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generator/tests/fixtures/shapes.yaml");
    let out = dir.join("Shapes Client");
    let args = [
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, stderr) = xtask(&args);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("files written, 0 removed, 0 unchanged"),
        "{stdout}"
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"shapes-client\""), "{manifest}");
    let (code, stdout, _) = xtask(&[&args[..], &["--check"]].concat());
    assert_eq!(code, Some(0));
    assert_eq!(stdout, format!("{}/ is up to date\n", out.display()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = xtask(&["codegen", "--spec", "a.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: `--spec` and `--crate-name` need `--out DIR`"),
        "{stderr}"
    );
}
