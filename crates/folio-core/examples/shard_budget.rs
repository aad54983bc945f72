//! What a reader of the sharded index would download: writes the sharded form of a feed
//! into a folder, then replays `make bench`'s typing script against it and prints, as
//! JSON, the files each step fetches (with a cold cache at the start, warm after).
//!
//! `cargo run --release -p folio-core --example shard_budget FEED.json OUT_DIR`
//! (scripts/bench-shard.mjs runs it and adds compressed sizes).
#![allow(clippy::expect_used, clippy::print_stdout)] // A developer tool, not library code.

use folio_core::query::Query;
use folio_core::search::{Filters, SearchIndex};
use folio_core::shard::{self, Need, Options, ShardedArchive, MANIFEST};
use folio_core::Archive;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// The typing script of scripts/bench.mjs: each word typed a letter at a time, then
/// the box cleared.
const WORDS: &[&str] = &[
    "harbour fog",
    "kingfisher",
    "angstrom",
    "رود",
    "\"golden harbour\"",
    "w",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let feed = args.next().expect("usage: shard_budget FEED.json OUT_DIR");
    let out = std::path::PathBuf::from(args.next().expect("usage: shard_budget FEED.json OUT_DIR"));
    let text = std::fs::read_to_string(feed).expect("readable feed");
    let archive = Archive::from_json(&text).expect("valid feed");
    drop(text);
    let started = Instant::now();
    let index = SearchIndex::build(&archive);
    let files = shard::write(&archive, &index, &Options::default());
    let write_ms = started.elapsed().as_millis();
    std::fs::create_dir_all(&out).expect("output folder");
    let mut by_name: HashMap<String, Vec<u8>> = HashMap::new();
    for (name, bytes) in files {
        std::fs::write(out.join(&name), &bytes).expect("write");
        by_name.insert(name, bytes);
    }
    let manifest = String::from_utf8_lossy(&by_name[MANIFEST]).into_owned();
    let mut sharded =
        ShardedArchive::from_manifest(&manifest, Box::new(shard::author_day)).expect("manifest");
    let mut cache: HashSet<String> = HashSet::from([MANIFEST.to_owned()]);
    let mut fetch = |sharded: &mut ShardedArchive, needs: Vec<Need>, got: &mut Vec<String>| {
        for need in needs {
            if cache.insert(need.name.clone()) {
                got.push(need.name.clone());
            }
            let text = String::from_utf8_lossy(&by_name[&need.name]).into_owned();
            sharded.add(&need, &text).expect("chunk");
        }
    };

    // The first list: the manifest and the records of the newest ten posts.
    let mut first = vec![MANIFEST.to_owned()];
    let first_page: Vec<usize> = (0..archive.posts.len().min(10)).collect();
    loop {
        let needs = sharded.needs_for_posts(&first_page);
        if needs.is_empty() {
            break;
        }
        fetch(&mut sharded, needs, &mut first);
    }
    println!(
        "{}",
        serde_json::json!({"posts": archive.posts.len(), "files": by_name.len(),
            "bytes": by_name.values().map(Vec::len).sum::<usize>(), "write_ms": write_ms, "first": first})
    );

    for word in WORDS {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            let typed: String = chars[..n].iter().collect();
            let filters = Filters {
                query: Query::parse(&typed),
                ..Filters::default()
            };
            let mut got = Vec::new();
            let t = Instant::now();
            loop {
                let needs = sharded.needs_for_search(&filters);
                if needs.is_empty() {
                    break;
                }
                fetch(&mut sharded, needs, &mut got);
            }
            let results = sharded.search(&filters).expect("answerable");
            let page: Vec<usize> = results.posts.iter().copied().take(10).collect();
            loop {
                let needs = sharded.needs_for_posts(&page);
                if needs.is_empty() {
                    break;
                }
                fetch(&mut sharded, needs, &mut got);
            }
            let micros = t.elapsed().as_micros();
            println!(
                "{}",
                serde_json::json!({"query": typed, "results": results.posts.len(), "fetched": got, "micros": micros})
            );
        }
    }
}
