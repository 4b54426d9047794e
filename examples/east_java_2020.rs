//! The East Java example of 9 September 2020 (placeholder until the domain core lands).
fn main() {}
