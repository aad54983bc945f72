//! Replays every input the fuzzer kept (`fuzz/corpus/<target>/`), every crash it found
//! and that was fixed (`fuzz/regressions/<target>/`), and any crash not yet moved there
//! (`fuzz/artifacts/<target>/`), through the same entry points the fuzz targets call,
//! on stable Rust, so `make test` fails if any of them panics again.
#![allow(clippy::expect_used)] // A failed expectation is how a test fails.

use folio_cli::fuzzing::TARGETS;
use std::path::{Path, PathBuf};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_kept_fuzz_input_runs_without_a_panic() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (name, run) in TARGETS {
        let corpus = inputs(&fuzz.join("corpus").join(name));
        assert!(
            !corpus.is_empty(),
            "fuzz/corpus/{name} is empty: run `make fuzz` to fill it"
        );
        let crashes = [
            inputs(&fuzz.join("regressions").join(name)),
            inputs(&fuzz.join("artifacts").join(name)),
        ]
        .concat();
        for file in corpus.iter().chain(&crashes) {
            let data = std::fs::read(file).expect("a readable corpus file");
            replayed += 1;
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failures.push(file.display().to_string());
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} inputs panicked:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("replayed {replayed} fuzz inputs");
}
