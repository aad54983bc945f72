#![no_main]
// The body lives in folio_cli::fuzzing, where the corpus replay test calls it too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio_cli::fuzzing::wxr(data));
