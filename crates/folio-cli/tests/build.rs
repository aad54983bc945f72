#![allow(clippy::expect_used, clippy::unwrap_used)] // Test helpers: a failure here is a failed test.

//! The `folio` command run as a site owner runs it, on the fixtures beside this file;
//! every index it writes is read back with the reader's own code.

use folio_core::Archive;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .output()
        .expect("the folio binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `inputs` into a fresh folder; returns the folder, the JSON and the archive.
fn build(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Value, Archive, Output) {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.path().display().to_string()]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = folio(&refs);
    let text = std::fs::read_to_string(out.path().join("posts.json"))
        .unwrap_or_else(|e| panic!("posts.json written: {e}\n{}", stderr(&output)));
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    let archive = Archive::from_json(&text).expect("the reader reads it");
    (out, json, archive, output)
}

fn item<'a>(json: &'a Value, slug: &str) -> &'a Value {
    json["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["_folio"]["slug"] == slug))
        .unwrap_or_else(|| panic!("no item with slug {slug}"))
}

#[test]
fn a_wordpress_export_keeps_published_posts_and_counts_the_rest() {
    let (_dir, json, archive, output) = build(&[&fixture("wordpress.xml")], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let slugs: Vec<&str> = archive.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "harbour-wall-repairs",
            "سلام-همسایه",
            "summer-fair",
            "old-post"
        ]
    );
    let summary = stderr(&output);
    for reason in [
        "1 attachment",
        "1 draft",
        "1 nav_menu_item",
        "1 page",
        "1 password-protected",
        "1 pending",
        "1 private",
        "1 revision",
        "1 trash",
        "1 future",
    ] {
        assert!(
            summary.contains(reason),
            "summary lacks {reason}: {summary}"
        );
    }
    assert!(summary.contains("4 posts, 10 skipped"), "{summary}");
    let text = json.to_string();
    for secret in [
        "SECRET-BUDGET",
        "DRAFT-TEXT",
        "PENDING-TEXT",
        "PRIVATE-TEXT",
        "FUTURE-TEXT",
        "TRASH-TEXT",
        "PAGE-TEXT",
        "REVISION-TEXT",
    ] {
        assert!(!text.contains(secret), "{secret} leaked into the index");
    }
    // Login emails stay private without --author-emails.
    assert!(!text.contains("private@example.org"));
    assert_eq!(archive.title, "Heron Point Residents");
    assert_eq!(archive.language.as_deref(), Some("en-GB"));
    assert_eq!(
        archive.home_page_url.as_deref(),
        Some("https://heron.example.org")
    );
}

#[test]
fn wordpress_content_is_rendered_as_wordpress_shows_it() {
    let (_dir, json, archive, _) = build(&[&fixture("wordpress.xml")], &[]);
    let post = archive.post("harbour-wall-repairs").expect("post");
    let html = post.content_html.as_deref().expect("body");
    assert!(html.starts_with("<p>Work on the harbour wall starts on Monday.<br />\nThe contractor expects six weeks of work.</p>"), "{html}");
    assert!(html.contains("<figure class=\"wp-caption aligncenter\"><img src=\"/wp-content/uploads/2024/08/wall.jpg\""), "{html}");
    assert!(
        html.contains("<figcaption>The wall after the February storm</figcaption></figure>"),
        "{html}"
    );
    assert!(
        html.contains("<p><a href=\"https://video.example.net/watch/harbour-briefing\">"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://maps.example.net/heron-point\">"),
        "{html}"
    );
    assert!(
        !html.contains("[gallery") && !html.contains("[embed") && !html.contains("[caption"),
        "{html}"
    );
    assert!(html.contains("open [sic] except"), "{html}");
    assert!(html.contains("<ul>\n<li>Parking"), "{html}");
    // Relative links point where they did on the original site.
    assert!(html.contains("href=\"/contact/\""), "{html}");
    // <!--more--> ends the excerpt.
    assert_eq!(
        post.excerpt,
        "Work on the harbour wall starts on Monday. The contractor expects six weeks of work."
    );
    assert_eq!(post.tags, ["flooding", "harbour"]);
    assert_eq!(post.categories, ["News"]);
    assert_eq!(post.authors[0].name, "Mara Quist");
    assert_eq!(post.authors[0].email, None);
    // The featured image comes from the attachment named by _thumbnail_id.
    assert_eq!(
        post.image.as_deref(),
        Some("https://heron.example.org/wp-content/uploads/2024/08/wall.jpg")
    );
    // GMT date, written in the site's own offset.
    assert_eq!(
        post.published.map(|d| d.iso()).as_deref(),
        Some("2024-08-15T09:30:00+01:00")
    );
    assert_eq!(
        item(&json, "harbour-wall-repairs")["date_modified"],
        "2024-08-16T10:00:00+01:00"
    );

    let blocks = archive.post("summer-fair").expect("block post");
    let html = blocks.content_html.as_deref().expect("body");
    assert!(!html.contains("wp:"), "{html}");
    assert!(
        html.contains("<h2 class=\"wp-block-heading\">Stalls</h2>"),
        "{html}"
    );
    assert!(
        !html.contains("<p><!--") && !html.contains("<p><p>"),
        "{html}"
    );
    assert_eq!(blocks.display_title(), "Block editor & the summer fair");
    assert!(blocks.categories == ["Events"]);

    let persian = archive
        .post("سلام-همسایه")
        .expect("percent-decoded Persian slug");
    assert_eq!(persian.excerpt, "خوش‌آمد به همسایه‌های تازه.");
    assert!(
        persian.categories.is_empty(),
        "Uncategorized is WordPress's default, not a category"
    );

    // No GMT date: the local date, at the offset the other posts show (+01:00).
    let old = archive.post("old-post").expect("old post");
    assert_eq!(
        old.published.map(|d| d.iso()).as_deref(),
        Some("2009-03-05T23:30:00+01:00")
    );
}

#[test]
fn author_emails_and_bios_come_only_when_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let authors = dir.path().join("authors.toml");
    std::fs::write(&authors, "[[authors]]\nname = \"Mara Quist\"\nbio = \"Chairs the association.\"\navatar = \"https://heron.example.org/mara.jpg\"\n").expect("write");
    let (_out, _, archive, _) = build(
        &[&fixture("wordpress.xml")],
        &[
            "--authors",
            &authors.display().to_string(),
            "--author-emails",
        ],
    );
    let mara = archive
        .authors
        .iter()
        .find(|a| a.name == "Mara Quist")
        .expect("Mara");
    assert_eq!(mara.bio.as_deref(), Some("Chairs the association."));
    assert_eq!(mara.email.as_deref(), Some("mara.private@example.org"));
    assert_eq!(
        archive.authors[0].name, "Mara Quist",
        "the authors file's order comes first"
    );
}

#[test]
fn drafts_come_in_only_with_the_flag() {
    let (_dir, _, archive, output) = build(&[&fixture("wordpress.xml")], &["--drafts"]);
    let titles: Vec<&str> = archive
        .posts
        .iter()
        .map(folio_core::Post::display_title)
        .collect();
    assert!(
        titles.contains(&"A draft") && titles.contains(&"Pending review"),
        "{titles:?}"
    );
    assert!(
        !titles.contains(&"Private note") && !titles.contains(&"Members only: the budget"),
        "{titles:?}"
    );
    assert!(output.status.success());
}

#[test]
fn a_hugo_site_is_read_with_its_config_and_extensions() {
    let (_dir, json, archive, output) = build(&[&fixture("hugo")], &[]);
    let summary = stderr(&output);
    assert!(
        summary.contains("broken.md:4:5: front matter: illegal placement"),
        "the broken front matter is located: {summary}"
    );
    assert!(summary.contains("2 posts, "), "{summary}");
    assert!(summary.contains("1 draft"), "{summary}");
    assert!(
        output.status.success(),
        "one bad file never fails the run: {summary}"
    );
    assert_eq!(archive.title, "Allotment Diary");
    assert_eq!(archive.description.as_deref(), Some("Notes from plot 14."));
    let frost = archive
        .post("first-frost")
        .expect("slug from the file name");
    assert_eq!(frost.display_title(), "First frost & the last beans");
    assert_eq!(
        frost.url.as_deref(),
        Some("https://hugo.example.org/posts/first-frost/")
    );
    let html = frost.content_html.as_deref().expect("body");
    assert!(
        html.contains("<table>") && html.contains("<del>Next year</del>"),
        "{html}"
    );
    assert!(html.contains("footnote-definition"), "{html}");
    assert!(html.contains("checkbox"), "{html}");
    assert!(
        html.contains("<figcaption>Frost on the water butt</figcaption>"),
        "{html}"
    );
    assert!(html.contains("Remember the shed key."), "{html}");
    for raw in ["{{", "youtube", "notice"] {
        assert!(!html.contains(raw), "{raw} shown raw: {html}");
    }
    assert!(
        frost.excerpt.starts_with("The beans are done."),
        "{}",
        frost.excerpt
    );
    assert!(
        !frost.excerpt.contains("Frost on the water butt"),
        "the excerpt ends at <!--more-->"
    );
    assert_eq!(frost.authors[0].name, "Pat Ellery");
    assert_eq!(frost.categories, ["Diary"]);

    let bundle = archive
        .post("bundle-post")
        .expect("a page bundle is named by its folder");
    assert_eq!(bundle.excerpt, "The spring seed swap, in pictures.");
    assert_eq!(bundle.tags, ["seeds", "events"]);
    assert_eq!(
        bundle.published.map(|d| d.iso()).as_deref(),
        Some("2023-03-18T00:00:00+00:00")
    );
    // Without --site-url, relative links in bodies are left as they were written.
    let body = item(&json, "bundle-post")["content_html"]
        .as_str()
        .expect("body");
    assert!(
        body.contains("src=\"packets.jpg\"") && body.contains("href=\"../first-frost/\""),
        "{body}"
    );
    assert!(!json.to_string().contains("DRAFT-TEXT"));
    assert!(!json.to_string().contains("Not a post"));
}

#[test]
fn site_url_makes_body_links_absolute() {
    let (_dir, json, _, _) = build(
        &[&fixture("hugo")],
        &["--site-url", "https://mirror.example.org/"],
    );
    let post = item(&json, "bundle-post");
    let body = post["content_html"].as_str().expect("body");
    assert!(
        body.contains("src=\"https://mirror.example.org/posts/bundle-post/packets.jpg\""),
        "{body}"
    );
    assert!(
        body.contains("href=\"https://mirror.example.org/posts/first-frost/\""),
        "{body}"
    );
    assert_eq!(
        post["image"],
        "https://mirror.example.org/posts/bundle-post/cover.jpg"
    );
}

#[test]
fn a_jekyll_site_takes_dates_and_slugs_from_file_names() {
    let (_dir, _, archive, output) = build(&[&fixture("jekyll")], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let slugs: Vec<&str> = archive.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["nightjet-vienna", "the-caledonian"]);
    let caledonian = archive.post("the-caledonian").expect("post");
    assert_eq!(
        caledonian.published.map(|d| d.iso()).as_deref(),
        Some("2022-05-04T00:00:00+00:00")
    );
    assert_eq!(
        caledonian.url.as_deref(),
        Some("https://trains.example.org/notes/trips/2022/05/04/the-caledonian.html")
    );
    assert_eq!(caledonian.display_title(), "The Caledonian");
    let html = caledonian.content_html.as_deref().expect("body");
    assert!(!html.contains("{%") && !html.contains("include"), "{html}");
    assert!(
        html.contains("<code class=\"language-ruby\">puts \"all aboard\""),
        "{html}"
    );
    assert!(
        html.contains("Use {{ page.title }} in a template."),
        "{html}"
    );
    let vienna = archive.post("nightjet-vienna").expect("post");
    assert_eq!(
        vienna.published.map(|d| d.iso()).as_deref(),
        Some("2022-06-10T21:15:00+02:00")
    );
    assert_eq!(vienna.excerpt, "A couchette, a sunrise over the Danube.");

    let (_dir, _, with_drafts, _) = build(&[&fixture("jekyll")], &["--drafts"]);
    assert!(with_drafts
        .posts
        .iter()
        .any(|p| p.display_title() == "Someday, the Trans-Siberian"));
    assert!(with_drafts
        .posts
        .iter()
        .any(|p| p.display_title() == "Unpublished trip"));
}

#[test]
fn rss_and_atom_merge_and_repeated_ids_are_kept_once() {
    let (_dir, json, archive, output) = build(&[&fixture("rss.xml"), &fixture("atom.xml")], &[]);
    let summary = stderr(&output);
    assert!(
        summary.contains("rss.xml:") && summary.contains("sometime in spring"),
        "{summary}"
    );
    assert!(summary.contains("1 duplicate ids merged"), "{summary}");
    assert_eq!(archive.posts.len(), 4);
    let nine = archive
        .posts
        .iter()
        .find(|p| p.id == "https://swim.example.org/2024/03/nine-degrees/")
        .expect("merged");
    assert_eq!(
        nine.content_html.as_deref(),
        Some("<p>Still cold, and updated.</p>"),
        "the later-updated copy wins"
    );
    let neap = archive
        .posts
        .iter()
        .find(|p| p.id == "tag:swim.example.org,2024:neap")
        .expect("atom");
    assert_eq!(neap.display_title(), "Tides < 1 metre");
    assert_eq!(
        neap.content_html.as_deref(),
        Some("<div><p>Neap tides this week: <a href=\"/tides/\">table</a>.</p></div>")
    );
    assert_eq!(
        neap.authors[0].name, "Jo Brennan",
        "an entry without authors has the feed's"
    );
    let glow = archive
        .posts
        .iter()
        .find(|p| p.id == "swim-glow-2023")
        .expect("rss");
    assert_eq!(glow.authors[0].name, "Jo Brennan");
    assert_eq!(glow.display_title(), "Bioluminescence & night swims");
    assert!(
        archive.posts.last().is_some_and(|p| p.published.is_none()),
        "the undated post is kept, last"
    );
    assert_eq!(json["title"], "Bay Swimmers");
}

#[test]
fn split_bodies_keep_the_index_small_and_bodies_fetchable() {
    let (dir, json, archive, _) = build(&[&fixture("wordpress.xml")], &["--split-bodies"]);
    for post in &archive.posts {
        assert!(post.content_html.is_none());
        let url = post.content_url.as_deref().expect("content_url");
        let body = std::fs::read_to_string(dir.path().join(url)).expect("body file");
        assert!(!body.is_empty());
        assert!(!post.excerpt.is_empty(), "the index carries the excerpt");
    }
    assert!(!json.to_string().contains("<figure"));
}

#[test]
fn output_is_byte_identical_and_a_second_build_writes_nothing() {
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path().display().to_string();
    let wxr = fixture("wordpress.xml").display().to_string();
    let first = folio(&["build", &wxr, "-o", &dir, "--split-bodies"]);
    let bytes = std::fs::read(out.path().join("posts.json")).expect("index");
    let second = folio(&["build", &wxr, "-o", &dir, "--split-bodies"]);
    assert_eq!(
        bytes,
        std::fs::read(out.path().join("posts.json")).expect("index")
    );
    assert!(
        stderr(&first).contains("files written"),
        "{}",
        stderr(&first)
    );
    assert!(
        stderr(&second).contains("files unchanged"),
        "{}",
        stderr(&second)
    );
    // Without --split-bodies, the bodies folder of the earlier build is cleared.
    folio(&["build", &wxr, "-o", &dir]);
    let left = std::fs::read_dir(out.path().join("bodies")).map_or(0, Iterator::count);
    assert_eq!(left, 0);
}

#[test]
fn a_truncated_export_keeps_what_came_before_and_says_where_it_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = std::fs::read_to_string(fixture("wordpress.xml")).expect("fixture");
    let cut = whole
        .find("<title><![CDATA[Block editor")
        .expect("third item");
    let path = dir.path().join("cut.xml");
    std::fs::write(&path, &whole[..cut]).expect("write");
    let (_out, _, archive, output) = build(&[&path], &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("cut.xml:") && message.contains("stopped reading there"),
        "{message}"
    );
    assert_eq!(archive.posts.len(), 2);
}

#[test]
fn files_that_are_not_inputs_say_what_they_look_like() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("feed.xml");
    std::fs::write(&page, "<!DOCTYPE html><html><body>Not found</body></html>").expect("write");
    let out = dir.path().join("out");
    let output = folio(&[
        "build",
        &page.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("looks like an HTML page"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_exit_status_says_whether_the_reader_repairs_anything() {
    let (dir, _, _, _) = build(&[&fixture("jekyll")], &[]);
    let clean = folio(&[
        "check",
        &dir.path().join("posts.json").display().to_string(),
    ]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    let messy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/messy.json");
    let report = folio(&["check", &messy.display().to_string()]);
    assert_eq!(report.status.code(), Some(1));
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(
        text.contains("messy.json:13:5: the id \"newest\" repeats the item at 10:5"),
        "{text}"
    );

    let broken =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/invalid-json.json");
    let report = folio(&["check", &broken.display().to_string()]);
    assert_eq!(report.status.code(), Some(2));
    assert!(
        stderr(&report).contains("invalid-json.json:"),
        "{}",
        stderr(&report)
    );
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let output = folio(args);
        assert!(output.status.success());
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Example"), "{args:?}: {text}");
    }
}

#[test]
fn the_bundled_sample_archive_builds_and_meets_its_brief() {
    // The project uses its own tool: the sample is Markdown, built as `make dist` does.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample");
    let authors = sample.join("authors.toml");
    let (_dir, _, a, output) = build(&[&sample], &["--authors", &authors.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(a.posts.len() >= 40, "{} posts", a.posts.len());
    let years: std::collections::BTreeSet<i32> = a
        .posts
        .iter()
        .filter_map(|p| p.published)
        .map(|d| d.ymd().0)
        .collect();
    assert!(years.len() >= 4, "{years:?}");
    assert!(a.authors.len() >= 3);
    assert!(a
        .authors
        .iter()
        .all(|au| au.bio.is_some() && au.email.is_some()));
    assert!(a.posts.iter().all(|p| !p.tags.is_empty()));
    assert!(a.posts.iter().any(folio_core::Post::is_rtl));
    assert!(a.posts.iter().any(|p| p.title.is_none()));
    assert!(a
        .posts
        .iter()
        .any(|p| p.display_title().chars().count() > 120));
    let html: String = a
        .posts
        .iter()
        .filter_map(|p| p.content_html.clone())
        .collect();
    for needle in ["<p>", "<ul>", "<blockquote>", "<img ", "<a href="] {
        assert!(html.contains(needle), "sample lacks {needle}");
    }
    let slugs: std::collections::HashSet<_> = a.posts.iter().map(|p| &p.slug).collect();
    assert_eq!(slugs.len(), a.posts.len());
}

#[test]
fn the_sample_has_no_problems_but_its_deliberately_untitled_post() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample");
    let authors = sample.join("authors.toml");
    let (dir, _, _, _) = build(&[&sample], &["--authors", &authors.display().to_string()]);
    let report = folio(&[
        "check",
        &dir.path().join("posts.json").display().to_string(),
    ]);
    let text = String::from_utf8_lossy(&report.stdout);
    assert_eq!(
        text.matches(": the item has no \"title\"").count(),
        1,
        "{text}"
    );
    assert!(text.contains("44 posts; 1 problems"), "{text}");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(&path, text).expect("write");
    path
}

const WXR_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title><wp:wxr_version>1.2</wp:wxr_version>"#;

fn wxr_item(creator: &str, title: &str, status: &str, body: &str) -> String {
    format!(
        "<item><title>{title}</title><link>https://e.org/{title}/</link><dc:creator><![CDATA[{creator}]]></dc:creator><guid>https://e.org/?p={title}</guid><content:encoded><![CDATA[{body}]]></content:encoded><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt><wp:status>{status}</wp:status><wp:post_type>post</wp:post_type></item>"
    )
}

#[test]
fn login_emails_never_become_names_without_the_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xml = format!(
        "{WXR_HEAD}<wp:author><wp:author_login>jane@private.example</wp:author_login><wp:author_display_name>jane@private.example</wp:author_display_name></wp:author>{}{}</channel></rss>",
        wxr_item("jane@private.example", "one", "publish", "x"),
        wxr_item("bob@private.example", "two", "publish", "y"),
    );
    let path = write(dir.path(), "e.xml", &xml);
    let (_out, json, archive, _) = build(&[&path], &[]);
    assert!(!json.to_string().contains("private.example"), "{json}");
    let names: Vec<&str> = archive.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["jane", "bob"]);
    let (_out, json, _, _) = build(&[&path], &["--author-emails"]);
    assert!(json.to_string().contains("jane@private.example"));
}

#[test]
fn an_export_read_as_rss_still_keeps_private_posts_out() {
    let (_dir, json, archive, output) = build(&[&fixture("wordpress.xml")], &["--from", "rss"]);
    let text = json.to_string();
    for secret in [
        "SECRET-BUDGET",
        "DRAFT-TEXT",
        "PRIVATE-TEXT",
        "PAGE-TEXT",
        "REVISION-TEXT",
    ] {
        assert!(
            !text.contains(secret),
            "{secret} leaked: {}",
            stderr(&output)
        );
    }
    assert_eq!(archive.posts.len(), 4);
}

#[test]
fn posts_a_generator_would_not_publish_stay_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "posts/2024-03-05-hello.md",
        "---\ntitle: Hello\n---\nHi.\n",
    );
    write(
        dir.path(),
        "posts/hidden.md",
        "---\ntitle: Hidden\ndate: 2024-01-01\npermalink: false\n---\nNo.\n",
    );
    write(
        dir.path(),
        "posts/later.md",
        "---\ntitle: Later\ndate: 2999-01-01\n---\nNot yet.\n",
    );
    write(
        dir.path(),
        "posts/bad-date.md",
        "---\ntitle: Bad\ntags: [a]\ndate: someday\n---\nx\n",
    );
    std::os::unix::fs::symlink(".", dir.path().join("posts/loop")).expect("symlink");
    let (_out, _, archive, output) = build(&[dir.path()], &["--site-url", "https://e.org/"]);
    let summary = stderr(&output);
    assert!(
        summary.contains("1 scheduled") && summary.contains("1 not published by the site"),
        "{summary}"
    );
    assert!(
        summary.contains("bad-date.md:4:1: the date \"someday\""),
        "{summary}"
    );
    assert_eq!(
        archive.posts.len(),
        1,
        "the linked folder is not read again"
    );
    let hello = &archive.posts[0];
    assert_eq!(hello.slug, "hello");
    assert_eq!(hello.url.as_deref(), Some("https://e.org/posts/hello/"));
    assert_eq!(
        hello.published.map(|d| d.iso()).as_deref(),
        Some("2024-03-05T00:00:00+00:00")
    );
}

#[test]
fn an_unreadable_input_never_wipes_the_index() {
    let (dir, _, _, _) = build(&[&fixture("wordpress.xml")], &["--split-bodies"]);
    let before = std::fs::read(dir.path().join("posts.json")).expect("index");
    let bodies = std::fs::read_dir(dir.path().join("bodies")).map_or(0, Iterator::count);
    let output = folio(&[
        "build",
        "/nonexistent/typo.xml",
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("left as it was"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(dir.path().join("posts.json")).expect("index"),
        before
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("bodies")).map_or(0, Iterator::count),
        bodies
    );
}

#[test]
fn aliases_join_a_wordpress_login_to_the_authors_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let authors = write(
        dir.path(),
        "authors.toml",
        "[[authors]]\nname = \"Mara Q. Quist\"\nbio = \"Chair.\"\naliases = [\"mara\"]\n",
    );
    let (_out, _, archive, _) = build(
        &[&fixture("wordpress.xml")],
        &["--authors", &authors.display().to_string()],
    );
    let post = archive.post("harbour-wall-repairs").expect("post");
    assert_eq!(post.authors[0].name, "Mara Q. Quist");
    assert_eq!(post.authors[0].bio.as_deref(), Some("Chair."));
    assert!(!archive.authors.iter().any(|a| a.name == "Mara Quist"));
}

#[test]
fn a_split_index_reads_back_with_its_bodies() {
    let (dir, _, first, _) = build(&[&fixture("wordpress.xml")], &["--split-bodies"]);
    let (_again, _, second, _) = build(&[&dir.path().join("posts.json")], &[]);
    let bodies = |a: &Archive| {
        a.posts
            .iter()
            .map(|p| p.content_html.clone().unwrap_or_default().len())
            .collect::<Vec<_>>()
    };
    assert!(bodies(&second).iter().all(|&n| n > 0));
    assert_eq!(second.posts.len(), first.posts.len());
}

#[test]
fn check_reads_json_feed_1_0_authors_and_numeric_ids_as_the_reader_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let feed = write(
        dir.path(),
        "f.json",
        r#"{"version": "https://jsonfeed.org/version/1", "title": "T",
"author": {"name": "A", "url": "javascript:alert(1)"},
"items": [{"id": 42, "title": 7, "content_text": "x", "date_published": "2024-01-01T00:00:00Z"}]}"#,
    );
    let report = folio(&["check", &feed.display().to_string()]);
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(
        text.contains("f.json:2:32: unsafe URL in the author's \"url\""),
        "{text}"
    );
    assert!(
        !text.contains("Untitled") && !text.contains("no \"id\""),
        "{text}"
    );
    assert_eq!(report.status.code(), Some(1));
}

#[test]
fn a_zola_site_reads_its_config_and_taxonomies() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "config.toml", "base_url = \"https://zola.example.org\"\ntitle = \"Tide Tables\"\ndefault_language = \"fr\"\n");
    write(
        dir.path(),
        "content/blog/_index.md",
        "+++\ntitle = \"Blog\"\n+++\n",
    );
    write(
        dir.path(),
        "content/blog/neap.md",
        "+++\ntitle = \"Marées de morte-eau\"\ndate = 2024-04-01\n[taxonomies]\ntags = [\"marées\"]\ncategories = [\"Notes\"]\n[extra]\nimage = \"neap.png\"\n+++\nLa mer monte peu.\n",
    );
    let (_out, _, archive, output) = build(&[dir.path()], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(archive.title, "Tide Tables");
    assert_eq!(archive.language.as_deref(), Some("fr"));
    let post = archive.post("neap").expect("post");
    assert_eq!(post.tags, ["marées"]);
    assert_eq!(post.categories, ["Notes"]);
    assert_eq!(
        post.url.as_deref(),
        Some("https://zola.example.org/blog/neap/")
    );
    assert_eq!(
        post.image.as_deref(),
        Some("https://zola.example.org/blog/neap/neap.png")
    );
}

#[test]
fn sharded_output_reads_back_with_the_same_results() {
    use folio_core::query::Query;
    use folio_core::search::{Filters, SearchIndex};
    use folio_core::shard::{ShardedArchive, MANIFEST};
    let (dir, _, archive, output) = build(&[&fixture("hugo"), &fixture("rss.xml")], &["--sharded"]);
    assert!(
        stderr(&output).contains("sharded index in"),
        "{}",
        stderr(&output)
    );
    let folder = dir.path().join("index");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).expect("chunk");
    let mut sharded =
        ShardedArchive::from_manifest(&read(MANIFEST), Box::new(folio_core::shard::author_day))
            .expect("manifest");
    assert_eq!(sharded.manifest().base.as_deref(), Some("../"));
    let index = SearchIndex::build(&archive);
    for q in ["beans", "w", "still cold", "\"first frost\"", "wat"] {
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
                sharded.add(&need, &read(&need.name)).expect("chunk reads");
            }
        }
        assert_eq!(
            sharded.search(&filters),
            Some(index.search(&filters)),
            "{q}"
        );
    }
}

#[test]
fn a_sharded_rebuild_keeps_the_previous_builds_chunks_for_one_more_deploy() {
    use std::collections::BTreeSet;
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("UTF-8 path");
    let index = dir.path().join("index");
    let on_disk = || -> BTreeSet<String> {
        std::fs::read_dir(&index)
            .expect("index folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect()
    };
    // The files a build named, as it recorded them for the next one.
    let named = || -> BTreeSet<String> {
        std::fs::read_to_string(index.join(".folio-build-files"))
            .expect("the build's file list")
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let hugo = fixture("hugo");
    let rss = fixture("rss.xml");
    let run = |inputs: &[&Path]| {
        let mut args = vec!["build"];
        args.extend(inputs.iter().map(|p| p.to_str().expect("UTF-8 path")));
        args.extend(["--sharded", "--quiet", "-o", out]);
        let output = folio(&args);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    run(&[&hugo]);
    let first = named();
    assert_eq!(on_disk(), first);
    run(&[&hugo, &rss]);
    let second = named();
    // The first build's files are all still there, beside the second's.
    assert_eq!(on_disk(), &first | &second);
    assert!(!second.is_subset(&first));
    run(&[&rss]);
    let third = named();
    // Now the first build's own files are gone; the second's stay one more deploy.
    assert_eq!(on_disk(), &second | &third);
    assert!(first.difference(&(&second | &third)).next().is_some());
}

#[test]
fn pages_are_written_once_and_need_a_public_address() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("UTF-8 path");
    let wordpress = fixture("wordpress.xml");
    let input = wordpress.to_str().expect("UTF-8 path");
    let refused = folio(&["build", input, "--pages", "-o", out]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--public-url"),
        "{}",
        stderr(&refused)
    );

    let args = [
        "build",
        input,
        "--pages",
        "--public-url",
        "https://news.example.org/archive",
        "-o",
        out,
    ];
    let first = folio(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("static pages:"),
        "{}",
        stderr(&first)
    );
    let archive =
        Archive::from_json(&std::fs::read_to_string(dir.path().join("posts.json")).expect("feed"))
            .expect("feed reads");
    let post = &archive.posts[0];
    let page = std::fs::read_to_string(dir.path().join(format!("posts/{}/index.html", post.slug)))
        .expect("the post's page");
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"https://news.example.org/archive/posts/{}/\">",
        post.slug
    )));
    assert!(page.contains("<meta property=\"og:title\""), "{page}");
    assert!(!page.contains("<script>"), "bodies are sanitized");
    assert!(dir.path().join("index.html").exists());
    assert!(dir.path().join("sitemap.xml").exists());
    assert!(dir.path().join("feed.atom").exists());

    let second = folio(&args);
    assert!(second.status.success());
    assert!(
        stderr(&second).contains("static pages:") && stderr(&second).contains("files unchanged"),
        "{}",
        stderr(&second)
    );

    // The site's own robots.txt is neither overwritten nor removed.
    std::fs::write(
        dir.path().join("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n",
    )
    .expect("write");
    for _ in 0..2 {
        assert!(folio(&args).status.success());
        let robots =
            std::fs::read_to_string(dir.path().join("robots.txt")).expect("robots.txt kept");
        assert!(robots.contains("Disallow: /drafts/"), "{robots}");
    }
}

#[test]
fn pages_keep_loading_the_app_after_they_replace_its_index_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("UTF-8 path");
    let shell = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Folio</title>\
                 <script type=\"module\" src=\"/app.js\"></script></head><body></body></html>";
    std::fs::write(dir.path().join("index.html"), shell).expect("shell");
    let wordpress = fixture("wordpress.xml");
    let args = [
        "build",
        wordpress.to_str().expect("UTF-8 path"),
        "--pages",
        "--public-url",
        "https://example.org/",
        "-o",
        out,
    ];
    for run in 0..2 {
        let output = folio(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let index = std::fs::read_to_string(dir.path().join("index.html")).expect("index.html");
        assert!(
            index.contains("data-folio-static"),
            "run {run}: the list's first page"
        );
        assert!(
            index.contains("src=\"/app.js\""),
            "run {run}: still loads the app"
        );
        assert!(
            !index.contains("<title>Folio</title>"),
            "run {run}: the page's own title only"
        );
    }
}

#[test]
fn pages_include_each_authors_page_scoped_to_their_posts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let feed = dir.path().join("in.json");
    std::fs::write(
        &feed,
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Desk",
            "authors": [{"name": "Ana Lima", "avatar": "https://example.org/ana.png", "_folio": {"bio": "Rivers & weirs."}},
                        {"name": "Bo Chen"}],
            "items": [
              {"id": "1", "title": "By Ana", "content_text": "a", "date_published": "2024-01-02T00:00:00Z", "authors": [{"name": "Ana Lima"}], "tags": ["water"]},
              {"id": "2", "title": "By Bo", "content_text": "b", "date_published": "2024-01-01T00:00:00Z", "authors": [{"name": "Bo Chen"}], "tags": ["roads"]},
              {"id": "3", "title": "By nobody nameable", "content_text": "c", "date_published": "2023-12-01T00:00:00Z", "authors": [{"name": "***"}], "tags": ["water"]}
            ]}"#,
    )
    .expect("write feed");
    let out = dir.path().join("site");
    let built = folio(&[
        "build",
        feed.to_str().expect("UTF-8 path"),
        "--pages",
        "--public-url",
        "https://example.org/news/",
        "-o",
        out.to_str().expect("UTF-8 path"),
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let ana = std::fs::read_to_string(out.join("authors/ana-lima/index.html")).expect("Ana's page");
    assert!(ana.contains("Author: <bdi>Ana Lima</bdi></h1>"), "{ana}");
    assert!(ana.contains("Rivers &amp; weirs."));
    assert!(ana.contains("By Ana") && !ana.contains("By Bo"), "{ana}");
    assert!(ana.contains("<p class=\"folio-list__count\">1 post</p>"));
    assert!(ana.contains("<title>Ana Lima — Desk</title>"), "{ana}");
    assert!(ana.contains("href=\"https://example.org/news/authors/ana-lima/\""));
    // Her tag facet counts her posts and stays on her page; no author facet there.
    assert!(
        ana.contains("href=\"authors/ana-lima/?tag=water\""),
        "{ana}"
    );
    assert!(!ana.contains("roads"));
    assert!(!ana.contains("aria-label=\"Filter by authors\""));

    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    // Several authors: a row of links to their pages, not their bios.
    assert!(
        home.contains("<a class=\"folio-author-chip\" href=\"authors/bo-chen/\">"),
        "{home}"
    );
    assert!(!home.contains("Rivers &amp; weirs."));
    // The page's interface is English, left to right, as the app's root is; the feed's
    // title, in no named language, takes its direction from its text, as in the app.
    assert!(
        home.contains(
            "<div class=\"folio folio--page\" lang=\"en\" dir=\"ltr\" data-folio-static>"
        ),
        "{home}"
    );
    assert!(
        home.contains("<h1 class=\"folio-header__title\" tabindex=\"-1\" dir=\"auto\">Desk</h1>"),
        "{home}"
    );
    // Bylines link to the pages too.
    assert!(home.contains("<a href=\"authors/ana-lima/\" class=\"folio-meta__author\">"));
    // A name with nothing to make a slug of gets no folder.
    assert!(!out.join("authors/***").exists());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<loc>https://example.org/news/authors/bo-chen/</loc>"));

    // The feed to subscribe to, in the header and the head.
    assert!(
        home.contains(
            "<a href=\"posts.json\" type=\"application/feed+json\">Subscribe to the feed</a>"
        ),
        "{home}"
    );
    assert!(home.contains("<link rel=\"alternate\" type=\"application/feed+json\" title=\"Desk\" href=\"posts.json\">"), "{home}");
    // A post's page: reading time, and related posts by shared tags.
    let post = std::fs::read_to_string(out.join("posts/by-ana/index.html")).expect("post page");
    assert!(
        post.contains("<span class=\"folio-meta__reading\">1 min read</span>"),
        "{post}"
    );
    assert!(post.contains("<section class=\"folio-related\""), "{post}");
    assert!(post.contains("<a href=\"posts/by-nobody-nameable/\" class=\"folio-related__link\" dir=\"auto\">By nobody nameable</a>"), "{post}");
    let bo = std::fs::read_to_string(out.join("posts/by-bo/index.html")).expect("Bo's post");
    assert!(
        !bo.contains("folio-related"),
        "nothing shares a tag with it"
    );
}
