//! Post HTML for the static pages: cleaned natively with ammonia to the reader's own
//! allowlist (`folio_core::sanitize_policy`), so a post reads the same with JavaScript
//! (the reader's browser-side sanitizer) and without it (these pages). A shared corpus
//! (`tests/fixtures/sanitize/`) pins both to the same output.

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};
use folio_core::sanitize_policy::{
    attribute_value, element_attributes, rewrite_href, ALLOWED_ELEMENTS, BODY_ID_PREFIX,
    DROPPED_ELEMENTS, GLOBAL_ATTRIBUTES, IMAGE_ATTRIBUTES, LINK_REL,
};
use folio_core::url_policy::{is_relative, is_safe_image, is_safe_link};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// A configured cleaner. Relative URLs are resolved against `base` (the feed's address),
/// as the reader resolves them against the feed's URL; without a base they stay relative.
pub struct Sanitizer {
    builder: Builder<'static>,
}

impl Sanitizer {
    pub fn new(base: Option<url::Url>) -> Self {
        let mut builder = Builder::empty();
        let mut tag_attributes: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
        for &tag in ALLOWED_ELEMENTS {
            let mut attrs: HashSet<&'static str> =
                element_attributes(tag).iter().copied().collect();
            match tag {
                "a" => attrs.extend(["href", "name"]),
                "img" => attrs.extend(["src"]),
                "blockquote" | "q" | "del" | "ins" => attrs.extend(["cite"]),
                _ => {}
            }
            tag_attributes.insert(tag, attrs);
        }
        builder
            .tags(ALLOWED_ELEMENTS.iter().copied().collect())
            .clean_content_tags(DROPPED_ELEMENTS.iter().copied().collect())
            .generic_attributes(GLOBAL_ATTRIBUTES.iter().copied().chain(["id"]).collect())
            .tag_attributes(tag_attributes)
            .url_schemes(
                ["http", "https", "mailto", "tel", "data"]
                    .into_iter()
                    .collect(),
            )
            .link_rel(Some(LINK_REL))
            .strip_comments(true)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("a", "href") => is_safe_link(value)
                    .then(|| rewrite_href(value))
                    .flatten()
                    .map(Cow::Owned),
                // An old-style footnote target: kept under the same prefix as ids.
                ("a", "name") => Some(value.trim())
                    .filter(|v| !v.is_empty())
                    .map(|v| Cow::Owned(format!("{BODY_ID_PREFIX}{v}"))),
                ("img", "src") => is_safe_image(value).then(|| Cow::Owned(value.trim().to_owned())),
                (_, "cite") => is_safe_link(value).then(|| Cow::Owned(value.trim().to_owned())),
                // Ids go under the prefix, so none can match one of the page's.
                (_, "id") => Some(value.trim())
                    .filter(|v| !v.is_empty())
                    .map(|v| Cow::Owned(format!("{BODY_ID_PREFIX}{v}"))),
                _ => attribute_value(element, attribute, value).map(Cow::Owned),
            });
        // In-post anchors stay in the post; other relative URLs are resolved against the
        // feed, and checked again, as the reader does.
        builder.url_relative(UrlRelative::Custom(Box::new(Resolve(base))));
        Self { builder }
    }

    /// `html` cleaned, as a fragment to put inside the post's body element.
    pub fn clean(&self, html: &str) -> String {
        let clean = self.builder.clean(&headings_demoted(html)).to_string();
        finish_images(&clean)
    }
}

/// How relative URLs in a body are written: in-post anchors stay in the post; others are
/// resolved against the feed (when its address is known) and checked again, as the
/// reader does.
struct Resolve(Option<url::Url>);

impl UrlRelativeEvaluate<'_> for Resolve {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if url.starts_with('#') || !is_relative(url) {
            return Some(Cow::Borrowed(url));
        }
        let Some(base) = &self.0 else {
            return Some(Cow::Borrowed(url));
        };
        base.join(url)
            .ok()
            .map(|u| u.to_string())
            .filter(|u| is_safe_link(u))
            .map(Cow::Owned)
    }
}

/// `html` with every `h1` tag written as `h2`: the post's title is the page's only
/// `h1`. A plain rewrite of the tags' names is enough, because the result is sanitized
/// afterwards: at worst it changes the spelling of something the sanitizer drops.
fn headings_demoted(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let open = rest.len() > 3
            && rest[0] == b'<'
            && rest[1].eq_ignore_ascii_case(&b'h')
            && rest[2] == b'1';
        let close = rest.len() > 4
            && rest[0] == b'<'
            && rest[1] == b'/'
            && rest[2].eq_ignore_ascii_case(&b'h')
            && rest[3] == b'1';
        let name_ends = |at: usize| {
            rest.get(at)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        };
        if open && name_ends(3) {
            out.push_str("<h2");
            i += 3;
        } else if close && name_ends(4) {
            out.push_str("</h2");
            i += 4;
        } else {
            let len = html[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&html[i..i + len]);
            i += len;
        }
    }
    out
}

/// Sanitized HTML with the reader's image attributes on each image (lazy loading, and
/// `alt=""` where there is no `alt`: an image without one is read out by its file
/// name). They are added here, in a fixed order, rather than by ammonia, whose order
/// would change from run to run and rewrite unchanged pages. The input is ammonia's
/// output, where every attribute value is double-quoted with `"` escaped.
fn finish_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let tag_start = &rest[at..];
        // The end of the tag: the first `>` outside a quoted value.
        let mut quoted = false;
        let mut end = tag_start.len();
        for (i, c) in tag_start.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '>' if !quoted => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &tag_start[..end];
        out.push_str(tag);
        for (attr, value) in IMAGE_ATTRIBUTES {
            let _ = write!(out, " {attr}=\"{value}\"");
        }
        if !has_attribute(tag, "alt") {
            out.push_str(" alt=\"\"");
        }
        rest = &tag_start[end..];
    }
    out.push_str(rest);
    out
}

/// True when the serialized tag `tag` (no closing `>`) has attribute `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    let mut quoted = false;
    let mut previous = ' ';
    for (i, c) in tag.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted
            && previous == ' '
            && tag[i..].starts_with(name)
            && tag[i + name.len()..].starts_with(['=', ' ', '/'])
        {
            return true;
        }
        previous = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus both sanitizers are held to: the reader's (a wasm test in
    /// `tests/web.rs`) and this one. `FOLIO_BLESS=1` rewrites the expected output from
    /// this sanitizer, to review in the diff.
    #[test]
    fn the_shared_corpus_comes_out_as_expected() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sanitize");
        let corpus: Vec<serde_json::Value> = serde_json::from_str(
            &std::fs::read_to_string(root.join("corpus.json")).expect("corpus"),
        )
        .expect("corpus JSON");
        let sanitizer = Sanitizer::new(None);
        let mut produced = serde_json::Map::new();
        for case in &corpus {
            let name = case["name"].as_str().expect("name");
            let html = case["html"].as_str().expect("html");
            produced.insert(name.to_owned(), sanitizer.clean(html).into());
        }
        let path = root.join("expected.json");
        if std::env::var_os("FOLIO_BLESS").is_some() {
            let text = serde_json::to_string_pretty(&produced).expect("JSON");
            std::fs::write(&path, text + "\n").expect("write expected.json");
        }
        let expected: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("expected.json"))
                .expect("expected JSON");
        for (name, html) in &produced {
            assert_eq!(Some(html), expected.get(name), "case {name}");
        }
        assert_eq!(produced.len(), expected.len());
    }

    #[test]
    fn headings_and_alts_follow_the_reader() {
        assert_eq!(
            headings_demoted("<H1 class=x>T</h1 ><h10>"),
            "<h2 class=x>T</h2 ><h10>"
        );
        let clean =
            Sanitizer::new(None).clean("<img src=a.png loading=eager><img alt=\"x>y\" src=b.png>");
        assert_eq!(clean.matches("loading=\"lazy\"").count(), 2, "{clean}");
        assert!(!clean.contains("eager"), "{clean}");
        assert_eq!(clean.matches("alt=").count(), 2, "{clean}");
        assert!(clean.contains("alt=\"\""), "{clean}");
    }
}
