//! Reading real-world feeds, messy ones included.
#![allow(clippy::expect_used)] // A failed expectation is how a test fails.

use folio_core::{Archive, FeedError};

fn feed(items: &str) -> String {
    format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "Test feed", "items": [{items}]}}"#
    )
}

fn archive(items: &str) -> Archive {
    Archive::from_json(&feed(items)).expect("feed should parse")
}

#[test]
fn sorts_newest_first_whatever_the_file_order() {
    let a = archive(
        r#"{"id": "1", "title": "Middle", "date_published": "2020-06-01T00:00:00Z"},
           {"id": "2", "title": "Newest", "date_published": "2022-01-01T00:00:00Z"},
           {"id": "3", "title": "Oldest", "date_published": "2018-01-01T00:00:00+02:00"}"#,
    );
    let titles: Vec<_> = a
        .posts
        .iter()
        .map(folio_core::Post::display_title)
        .collect();
    assert_eq!(titles, ["Newest", "Middle", "Oldest"]);
}

#[test]
fn undated_and_unreadable_dates_go_last_and_keep_the_post() {
    let a = archive(
        r#"{"id": "1", "title": "No date"},
           {"id": "2", "title": "Dated", "date_published": "2020-06-01T00:00:00Z"},
           {"id": "3", "title": "Bad date", "date_published": "last Tuesday"},
           {"id": "4", "title": "No zone", "date_published": "2021-06-01T10:00:00"}"#,
    );
    let titles: Vec<_> = a
        .posts
        .iter()
        .map(folio_core::Post::display_title)
        .collect();
    assert_eq!(titles, ["Dated", "No date", "Bad date", "No zone"]);
    assert!(a.posts[1..].iter().all(|p| p.published.is_none()));
}

#[test]
fn a_missing_title_shows_untitled_and_still_gets_a_slug() {
    let a = archive(
        r#"{"id": "https://example.org/2020/05/quiet-note/", "content_text": "Just a note."}"#,
    );
    let post = &a.posts[0];
    assert_eq!(post.title, None);
    assert_eq!(post.display_title(), "Untitled");
    assert!(!post.slug.is_empty());
    assert_eq!(a.post(&post.slug).map(|p| &p.id), Some(&post.id));
}

#[test]
fn untitled_posts_use_the_url_tail_as_slug() {
    let a = archive(r#"{"id": "9", "url": "https://example.org/2020/05/quiet-note/"}"#);
    assert_eq!(a.posts[0].slug, "quiet-note");
}

#[test]
fn no_content_gives_an_empty_excerpt_not_an_error() {
    let a = archive(r#"{"id": "1", "title": "Empty"}"#);
    assert_eq!(a.posts[0].excerpt, "");
    assert_eq!(a.posts[0].content_html, None);
}

#[test]
fn duplicate_ids_keep_the_first_item() {
    let a = archive(
        r#"{"id": "same", "title": "First"},
           {"id": "same", "title": "Second"},
           {"id": "other", "title": "Third"}"#,
    );
    assert_eq!(a.posts.len(), 2);
    assert_eq!(a.duplicates_dropped, 1);
    assert!(a.posts.iter().any(|p| p.display_title() == "First"));
    assert!(!a.posts.iter().any(|p| p.display_title() == "Second"));
}

#[test]
fn unknown_fields_and_wrong_types_are_ignored() {
    let a = archive(
        r#"{"id": 42, "title": "Odd", "tags": "solo", "authors": "nobody",
            "_other_extension": {"x": [1, 2]}, "banner_image": 7, "summary": ["not", "text"],
            "date_published": 20200101},
           "not an item",
           17"#,
    );
    assert_eq!(a.posts.len(), 1);
    let post = &a.posts[0];
    assert_eq!(post.id, "42");
    assert_eq!(post.tags, ["solo"]);
    assert_eq!(post.published, None);
}

#[test]
fn numbers_where_text_belongs_keep_whole_values_and_drop_fractions() {
    let a = archive(
        r#"{"id": 1e3, "title": 12.0, "url": "https://example.com/a"},
           {"id": -7, "title": 12.5, "url": "https://example.com/b"},
           {"id": 2.5, "title": 1e300, "url": "https://example.com/c"}"#,
    );
    let by_url = |url: &str| a.posts.iter().find(|p| p.url.as_deref() == Some(url));
    let first = by_url("https://example.com/a").expect("the first post is kept");
    assert_eq!((first.id.as_str(), first.display_title()), ("1000", "12"));
    let second = by_url("https://example.com/b").expect("the second post is kept");
    assert_eq!(second.id, "-7");
    assert_eq!(second.title, None);
    // An id that is a fraction is no id: the post falls back to its URL, as when absent.
    let third = by_url("https://example.com/c").expect("the third post is kept");
    assert_eq!(third.id, "https://example.com/c");
    assert_eq!(third.title, None);
}

#[test]
fn entities_and_markup_in_titles_become_plain_text() {
    let a = archive(r#"{"id": "1", "title": "Rivers &amp; <em>Rain</em> &#8212; a report"}"#);
    assert_eq!(a.posts[0].display_title(), "Rivers & Rain — a report");
    assert_eq!(a.posts[0].slug, "rivers-rain-a-report");
}

#[test]
fn excerpt_prefers_summary_then_cuts_content_at_55_words() {
    let long = (1..=80)
        .map(|n| format!("word{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    let a = archive(&format!(
        r#"{{"id": "1", "title": "A", "summary": "Short &amp; sweet.", "content_text": "ignored"}},
           {{"id": "2", "title": "B", "content_html": "<p>{long}</p>"}}"#
    ));
    let by_id = |id: &str| a.posts.iter().find(|p| p.id == id).expect("post");
    assert_eq!(by_id("1").excerpt, "Short & sweet.");
    let cut = &by_id("2").excerpt;
    assert!(cut.ends_with("word55…"), "{cut}");
    assert_eq!(cut.split_whitespace().count(), 55);
}

#[test]
fn slugs_are_unique_and_the_older_post_keeps_the_plain_one() {
    let a = archive(
        r#"{"id": "new", "title": "Annual report", "date_published": "2022-01-01T00:00:00Z"},
           {"id": "old", "title": "Annual Report", "date_published": "2020-01-01T00:00:00Z"},
           {"id": "pinned", "title": "Whatever", "_folio": {"slug": "annual-report-2"}}"#,
    );
    let slug = |id: &str| a.posts.iter().find(|p| p.id == id).map(|p| p.slug.clone());
    assert_eq!(slug("old").as_deref(), Some("annual-report"));
    assert_eq!(slug("pinned").as_deref(), Some("annual-report-2"));
    assert_eq!(slug("new").as_deref(), Some("annual-report-3"));
}

#[test]
fn slugs_are_stable_across_reads() {
    let text = feed(
        r#"{"id": "1", "title": "Same"}, {"id": "2", "title": "Same"}, {"id": "3", "title": "گزارش"}"#,
    );
    let first = Archive::from_json(&text).expect("parse");
    let second = Archive::from_json(&text).expect("parse");
    let slugs = |a: &Archive| a.posts.iter().map(|p| p.slug.clone()).collect::<Vec<_>>();
    assert_eq!(slugs(&first), slugs(&second));
    assert!(slugs(&first).contains(&"گزارش".to_owned()));
}

#[test]
fn authors_come_from_item_then_feed_and_json_feed_1_0_author_is_read() {
    let text = r#"{"version": "https://jsonfeed.org/version/1", "title": "Old feed",
        "author": {"name": "Feed Person", "_folio": {"bio": "Writes.", "email": "mailto:fp@example.org"}},
        "items": [
            {"id": "1", "title": "Inherited"},
            {"id": "2", "title": "Own", "author": {"name": "Guest"}}
        ]}"#;
    let a = Archive::from_json(text).expect("1.0 feed parses");
    let by_id = |id: &str| a.posts.iter().find(|p| p.id == id).expect("post");
    assert_eq!(by_id("1").authors[0].name, "Feed Person");
    assert_eq!(by_id("2").authors[0].name, "Guest");
    assert_eq!(a.authors[0].email.as_deref(), Some("fp@example.org"));
    assert_eq!(a.authors[0].bio.as_deref(), Some("Writes."));
    assert_eq!(a.authors.len(), 2);
}

#[test]
fn language_falls_back_to_the_feed_and_drives_direction() {
    let text = r#"{"version": "https://jsonfeed.org/version/1.1", "language": "en",
        "items": [{"id": "1", "language": "fa-IR"}, {"id": "2"}]}"#;
    let a = Archive::from_json(text).expect("parse");
    assert!(!a.is_rtl());
    let by_id = |id: &str| a.posts.iter().find(|p| p.id == id).expect("post");
    assert!(by_id("1").is_rtl());
    assert!(!by_id("2").is_rtl());
    assert_eq!(a.title, "Archive");
}

#[test]
fn html_is_reported_as_html() {
    let err = Archive::from_json("<!doctype html><html><body>Not here</body></html>");
    assert_eq!(err, Err(FeedError::HtmlInsteadOfJson));
}

#[test]
fn invalid_json_reports_line_and_column() {
    let err = Archive::from_json(
        "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [,]\n}",
    )
    .expect_err("invalid");
    match err {
        FeedError::InvalidJson { line, column, .. } => {
            assert_eq!(line, 3);
            assert_eq!(column, 13);
        }
        other => panic!("expected InvalidJson, got {other:?}"),
    }
    assert!(Archive::from_json("").is_err());
    assert!(matches!(
        Archive::from_json("{\"items\": [").expect_err("eof"),
        FeedError::InvalidJson { .. }
    ));
}

#[test]
fn json_that_is_not_a_feed_is_named_as_such() {
    for text in [
        "[1, 2, 3]",
        r#"{"items": []}"#,
        r#"{"version": "2.0", "items": []}"#,
        r#"{"version": "https://jsonfeed.org/version/1.1"}"#,
        r#"{"version": "https://jsonfeed.org/version/1.1", "items": {"a": 1}}"#,
        "42",
    ] {
        let err = Archive::from_json(text).expect_err(text);
        assert!(matches!(err, FeedError::NotJsonFeed(_)), "{text}: {err:?}");
        assert!(err.to_string().contains("not a JSON Feed"), "{err}");
    }
}

#[test]
fn an_empty_feed_is_an_empty_archive() {
    let a = archive("");
    assert!(a.posts.is_empty());
    assert_eq!(a.title, "Test feed");
}

#[test]
fn relative_urls_are_resolved_and_absolute_ones_left_alone() {
    let mut archive = Archive::from_json(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "icon": "images/icon.svg", "favicon": "https://cdn.example.org/f.png",
            "authors": [{"name": "A", "avatar": "images/a.svg", "url": "/about/a"}],
            "items": [{"id": "1", "url": "posts/one.html", "external_url": "https://e.org/x",
                       "image": "//img.example.org/1.jpg", "content_text": "x",
                       "authors": [{"name": "B", "avatar": "b.svg"}],
                       "_folio": {"content_url": "bodies/1.html"}}]}"#,
    )
    .expect("feed should parse");
    archive.resolve_urls(|u| Some(format!("https://site.example/feeds/{u}")));
    assert_eq!(
        archive.icon.as_deref(),
        Some("https://site.example/feeds/images/icon.svg")
    );
    assert_eq!(
        archive.favicon.as_deref(),
        Some("https://cdn.example.org/f.png")
    );
    assert_eq!(
        archive.authors[0].avatar.as_deref(),
        Some("https://site.example/feeds/images/a.svg")
    );
    assert_eq!(
        archive.authors[0].url.as_deref(),
        Some("https://site.example/feeds//about/a")
    );
    let post = &archive.posts[0];
    assert_eq!(
        post.url.as_deref(),
        Some("https://site.example/feeds/posts/one.html")
    );
    assert_eq!(post.external_url.as_deref(), Some("https://e.org/x"));
    assert_eq!(
        post.image.as_deref(),
        Some("https://site.example/feeds///img.example.org/1.jpg")
    );
    assert_eq!(
        post.content_url.as_deref(),
        Some("https://site.example/feeds/bodies/1.html")
    );
    assert_eq!(
        post.authors[0].avatar.as_deref(),
        Some("https://site.example/feeds/b.svg")
    );
}

#[test]
fn a_resolver_that_declines_leaves_urls_as_written() {
    let mut archive = archive(r#"{"id": "1", "image": "a.png", "content_text": "x"}"#);
    archive.resolve_urls(|_| None);
    assert_eq!(archive.posts[0].image.as_deref(), Some("a.png"));
}

#[test]
fn urls_that_could_run_script_are_dropped() {
    let archive = Archive::from_json(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "home_page_url": "javascript:alert(1)", "icon": "data:image/svg+xml,<svg onload=alert(1)>",
            "authors": [{"name": "A", "url": " JaVaScRiPt:alert(1)", "avatar": "vbscript:x"}],
            "items": [{"id": "1", "url": "java\tscript:alert(1)", "external_url": "data:text/html,<script>x</script>",
                       "image": "javascript:alert(1)", "content_text": "x",
                       "_folio": {"content_url": "javascript:fetch(1)"}},
                      {"id": "2", "url": "https://example.org/2", "image": "images/2.png", "content_text": "y",
                       "authors": [{"name": "B", "url": "mailto:b@example.org", "avatar": "data:image/png;base64,AA"}]}]}"#,
    )
    .expect("feed should parse");
    assert_eq!(archive.home_page_url, None);
    assert_eq!(archive.icon, None);
    assert_eq!(archive.authors[0].url, None);
    assert_eq!(archive.authors[0].avatar, None);
    let bad = archive.posts.iter().find(|p| p.id == "1").expect("post 1");
    assert_eq!(
        (&bad.url, &bad.external_url, &bad.image, &bad.content_url),
        (&None, &None, &None, &None)
    );
    let good = archive.posts.iter().find(|p| p.id == "2").expect("post 2");
    assert_eq!(good.url.as_deref(), Some("https://example.org/2"));
    assert_eq!(good.image.as_deref(), Some("images/2.png"));
    assert_eq!(good.authors[0].url.as_deref(), Some("mailto:b@example.org"));
    assert_eq!(
        good.authors[0].avatar.as_deref(),
        Some("data:image/png;base64,AA")
    );
}

#[test]
fn invalid_json_after_blank_lines_is_placed_in_the_file() {
    let err = Archive::from_json("\n\n\n  {\"version\": }").expect_err("invalid");
    assert!(
        matches!(err, FeedError::InvalidJson { line: 4, column, .. } if column > 3),
        "{err:?}"
    );
}

#[test]
fn a_repeated_key_keeps_the_last_value_as_json_parse_does() {
    let a = archive(
        r#"{"id": "1", "title": "First try", "title": "Second try", "date_published": "2020-06-01T00:00:00Z"},
           {"id": "2", "title": "Plain", "tags": ["a"], "tags": ["b", "c"],
            "_folio": {"slug": "one", "slug": "two"}}"#,
    );
    let titles: Vec<_> = a
        .posts
        .iter()
        .map(folio_core::Post::display_title)
        .collect();
    assert_eq!(titles, ["Second try", "Plain"]);
    assert_eq!(a.posts[1].tags, ["b", "c"]);
    assert_eq!(a.posts[1].slug, "two");
    // At the top level too.
    let doc = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Old", "title": "New", "items": []}"#;
    assert_eq!(Archive::from_json(doc).expect("repeated key").title, "New");
}

#[test]
fn a_document_that_is_not_an_object_or_not_json_keeps_a_precise_message() {
    let not_object = Archive::from_json("[1, 2]").expect_err("a list");
    assert_eq!(
        not_object,
        FeedError::NotJsonFeed("the document is a list, not a JSON object".into())
    );
    assert_eq!(
        Archive::from_json("\"text\"").expect_err("a string"),
        FeedError::NotJsonFeed("the document is not a JSON object".into())
    );
    let broken = Archive::from_json(r#"{"version": "x", "title": "a" "items": []}"#)
        .expect_err("broken JSON");
    assert!(
        matches!(&broken, FeedError::InvalidJson { line: 1, column: 31, message } if message.contains("expected")),
        "{broken:?}"
    );
}

#[test]
fn years_before_100_are_kept_as_written() {
    let a = archive(
        r#"{"id": "1", "title": "Ancient", "date_published": "0079-08-24T00:00:00Z"},
           {"id": "2", "title": "Year zero", "date_published": "0000-01-01T00:00:00Z"}"#,
    );
    let years: Vec<_> = a
        .posts
        .iter()
        .filter_map(|p| p.published.as_ref())
        .map(|d| d.ymd().0)
        .collect();
    assert_eq!(years, [79, 0]);
}

#[test]
fn a_feed_cut_off_in_transfer_says_so() {
    let whole = feed(r#"{"id": "1", "title": "One"}, {"id": "2", "title": "Two"}"#);
    let cut = &whole[..whole.len() / 2];
    let err = Archive::from_json(cut).expect_err("a truncated feed");
    assert!(
        matches!(&err, FeedError::InvalidJson { message, .. } if message.contains("cut off")),
        "{err}"
    );
}

#[test]
fn an_author_email_is_kept_only_as_one_plain_address() {
    let doc = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [],
        "authors": [
          {"name": "Upper", "_folio": {"email": "MAILTO:up@example.org"}},
          {"name": "Copy", "_folio": {"email": "a@example.org?bcc=list@example.org"}},
          {"name": "Two", "_folio": {"email": "a@example.org,b@example.org"}},
          {"name": "Hidden", "_folio": {"email": "a@\u202eexample.org"}}
        ]}"#;
    let a = Archive::from_json(doc).expect("feed");
    let emails: Vec<_> = a.authors.iter().map(|x| x.email.as_deref()).collect();
    assert_eq!(emails, [Some("up@example.org"), None, None, None]);
}

#[test]
fn a_feed_read_a_few_items_at_a_time_is_the_same_archive() {
    let text = feed(
        r#"{"title": "No id, first"}, 7, "text", {"id": "b", "title": "B", "date_published": "2024-01-02T00:00:00Z"},
           {"id": "b", "title": "Repeat"}, {"title": "No id, second", "title": "Renamed"}, null,
           {"id": "c", "title": "C", "date_published": "2023-01-02T00:00:00Z", "tags": ["x"]}"#,
    );
    let whole = Archive::from_json(&text).expect("feed");
    let mut reader = folio_core::FeedReader::new(&text).expect("feed");
    assert_eq!(reader.remaining(), 8);
    let mut steps = 1;
    while !reader.read(3) {
        steps += 1;
    }
    assert_eq!(steps, 3);
    let stepped = reader.finish();
    assert_eq!(stepped, whole);
    // Ids for items without one count objects only, as before items were read lazily.
    let ids: Vec<&str> = whole.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["b", "c", "item-1", "item-4"]);
    assert_eq!(whole.duplicates_dropped, 1);
    assert_eq!(whole.posts[3].display_title(), "Renamed");
}

#[test]
fn finds_an_author_by_the_slug_of_their_page_feed_profile_first() {
    let text = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "authors": [{"name": "Ana Lima", "_folio": {"bio": "Writes about rivers."}}],
        "items": [
            {"id": "1", "title": "A", "authors": [{"name": "Ana Lima"}]},
            {"id": "2", "title": "B", "authors": [{"name": "سارا احمدی", "avatar": "https://example.org/s.png"}]},
            {"id": "3", "title": "C", "authors": [{"name": "***"}]}
        ]}"#;
    let archive = Archive::from_json(text).expect("feed should parse");
    let ana = archive.author("ana-lima").expect("feed author");
    assert_eq!(ana.bio.as_deref(), Some("Writes about rivers."));
    let sara = archive.author("سارا-احمدی").expect("post author");
    assert_eq!(sara.avatar.as_deref(), Some("https://example.org/s.png"));
    // A name with no letters or digits is its own slug.
    assert_eq!(archive.author("***").map(|a| a.name.as_str()), Some("***"));
    assert!(archive.author("nobody").is_none());
    assert!(archive.author("").is_none());
}
