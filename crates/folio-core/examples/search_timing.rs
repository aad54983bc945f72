//! Native timing of parse, index build and searches on a feed file, to see where time
//! goes without a browser: `cargo run --release -p folio-core --example search_timing FEED`.
#![allow(clippy::expect_used, clippy::print_stdout)] // A developer tool, not library code.

use folio_core::list_state::ListState;
use folio_core::search::SearchIndex;
use folio_core::Archive;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: search_timing FEED.json");
    let text = std::fs::read_to_string(path).expect("readable feed");
    let t = Instant::now();
    let archive = Archive::from_json(&text).expect("valid feed");
    println!(
        "parse + normalize: {:?} ({} posts)",
        t.elapsed(),
        archive.posts.len()
    );
    let t = Instant::now();
    let index = SearchIndex::build(&archive);
    println!(
        "index build:       {:?} ({} words)",
        t.elapsed(),
        index.vocabulary_size()
    );
    for q in [
        "",
        "h",
        "ha",
        "harbour",
        "harbour f",
        "harbour fog",
        "k",
        "\"golden harbour\"",
        "رود",
    ] {
        let filters = ListState::from_pairs([("q", q)]).filters();
        let t = Instant::now();
        let found = index.search(&filters);
        println!(
            "search {q:>18}: {:>10?}  {} results",
            t.elapsed(),
            found.posts.len()
        );
    }
    let filters = ListState::from_pairs([("from", "2015-01-01")]).filters();
    let t = Instant::now();
    let found = index.search(&filters);
    println!(
        "date from 2015-01-01: {:?}  {} results",
        t.elapsed(),
        found.posts.len()
    );
}
