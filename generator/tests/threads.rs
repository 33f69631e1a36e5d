//! The output does not depend on how many threads generate it: `Config::jobs` (`--jobs`) at 1
//! (the calling thread alone, nothing split) and at several gives the same files, warnings and
//! origins, byte for byte.

mod common;

use std::num::NonZeroUsize;

/// `config` generated at each of `limits`: every result equals the first.
fn same_at_every_limit(config: &generator::Config, text: &str, limits: &[usize]) {
    let outputs: Vec<generator::Output> = limits
        .iter()
        .map(|&limit| {
            let config = generator::Config {
                jobs: Some(NonZeroUsize::new(limit).unwrap()),
                ..config.clone()
            };
            generator::generate_from_str(&config, text.to_owned())
                .unwrap_or_else(|e| panic!("{}: {e}", config.spec_display))
        })
        .collect();
    assert!(outputs[0].files.len() > 5, "{}", config.spec_display);
    for (limit, output) in limits.iter().zip(&outputs).skip(1) {
        for (path, text) in &outputs[0].files {
            assert!(
                output.files.get(path) == Some(text),
                "{}: {path} differs at {limit} threads",
                config.spec_display
            );
        }
        assert_eq!(
            output, &outputs[0],
            "{}: {limit} threads",
            config.spec_display
        );
    }
}

#[test]
fn the_curated_crate_is_the_same_at_one_thread_and_at_many() {
    let config = common::curated_config();
    let text = std::fs::read_to_string(&config.spec_path).unwrap();
    same_at_every_limit(&config, &text, &[1, 2, 3, 8]);
}

/// The same document made larger than the size below which it is read in one piece (by a
/// comment, which changes nothing it says), so that with threads to spare it is read in two
/// halves side by side.
#[test]
fn a_document_read_in_halves_gives_what_one_thread_gives() {
    let config = common::curated_config();
    let mut text = std::fs::read_to_string(&config.spec_path).unwrap();
    assert!(text.len() < generator::load::split::Limits::DEFAULT.min);
    while text.len() < 2 * generator::load::split::Limits::DEFAULT.min {
        text.push_str("# padding: the document says the same with this comment\n");
    }
    let two = generator::Threads::new(NonZeroUsize::new(2).unwrap());
    let halves = generator::load::split::parse(
        &text,
        generator::load::tree::Syntax::Yaml,
        &generator::load::split::Limits::DEFAULT,
        &two,
    );
    assert!(halves.is_some(), "the document is read in halves");
    same_at_every_limit(&config, &text, &[1, 2]);
}

#[test]
fn fixtures_are_the_same_at_one_thread_and_at_many() {
    for name in ["shapes.yaml", "names.yaml", "webhooks.yaml", "pets.yaml"] {
        let config = common::fixture_config(name);
        let text = std::fs::read_to_string(&config.spec_path).unwrap();
        same_at_every_limit(&config, &text, &[1, 4]);
    }
}
