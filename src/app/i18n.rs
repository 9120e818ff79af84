//! The window's two languages. The language itself is the library's
//! [`crate::text::Lang`]: rule messages, warnings and errors come in both.

pub use crate::text::Lang;
