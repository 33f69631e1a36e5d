//! Errors of the generator.
use std::fmt;

/// A failure to turn a document into a client: where it happened and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub pointer: String,
    pub line: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((l, c)) = self.line {
            write!(f, ":{l}:{c}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, ": at {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}
impl std::error::Error for Error {}

/// Something the generator could not express as the document says, and what it did instead
/// (the operation takes raw JSON, a name got a suffix...). Same shape as an [`Error`]: where and what.
pub type Warning = Error;
