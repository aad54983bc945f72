//! What survives sanitizing a post's HTML: the one allowlist that the reader's
//! browser-side sanitizer and the `folio` command's static pages both apply, so a post
//! reads the same with and without JavaScript.
//!
//! URL-valued attributes (`href`, `src`, `cite`) are checked with [`crate::url_policy`];
//! ids get [`BODY_ID_PREFIX`]; links get [`LINK_REL`]; images get [`IMAGE_ATTRIBUTES`].
//! An `h1` in a post becomes an `h2`: the post's title is the page's only `h1`.

/// Elements kept, with their children.
pub const ALLOWED_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

/// Elements dropped together with everything inside them.
pub const DROPPED_ELEMENTS: &[&str] = &[
    "applet", "audio", "base", "button", "canvas", "embed", "form", "frame", "frameset", "head",
    "iframe", "input", "link", "math", "meta", "noembed", "noframes", "noscript", "object",
    "option", "param", "script", "select", "style", "svg", "template", "textarea", "title",
    "video",
];

/// Attributes kept on any allowed element.
pub const GLOBAL_ATTRIBUTES: &[&str] = &["title", "lang", "dir"];

/// What a post's own ids are prefixed with, so that footnotes and in-post links work
/// while no id from a feed can match (or clobber) one of the page's or the app's.
pub const BODY_ID_PREFIX: &str = "folio-body-";

/// Attributes kept on particular elements; URL-valued ones are checked separately.
pub const ELEMENT_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("img", &["alt", "width", "height"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("details", &["open"]),
];

/// The `rel` every kept link gets: no window access for the target, no referrer, and no
/// ranking credit for links the site did not vouch for.
pub const LINK_REL: &str = "noopener noreferrer nofollow ugc";

/// Attributes every kept image gets, whatever the feed said: lazy loading, and no
/// referrer, so an image host does not learn which post a reader is on.
pub const IMAGE_ATTRIBUTES: &[(&str, &str)] = &[
    ("loading", "lazy"),
    ("decoding", "async"),
    ("referrerpolicy", "no-referrer"),
];

/// The largest width or height, in CSS pixels, an image may ask for: larger (or not a
/// plain number) and the attribute is dropped, so `height="99999999"` cannot push the
/// rest of the page, or a host page's footer, out of reach.
pub const MAX_IMAGE_SIDE: u32 = 4000;

/// The value a kept attribute that is not a URL is written with, or `None` to drop it:
/// a cell's `headers` name ids, so they get [`BODY_ID_PREFIX`] as the ids do; an
/// image's size must be a plain number up to [`MAX_IMAGE_SIDE`].
pub fn attribute_value(element: &str, attribute: &str, value: &str) -> Option<String> {
    match (element, attribute) {
        ("td" | "th", "headers") => {
            let ids: Vec<String> = value
                .split_ascii_whitespace()
                .map(|id| format!("{BODY_ID_PREFIX}{id}"))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
        ("img", "width" | "height") => value
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|side| (1..=MAX_IMAGE_SIDE).contains(side))
            .map(|side| side.to_string()),
        _ => Some(value.to_owned()),
    }
}

/// The element a post's element is written as when the post's title is a heading at
/// level `top`: headings move below the title (see [`crate::embed::body_heading`]).
pub fn renamed(name: &str, top: u8) -> &str {
    crate::embed::body_heading(name, top).unwrap_or(name)
}

/// The attributes kept on `element` besides the global ones (URL-valued ones apart).
pub fn element_attributes(element: &str) -> &'static [&'static str] {
    ELEMENT_ATTRIBUTES
        .iter()
        .find(|(name, _)| *name == element)
        .map_or(&[][..], |(_, attrs)| *attrs)
}

/// An in-post link (`#note-1`) as it must read once ids carry [`BODY_ID_PREFIX`]; `None`
/// for a bare `#`, which goes nowhere. Other links come back unchanged (trimmed).
pub fn rewrite_href(href: &str) -> Option<String> {
    let href = href.trim();
    match href.strip_prefix('#') {
        Some("") => None,
        Some(fragment) => Some(format!("#{BODY_ID_PREFIX}{fragment}")),
        None => Some(href.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_post_links_follow_the_prefixed_ids() {
        assert_eq!(rewrite_href(" #fn1 ").as_deref(), Some("#folio-body-fn1"));
        assert_eq!(rewrite_href("#"), None);
        assert_eq!(
            rewrite_href("https://x.org/#a").as_deref(),
            Some("https://x.org/#a")
        );
    }

    #[test]
    fn cell_headers_follow_the_ids_and_image_sizes_are_bounded() {
        assert_eq!(
            attribute_value("td", "headers", " a  b ").as_deref(),
            Some("folio-body-a folio-body-b")
        );
        assert_eq!(attribute_value("th", "headers", "  "), None);
        assert_eq!(
            attribute_value("img", "height", "300").as_deref(),
            Some("300")
        );
        for bad in ["99999999", "0", "-5", "50%", "1e3", ""] {
            assert_eq!(attribute_value("img", "height", bad), None, "{bad}");
        }
        assert_eq!(attribute_value("td", "colspan", "2").as_deref(), Some("2"));
    }

    #[test]
    fn dropped_and_kept_elements_never_overlap() {
        assert!(DROPPED_ELEMENTS
            .iter()
            .all(|d| !ALLOWED_ELEMENTS.contains(d)));
        assert_eq!(renamed("h1", 1), "h2");
        assert_eq!(renamed("h1", 2), "h3");
        assert_eq!(renamed("p", 2), "p");
        assert_eq!(element_attributes("img"), &["alt", "width", "height"]);
    }
}
