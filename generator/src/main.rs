//! `openapi-client-gen --spec PATH --out DIR [--crate-name NAME] [--check] [--verify]`:
//! generates a typed async Rust client crate from an OpenAPI 3.0 or 3.1 document. See
//! [`generator::cli`].

use std::process::ExitCode;

/// Code generation allocates and frees millions of small token and syntax-tree nodes;
/// mimalloc makes that about a fifth faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its number in `mi_option_e` of `mimalloc.h` (v2 and v3
/// alike; the enumeration keeps deprecated options in place so that numbers never change).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system 10 ms after it is freed, unless `MIMALLOC_PURGE_DELAY`
/// says otherwise: mimalloc's default, a second, keeps the memory of each stage (the document's
/// tree, then the typed document) while the next one allocates its own, which made the peak of
/// GitHub's description 170-180 MB instead of 150-160 MB. `.cargo/config.toml` sets the same
/// value for `cargo xtask`; returning memory at once (0) costs a tenth of the time in page
/// faults (docs/performance.md).
fn return_freed_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: `mi_option_set` is not thread safe; this runs first in `main`, before any
        // other thread exists.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) }
    }
}

fn main() -> ExitCode {
    return_freed_memory_promptly();
    let args: Vec<String> = std::env::args().skip(1).collect();
    generator::cli::run(&args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option set is the one `MIMALLOC_PURGE_DELAY` names: `cargo test` runs with it set to
    /// 10 (`.cargo/config.toml`), and mimalloc reads it into that option at start.
    #[test]
    fn the_purge_delay_option_is_the_one_the_variable_sets() {
        let expected: std::os::raw::c_long = match std::env::var("MIMALLOC_PURGE_DELAY") {
            Ok(value) => value.parse().unwrap(),
            Err(_) => {
                return_freed_memory_promptly();
                10
            }
        };
        // SAFETY: reading an option is thread safe.
        let value = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(value, expected);
    }
}
