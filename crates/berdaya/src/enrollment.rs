//! Enrollment (placeholder).
