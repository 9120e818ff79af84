//! The window (placeholder).
