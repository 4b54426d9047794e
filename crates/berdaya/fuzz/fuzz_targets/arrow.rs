#![no_main]
include!("../arrow_check.rs");
libfuzzer_sys::fuzz_target!(|data: &[u8]| check_arrow(data));
