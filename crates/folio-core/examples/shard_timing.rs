//! Native timings of searches on a sharded index once every chunk they need is loaded:
//! what a keystroke costs the reader after the network. `cargo run --release -p
//! folio-core --example shard_timing DIR/index` (a folder `folio build --sharded` wrote).
#![allow(clippy::expect_used, clippy::print_stdout)] // A developer tool, not library code.

use folio_core::query::Query;
use folio_core::search::Filters;
use folio_core::shard::{author_day, ShardedArchive, MANIFEST};
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: shard_timing DIR/index");
    let dir = Path::new(&dir);
    let read = |name: &str| std::fs::read(dir.join(name)).expect("index file reads");
    let manifest = String::from_utf8(read(MANIFEST)).expect("UTF-8");
    let mut sharded =
        ShardedArchive::from_manifest(&manifest, Box::new(author_day)).expect("manifest reads");
    let queries = [
        "",
        "h",
        "ha",
        "harbour",
        "harbour f",
        "harbour fog",
        "k",
        "kingfisher",
        "w",
        "\"golden harbour\"",
        "رود",
    ];
    for q in queries {
        let filters = Filters {
            query: Query::parse(q),
            ..Filters::default()
        };
        loop {
            let needs = sharded.needs_for_search(&filters);
            if needs.is_empty() {
                break;
            }
            for need in needs {
                let bytes = read(&need.name);
                let bytes = match need.range {
                    Some((start, len)) => bytes[start..start + len].to_vec(),
                    None => bytes,
                };
                sharded
                    .add(&need, &String::from_utf8(bytes).expect("UTF-8"))
                    .expect("chunk reads");
            }
        }
        let runs = 20;
        let started = Instant::now();
        let mut count = 0;
        for _ in 0..runs {
            count = sharded.search(&filters).map_or(0, |r| r.posts.len());
        }
        println!(
            "{q:>20}: {:>10.2?} {count} results",
            started.elapsed() / runs
        );
    }
}
