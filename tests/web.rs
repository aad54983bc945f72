//! Component tests in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test assertions may panic.

use folio::components::{AuthorProfile, Highlighted, PostCard};
use folio::sanitize::sanitize_html;
use folio_core::Archive;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container attached to the page.
fn container() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets timers and queued browser work run.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Resolves once every image in the document has loaded or failed (lazy ones are made
/// to load) and two frames have been drawn.
async fn loads_settled() {
    let images = document().query_selector_all("img").unwrap();
    for i in 0..images.length() {
        let img: web_sys::Element = images.item(i).unwrap().unchecked_into();
        img.set_attribute("loading", "eager").unwrap();
        let complete = js_sys::Reflect::get(&img, &"complete".into()).unwrap();
        if complete.as_bool() == Some(true) {
            continue;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            img.add_event_listener_with_callback("load", &resolve)
                .unwrap();
            img.add_event_listener_with_callback("error", &resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn sample_archive() -> Archive {
    Archive::from_json(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "language": "en",
            "authors": [{"name": "Ada", "_folio": {"bio": "Writes code.", "email": "ada@example.org"}}],
            "items": [
              {"id": "1", "title": "Fish &amp; <em>Chips</em>", "date_published": "2019-12-10T09:00:00+00:00",
               "tags": ["food", "uk"], "content_html": "<p>Some words here.</p>"},
              {"id": "2", "language": "fa", "content_text": "متن"}
            ]}"#,
    )
    .unwrap()
}

#[wasm_bindgen_test]
async fn post_card_shows_linked_title_date_tags_and_excerpt() {
    let archive = sample_archive();
    let post = archive.posts[0].clone();
    let root = container();
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><PostCard post /></Router> },
    );
    settle(0).await;

    let article = root.query_selector("article").unwrap().expect("an article");
    let link = article
        .query_selector("h2 a")
        .unwrap()
        .expect("a title link in a heading");
    assert_eq!(link.text_content().unwrap(), "Fish & Chips");
    assert!(link
        .get_attribute("href")
        .unwrap()
        .ends_with("/posts/fish-chips"));
    let time = article
        .query_selector("time")
        .unwrap()
        .expect("a time element");
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        "2019-12-10T09:00:00+00:00"
    );
    assert!(time.text_content().unwrap().contains("2019"));
    assert_eq!(
        article.query_selector_all(".folio-tag").unwrap().length(),
        2
    );
    assert_eq!(
        article
            .query_selector(".folio-card__excerpt")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Some words here."
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn untitled_rtl_post_card_says_untitled_and_sets_direction() {
    let archive = sample_archive();
    let post = archive.posts[1].clone();
    let root = container();
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><PostCard post /></Router> },
    );
    settle(0).await;
    let article = root.query_selector("article").unwrap().unwrap();
    // The post's own words (its excerpt) carry its language and direction; "Untitled" is
    // the interface's word, and the card itself is the interface's, so neither does.
    let excerpt = article
        .query_selector(".folio-card__excerpt")
        .unwrap()
        .unwrap();
    assert_eq!(excerpt.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(excerpt.get_attribute("lang").as_deref(), Some("fa"));
    let title = article.query_selector("h2").unwrap().unwrap();
    assert_eq!(title.get_attribute("dir"), None);
    assert_eq!(title.get_attribute("lang"), None);
    assert_eq!(article.get_attribute("dir"), None);
    assert_eq!(article.get_attribute("lang"), None);
    assert_eq!(
        article
            .query_selector("h2 a")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Untitled"
    );
    assert!(
        article.query_selector("time").unwrap().is_none(),
        "an undated post shows no date"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn author_profile_links_email_with_mailto() {
    let author = sample_archive().authors[0].clone();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <AuthorProfile author /> });
    settle(0).await;
    let email = root
        .query_selector("a[href^='mailto:']")
        .unwrap()
        .expect("mailto link");
    assert_eq!(
        email.get_attribute("href").unwrap(),
        "mailto:ada@example.org"
    );
    assert!(root.text_content().unwrap().contains("Writes code."));
    drop(handle);
}

fn sanitized(html: &str) -> HtmlElement {
    let root = container();
    root.append_child(&sanitize_html(html, None, 1).unwrap())
        .unwrap();
    root
}

#[wasm_bindgen_test]
fn sanitizer_keeps_the_structure_posts_need() {
    let html = r#"<h1>Top</h1><p>Text <a href="https://example.org/x">link</a> <em>em</em></p>
        <ul><li>one</li></ul><ol start="3"><li>two</li></ol><blockquote cite="https://example.org">q</blockquote>
        <img src="images/a.svg" alt="A"><table><tr><th scope="col">h</th></tr><tr><td>d</td></tr></table>
        <pre><code>let x = 1;</code></pre><h3>Sub</h3>"#;
    let root = sanitized(html);
    for selector in [
        "h2",
        "p",
        "a[href='https://example.org/x']",
        "em",
        "ul li",
        "ol[start='3'] li",
        "blockquote",
        "img[src='images/a.svg'][alt='A']",
        "table th[scope='col']",
        "td",
        "pre code",
        "h3",
    ] {
        assert!(
            root.query_selector(selector).unwrap().is_some(),
            "missing {selector}"
        );
    }
    assert!(
        root.query_selector("h1").unwrap().is_none(),
        "post h1 becomes h2"
    );
}

/// Known XSS vectors: every one must come out inert.
const XSS_VECTORS: &[&str] = &[
    "<script>window.folioXss=1</script>",
    "<img src=x onerror=\"window.folioXss=1\">",
    "<svg onload=\"window.folioXss=1\"><circle r=1></circle></svg>",
    "<a href=\"javascript:window.folioXss=1\">click</a>",
    "<a href=\" JaVaScRiPt:window.folioXss=1\">click</a>",
    "<a href=\"java&#x09;script:window.folioXss=1\">tab</a>",
    "<a href=\"data:text/html,&lt;script&gt;parent.folioXss=1&lt;/script&gt;\">data</a>",
    "<iframe src=\"javascript:parent.folioXss=1\"></iframe>",
    "<iframe srcdoc=\"&lt;script&gt;parent.folioXss=1&lt;/script&gt;\"></iframe>",
    "<object data=\"javascript:window.folioXss=1\"></object>",
    "<embed src=\"javascript:window.folioXss=1\">",
    "<body onload=\"window.folioXss=1\">",
    "<details open ontoggle=\"window.folioXss=1\">x</details>",
    "<p style=\"position:fixed;inset:0;background:red\">overlay</p>",
    "<style>body{display:none}</style>",
    "<form action=\"javascript:window.folioXss=1\"><button>go</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.folioXss=1>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.folioXss=1>\">",
    "<img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.folioXss=1\">",
    "<base href=\"javascript:window.folioXss=1//\">",
    "<link rel=\"stylesheet\" href=\"data:text/css,body{display:none}\">",
    "<p id=\"folio-main\" class=\"folio-skip-link\">clobber</p>",
    "<video><source onerror=\"window.folioXss=1\"></video>",
    "<input autofocus onfocus=\"window.folioXss=1\">",
    "<template><img src=x onerror=window.folioXss=1></template>",
    "<!--<img src=x onerror=window.folioXss=1>-->",
    "<a href=\"vbscript:msgbox(1)\">vb</a>",
];

#[wasm_bindgen_test]
async fn sanitizer_leaves_known_xss_vectors_inert() {
    for vector in XSS_VECTORS {
        let root = sanitized(vector);
        let all = root.query_selector_all("*").unwrap();
        for i in 0..all.length() {
            let el: web_sys::Element = all.item(i).unwrap().unchecked_into();
            let tag = el.local_name();
            assert!(
                ![
                    "script", "iframe", "object", "embed", "svg", "style", "form", "input", "meta",
                    "base", "link", "template", "video", "math"
                ]
                .contains(&tag.as_str()),
                "{vector}: <{tag}> survived"
            );
            let names = el.get_attribute_names();
            for j in 0..names.length() {
                let name = names.get(j).as_string().unwrap();
                assert!(!name.starts_with("on"), "{vector}: {name} survived");
                assert!(
                    !["style", "class", "srcdoc"].contains(&name.as_str()),
                    "{vector}: {name} survived"
                );
                if name == "id" {
                    let id = el.get_attribute("id").unwrap_or_default();
                    assert!(id.starts_with("folio-body-"), "{vector}: id={id} survived");
                }
                let value = el
                    .get_attribute(&name)
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    !squashed.starts_with("javascript:") && !squashed.starts_with("vbscript:"),
                    "{vector}: {name}={value}"
                );
                assert!(
                    !squashed.starts_with("data:") || squashed.starts_with("data:image/png"),
                    "{vector}: {name}={value}"
                );
            }
        }
    }
    // Every image loads or fails, and two frames pass: a handler that survived would
    // have run by then.
    loads_settled().await;
    let fired = js_sys::Reflect::get(&web_sys::window().unwrap(), &"folioXss".into()).unwrap();
    assert!(fired.is_undefined(), "an XSS vector ran");
}

#[wasm_bindgen_test]
async fn highlighted_marks_folded_matches_in_the_original_text() {
    let root = container();
    let query = Some(folio_core::query::Query::parse("cafe riv"));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Highlighted text="Café by the River".to_owned() query /> }
    });
    settle(0).await;
    let marks = root.query_selector_all("mark").unwrap();
    assert_eq!(marks.length(), 2);
    assert_eq!(marks.item(0).unwrap().text_content().unwrap(), "Café");
    assert_eq!(marks.item(1).unwrap().text_content().unwrap(), "River");
    assert_eq!(root.text_content().unwrap(), "Café by the River");
    drop(handle);
}

#[wasm_bindgen_test]
fn marking_a_sanitized_body_splits_only_text_nodes() {
    let root =
        sanitized("<p>Otters <a href=\"https://example.org/otter\">otter link</a> return</p>");
    let query = folio_core::query::Query::parse("otter ");
    folio::highlight::mark_matches(&document(), &root, &query);
    assert_eq!(
        root.query_selector_all("mark").unwrap().length(),
        1,
        "only the whole word otter"
    );
    let link = root.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "https://example.org/otter"
    );
    assert_eq!(
        link.query_selector("mark")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "otter"
    );
    assert_eq!(root.text_content().unwrap(), "Otters otter link return");
}

#[wasm_bindgen_test]
fn a_post_body_s_headings_go_below_a_title_at_any_level() {
    let root = container();
    root.append_child(&sanitize_html("<h1>a</h1><h2>b</h2><h5>c</h5><h6>d</h6>", None, 3).unwrap())
        .unwrap();
    let tags: Vec<String> = (0..root.children().length())
        .filter_map(|i| root.children().item(i))
        .map(|el| el.tag_name().to_ascii_lowercase())
        .collect();
    assert_eq!(tags, ["h4", "h4", "h6", "h6"]);
}

/// A mount point with the given attributes, not attached to the page.
fn mount_point(attrs: &[(&str, &str)]) -> web_sys::Element {
    let el = document().create_element("div").unwrap();
    el.set_attribute("data-folio", "").unwrap();
    for (name, value) in attrs {
        el.set_attribute(name, value).unwrap();
    }
    el
}

#[wasm_bindgen_test]
fn a_bare_mount_point_gets_the_documented_defaults() {
    use folio::config::Config;
    use folio_core::route::RoutingMode;
    let config = Config::from_mount_point(&mount_point(&[]), &JsValue::UNDEFINED);
    assert_eq!(config.feed_url, "posts.json");
    assert_eq!(config.routing, RoutingMode::Hash);
    assert_eq!(config.page_size, 10);
    assert!(!config.owns_document);
    assert!(!config.sets_title);
    assert_eq!(config.theme, None);
}

#[wasm_bindgen_test]
fn mount_point_attributes_are_read_and_bad_values_fall_back() {
    use folio::config::{Config, Theme};
    use folio_core::route::RoutingMode;
    let config = Config::from_mount_point(
        &mount_point(&[
            ("data-index", " /feeds/posts.json "),
            ("data-routing", "PATH"),
            ("data-base", "/news/"),
            ("data-page-size", "25"),
            ("data-theme", "dark"),
            ("data-set-title", ""),
        ]),
        &JsValue::UNDEFINED,
    );
    assert_eq!(config.feed_url, "/feeds/posts.json");
    assert_eq!(config.routing, RoutingMode::Path);
    assert_eq!(config.base_path, "/news");
    assert_eq!(config.page_size, 25);
    assert_eq!(config.theme, Some(Theme::Dark));
    assert!(config.sets_title);

    let config = Config::from_mount_point(
        &mount_point(&[
            ("data-index", "  "),
            ("data-routing", "history"),
            ("data-page-size", "0"),
            ("data-theme", "sepia"),
            ("data-set-title", "false"),
        ]),
        &JsValue::UNDEFINED,
    );
    assert_eq!(config.feed_url, "posts.json");
    assert_eq!(config.routing, RoutingMode::Hash);
    assert_eq!(config.page_size, 10);
    assert_eq!(config.theme, None);
    assert!(!config.sets_title);
}

#[wasm_bindgen_test]
fn embedding_settings_are_read_and_options_win_over_attributes() {
    use folio::config::Config;
    use folio_core::embed::HeaderMode;
    let point = mount_point(&[
        ("data-header", "compact"),
        ("data-heading-level", "3"),
        ("data-id", "news"),
        ("data-page-size", "5"),
    ]);
    let config = Config::from_mount_point(&point, &JsValue::UNDEFINED);
    assert_eq!(config.header, HeaderMode::Compact);
    assert_eq!(config.heading_level, 3);
    assert_eq!(config.slot, "news");
    assert_eq!(config.page_size, 5);

    // `folio.mount`'s options, in camelCase, numbers and strings alike.
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"headingLevel".into(), &JsValue::from_f64(2.0)).unwrap();
    js_sys::Reflect::set(&options, &"header".into(), &"none".into()).unwrap();
    js_sys::Reflect::set(&options, &"stylesheet".into(), &"/folio.css".into()).unwrap();
    let config = Config::from_mount_point(&point, &options.into());
    assert_eq!(config.heading_level, 2);
    assert_eq!(config.header, HeaderMode::None);
    assert_eq!(config.stylesheet.as_deref(), Some("/folio.css"));
    assert_eq!(config.slot, "news");
    assert_eq!(config.page_size, 5);

    // Values out of range fall back, with a warning.
    let config = Config::from_mount_point(
        &mount_point(&[
            ("data-header", "tiny"),
            ("data-heading-level", "7"),
            ("data-id", "no spaces allowed"),
        ]),
        &JsValue::UNDEFINED,
    );
    assert_eq!(config.header, HeaderMode::Full);
    assert_eq!(config.heading_level, 1);
    assert_eq!(config.slot, "");
}

#[wasm_bindgen_test]
fn a_page_path_becomes_a_base_without_its_slash_or_index() {
    use folio::config::page_base;
    assert_eq!(page_base("/news/"), "/news");
    assert_eq!(page_base("/news/index.html"), "/news");
    assert_eq!(page_base("/news.html"), "/news.html");
    assert_eq!(page_base("/"), "");
}

#[wasm_bindgen_test]
fn footnote_ids_and_links_survive_under_a_prefix() {
    let root = sanitized(
        "<p>Text<sup><a href=\"#fn1\" id=\"ref1\">1</a></sup> <a href=\"#\">top</a></p>\
         <ol><li id=\"fn1\">Note. <a href=\"#ref1\">back</a></li></ol><a name=\"old\">old</a>",
    );
    let link = root.query_selector("sup a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#folio-body-fn1")
    );
    assert_eq!(link.get_attribute("id").as_deref(), Some("folio-body-ref1"));
    // Every kept link carries the same rel, in-post ones too (as on the static pages).
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some(folio_core::sanitize_policy::LINK_REL)
    );
    let note = root.query_selector("li").unwrap().unwrap();
    assert_eq!(note.get_attribute("id").as_deref(), Some("folio-body-fn1"));
    let top = root.query_selector("p > a").unwrap().unwrap();
    assert_eq!(top.text_content().as_deref(), Some("top"));
    assert_eq!(top.get_attribute("href"), None);
    let old = root.query_selector("a[id='folio-body-old']").unwrap();
    assert!(old.is_some(), "an old-style <a name> becomes a prefixed id");
}

/// A tree in a canonical text form for comparing sanitizer outputs: attributes sorted,
/// and an old-style `<a name>` counted as the id it stands for (the reader writes an
/// `id`, the static pages keep `name`; both are fragment targets).
fn canonical(node: &web_sys::Node) -> String {
    let mut out = String::new();
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        if let Some(element) = child.dyn_ref::<web_sys::Element>() {
            let name = element.local_name();
            let mut attrs: Vec<(String, String)> = element
                .get_attribute_names()
                .iter()
                .filter_map(|n| n.as_string())
                .map(|n| {
                    let value = element.get_attribute(&n).unwrap_or_default();
                    (n, value)
                })
                .collect();
            if name == "a" {
                let has_id = attrs.iter().any(|(n, _)| n == "id");
                attrs.retain(|(n, _)| !(has_id && n == "name"));
                for (n, _) in &mut attrs {
                    if n == "name" {
                        *n = "id".to_owned();
                    }
                }
            }
            attrs.sort();
            out.push_str(&format!("<{name}{attrs:?}>{}</{name}>", canonical(&child)));
        } else if child.node_type() == web_sys::Node::TEXT_NODE {
            out.push_str(&child.text_content().unwrap_or_default());
        }
    }
    out
}

#[wasm_bindgen_test]
fn the_reader_sanitizes_the_shared_corpus_as_the_static_pages_do() {
    let corpus: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/sanitize/corpus.json")).unwrap();
    let expected: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/sanitize/expected.json")).unwrap();
    assert_eq!(corpus.len(), expected.len());
    let parser = web_sys::DomParser::new().unwrap();
    for case in &corpus {
        let name = case["name"].as_str().unwrap();
        let got = sanitized(case["html"].as_str().unwrap());
        // The static pages' output, parsed inertly (nothing loads, nothing runs).
        let want = parser
            .parse_from_string(
                &format!("<body>{}</body>", expected[name].as_str().unwrap()),
                web_sys::SupportedType::TextHtml,
            )
            .unwrap()
            .body()
            .unwrap();
        assert_eq!(canonical(&got), canonical(&want), "case {name}");
    }
}

#[wasm_bindgen_test]
fn years_before_100_are_not_read_as_1900s() {
    for (text, year) in [
        ("0079-08-24T12:00:00Z", "79"),
        ("0005-03-01T12:00:00Z", "5"),
        ("1999-03-01T12:00:00Z", "1999"),
    ] {
        let date = folio_core::parse_date(text).unwrap();
        let shown = folio::format::long_date(&date, Some("en"));
        let digits: Vec<&str> = shown
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| !d.is_empty())
            .collect();
        assert_eq!(
            digits.last().copied(),
            Some(year),
            "{text} shown as {shown}"
        );
        assert!(
            !shown.contains("19") || year == "1999",
            "{text} shown as {shown}"
        );
    }
}
