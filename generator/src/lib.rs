//! OpenAPI → Rust client generator.
//!
//! The pipeline has three stages, each in its own module:
//! [`load`] reads the document into one owned value, [`lower`] turns it into the token-free IR
//! of [`ir`], and [`emit`] renders the IR to the files of a client crate.
//! [`pointer`](mod@pointer) names places in the document for all three; [`Threads`] is how any
//! of them works side by side; [`cli`] is the command line (`openapi-client-gen`) that writes
//! the crate to disk.

use std::collections::BTreeMap;
use std::path::PathBuf;

pub mod cli;
pub mod dedupe;
pub mod emit;
mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod paginate;
pub mod pointer;
pub mod recursion;
pub mod threads;
pub use error::{Error, Warning};
pub use threads::Threads;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// The OpenAPI document to read.
    pub spec_path: PathBuf,
    /// How the spec path is shown in headers and messages (relative to the workspace).
    pub spec_display: String,
    /// Name of the generated crate (`telnyx-orders`).
    pub crate_name: String,
    /// Version of the generated crate.
    pub crate_version: String,
    /// Prefix of the environment variables the client reads (`TELNYX` → `TELNYX_API_KEY`).
    pub env_prefix: String,
    /// The command that generates the crate, as the header of every file names it
    /// (`cargo xtask codegen`, [`cli::BIN_NAME`]).
    pub command: String,
    /// A directory of hand-written cargo examples (`*.rs`) copied byte for byte into the
    /// crate's `examples/`, with `examples_display` naming it in messages.
    pub examples_dir: Option<PathBuf>,
    /// The most threads generating may use at once, the calling thread included (`1` runs on
    /// the calling thread alone); `None` takes the machine's cores, at most
    /// [`Threads::MAX_DEFAULT`]. The output is the same at every setting.
    pub jobs: Option<std::num::NonZeroUsize>,
}

/// The generated crate: file contents keyed by path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative path (always with `/` separators) → full file contents.
    pub files: BTreeMap<String, String>,
    /// What could not be generated as the document says, and what was done instead, in
    /// document order.
    pub warnings: Vec<Warning>,
    /// Where the code of the files printed item by item comes from: per file, the first line
    /// of each item's stretch and the JSON pointer, into the document as the user wrote it,
    /// that it was generated from, in line order (what `--verify` names when the compiler finds
    /// fault with a line).
    pub origins: BTreeMap<String, Vec<Origin>>,
}

/// Where a stretch of a generated file comes from: it starts at `line` (1-based) and runs to
/// the line before the next origin of its file, or to the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The first line of the stretch.
    pub line: usize,
    /// The JSON pointer, in the document, of what it was generated from.
    pub pointer: String,
}

impl Output {
    /// The pointer the stretch holding `line` (1-based) of `file` was generated from.
    pub fn origin_of(&self, file: &str, line: usize) -> Option<&str> {
        let origins = self.origins.get(file)?;
        let after = origins.partition_point(|o| o.line <= line);
        after.checked_sub(1).map(|i| origins[i].pointer.as_str())
    }
}

/// Generates a client crate in memory. Nothing is written to disk.
pub fn generate(config: &Config) -> Result<Output, Error> {
    let text = std::fs::read_to_string(&config.spec_path).map_err(|e| Error {
        file: config.spec_display.clone(),
        pointer: String::new(),
        line: None,
        message: format!("cannot read the document: {e}"),
    })?;
    generate_from_str(config, text)
}

/// The cargo examples of `config.examples_dir`: `(file name, text)`, sorted by name.
fn read_examples(config: &Config) -> Result<Vec<(String, String)>, Error> {
    let Some(dir) = &config.examples_dir else {
        return Ok(Vec::new());
    };
    let error = |message: String| Error {
        file: dir.display().to_string(),
        pointer: String::new(),
        line: None,
        message,
    };
    let mut examples = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| error(format!("cannot read the examples: {e}")))?;
    for entry in entries {
        let path = entry
            .map_err(|e| error(format!("cannot read the examples: {e}")))?
            .path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| error(format!("cannot read the example {name}: {e}")))?;
            examples.push((name, text));
        }
    }
    examples.sort();
    Ok(examples)
}

/// Generates a client crate from document text (the spec path is only used in messages).
pub fn generate_from_str(config: &Config, text: String) -> Result<Output, Error> {
    let source =
        load::Source::new(config.spec_display.clone(), text).with_path(config.spec_path.clone());
    let threads = Threads::with_limit(config.jobs);
    let loaded = load::load(&source, &threads)?;
    // Lowering runs on one thread; the index that locates its warnings is built beside it.
    let (walked, ()) = threads.join(|| lower::walk(&loaded, &source), || source.index_lines());
    // The document is not needed once it has been walked: it is freed while another thread
    // runs the passes that finish the IR. Freeing it before emitting keeps the peak memory of
    // a large API at what the IR and the output need; freeing it on the thread that made it
    // lets the allocator reuse its memory at once.
    let load::Loaded {
        document,
        webhooks,
        notes,
        origins: moved,
    } = loaded;
    let at = load::Locator {
        source: &source,
        origins: &moved,
    };
    let ((), api) = threads.join(
        || drop((document, webhooks)),
        || walked.and_then(|walked| walked.finish(&at, &threads)),
    );
    let api = api?;
    let examples = read_examples(config)?;
    let emit::Emitted { files, mut origins } = emit::emit(&api, config, &examples, &threads)?;
    // The IR's pointers are into the loaded document; the user's document is what to name.
    for origin in origins.values_mut().flatten() {
        origin.pointer = at.original(&origin.pointer);
    }
    // What reading 3.1 as 3.0 changed in meaning, then what lowering could not express.
    let mut warnings: Vec<Warning> = notes
        .into_iter()
        .map(|note| at.error(&note.pointer, note.message))
        .collect();
    warnings.extend(api.warnings);
    Ok(Output {
        files,
        warnings,
        origins,
    })
}
