//! Native timing of the core on pathological inputs, for `make bench`: each case must
//! take time that grows with its input, not with its square (target: under a second).
//! `cargo run --profile native -p folio-core --example hostile_timing` (the release
//! profile is tuned for the wasm bundle's size; `native` is the same at opt-level 3).
//! Exits non-zero when a case takes a second or more.
#![allow(clippy::expect_used, clippy::print_stdout)] // A developer tool, not library code.

use folio_core::list_state::ListState;
use folio_core::search::SearchIndex;
use folio_core::text::html_to_text;
use folio_core::Archive;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const TEN_MB: usize = 10 * 1024 * 1024;

fn main() {
    let mut worst = Duration::ZERO;
    let mut report = |name: &str, took: Duration| {
        worst = worst.max(took);
        println!("{name:<44} {:>9.1} ms", took.as_secs_f64() * 1000.0);
    };

    for (name, unit) in [
        ("10 MB of `&` (text and feed)", "&"),
        ("10 MB of `<` (text and feed)", "<"),
        ("10 MB of `&#` (text and feed)", "&#"),
        ("10 MB of `<script>` (text and feed)", "<script>"),
        ("10 MB of `<!--` (text and feed)", "<!--"),
        ("10 MB of `</` (text and feed)", "</"),
        ("10 MB of `<p>` (text and feed)", "<p>"),
        ("10 MB of `&amp;` (text and feed)", "&amp;"),
    ] {
        let body = unit.repeat(TEN_MB / unit.len());
        let feed = feed_of(&[item("Hostile", &body, "Someone")]);
        let t = Instant::now();
        std::hint::black_box(html_to_text(&body));
        load(&feed);
        report(name, t.elapsed());
    }

    let same_title: Vec<String> = (0..10_000)
        .map(|i| item("Weeknotes", &format!("<p>Week {i}</p>"), "Ann"))
        .collect();
    let (archive, took) = load(&feed_of(&same_title));
    assert_eq!(archive.posts.len(), 10_000);
    report("10,000 posts titled \"Weeknotes\"", took);

    let many_authors: Vec<String> = (0..10_000)
        .map(|i| item(&format!("Post {i}"), "<p>Body</p>", &format!("Author {i}")))
        .collect();
    let (archive, took) = load(&feed_of(&many_authors));
    assert_eq!(archive.authors.len(), 10_000);
    report("10,000 authors", took);

    let mut tags = String::from("[");
    for i in 0..50_000 {
        let _ = write!(tags, "{}\"tag {i}\"", if i == 0 { "" } else { "," });
    }
    tags.push(']');
    let one_item = format!(
        r#"{{"id":"1","title":"Tagged","content_html":"x","tags":{tags},"_folio":{{"categories":{tags}}}}}"#
    );
    let (_, took) = load(&feed_of(&[one_item]));
    report("one post with 50,000 tags and categories", took);

    query_cases(&mut report);

    println!(
        "slowest case: {:.1} ms (target: under 1000 ms each)",
        worst.as_secs_f64() * 1000.0
    );
    if worst >= Duration::from_secs(1) {
        println!("hostile_timing: a case took a second or more");
        std::process::exit(1);
    }
}

/// Long and repetitive queries over a 2,000-post archive.
fn query_cases(report: &mut impl FnMut(&str, Duration)) {
    let sample: Vec<String> = (0..2_000)
        .map(|i| {
            item(
                &format!("Harbour report {i}"),
                "<p>The golden harbour at dawn, the fog and the ferries.</p>",
                "Ann",
            )
        })
        .collect();
    let archive = Archive::from_json(&feed_of(&sample)).expect("a valid feed");
    let index = SearchIndex::build(&archive);
    for (name, query) in [
        (
            "a 100 KB query of distinct words",
            (0..20_000).fold(String::new(), |mut q, i| {
                let _ = write!(q, "w{i} ");
                q
            }),
        ),
        (
            "a 100 KB query of one repeated phrase",
            "\"golden harbour\" ".repeat(100 * 1024 / 17),
        ),
        (
            "a 100 KB query of matching words",
            "harbour golden ".repeat(100 * 1024 / 15),
        ),
    ] {
        let t = Instant::now();
        let filters = ListState::from_pairs([("q", query.as_str())]).filters();
        let found = index.search(&filters);
        let marks = filters
            .query
            .highlights(&archive.posts[0].title.clone().unwrap_or_default());
        std::hint::black_box((found, marks));
        report(name, t.elapsed());
    }
}

/// Reads `feed` as the reader does on load (parsed, normalized, indexed): the archive,
/// and how long that took.
fn load(feed: &str) -> (Archive, Duration) {
    let t = Instant::now();
    let archive = Archive::from_json(feed).expect("a valid feed");
    std::hint::black_box(SearchIndex::build(&archive));
    (archive, t.elapsed())
}

fn item(title: &str, html: &str, author: &str) -> String {
    static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let json = |s: &str| serde_json::to_string(s).expect("a string serializes");
    format!(
        r#"{{"id":{},"title":{},"content_html":{},"authors":[{{"name":{}}}],"date_published":"2024-01-02T00:00:00Z"}}"#,
        json(&format!("post-{id}")),
        json(title),
        json(html),
        json(author)
    )
}

fn feed_of(items: &[String]) -> String {
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Hostile","items":[{}]}}"#,
        items.join(",")
    )
}
