//! Addresses: making a post's address absolute, and resolving the relative links and
//! images in a body against the page they were written for (`--site-url`).

use url::Url;

/// `address` made absolute against `base`; an absolute address is kept as it is, and
/// a relative one with no base gives `None` (the index must not hold addresses that
/// would resolve against the index's own location instead).
pub fn absolute(base: Option<&str>, address: &str) -> Option<String> {
    let address = address.trim();
    if address.is_empty() {
        return None;
    }
    if Url::parse(address).is_ok() {
        return Some(address.to_owned());
    }
    let base = Url::parse(base?).ok()?;
    base.join(address).ok().map(String::from)
}

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite", "data"];

/// Rewrites every relative URL in the body's `href`, `src`, `poster`, `cite` and
/// `srcset` attributes as an absolute one against `base`. Fragments (`#fn1`) stay.
pub fn resolve_body(html: &str, base: &str) -> String {
    let Ok(base) = Url::parse(base) else {
        return html.to_owned();
    };
    let resolve = |value: &str| -> Option<String> {
        let trimmed = value.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || Url::parse(trimmed).is_ok() {
            return None;
        }
        let decoded = folio_core::text::decode_entities(trimmed);
        base.join(&decoded)
            .ok()
            .map(|u| attribute_escape(u.as_str()))
    };
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = tag_end(rest);
        out.push_str(&rewrite_tag(&rest[..end], &resolve));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A value written back into an attribute, whichever quote it is in.
fn attribute_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The length of the tag at the start of `text`, quotes respected.
fn tag_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, ch) in text.char_indices().skip(1) {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(ch),
            (None, '>') => return i + 1,
            (None, '<') => return i,
            _ => {}
        }
    }
    text.len()
}

fn rewrite_tag(tag: &str, resolve: &impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(tag.len() + 32);
    let mut rest = tag;
    // Each `name=` followed by a quoted value.
    while let Some(eq) = rest.find('=') {
        let name_start = rest[..eq]
            .trim_end()
            .rfind(|c: char| c.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let name = rest[name_start..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let value_offset = rest.len() - after.len();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            out.push_str(&rest[..=eq]);
            rest = &rest[eq + 1..];
            continue;
        };
        let Some(close) = after[1..].find(q) else {
            break;
        };
        let value = &after[1..=close];
        out.push_str(&rest[..=value_offset]);
        let rewritten = if URL_ATTRIBUTES.contains(&name.as_str()) {
            resolve(value)
        } else if name == "srcset" {
            Some(
                value
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        let (url, descriptor) = candidate
                            .split_once(char::is_whitespace)
                            .unwrap_or((candidate, ""));
                        let url = resolve(url).unwrap_or_else(|| url.to_owned());
                        if descriptor.is_empty() {
                            url
                        } else {
                            format!("{url} {}", descriptor.trim())
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        } else {
            None
        };
        out.push_str(rewritten.as_deref().unwrap_or(value));
        out.push(q);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_spaces_and_quotes_in_tags_neither_panic_nor_break_out() {
        let out = resolve_body(
            "if 1 < 2 and\u{a0}x = 3 <img alt=\"写真\"\u{3000}src=\"a.jpg\">",
            "https://e.org/p/",
        );
        assert!(out.contains("写真"), "{out}");
        let out = resolve_body("<img src='a.jpg#&#39; onerror=&#39;x'>", "https://e.org/p/");
        assert!(!out.contains("' onerror"), "{out}");
        assert!(out.starts_with("<img src='https://e.org/p/a.jpg#"), "{out}");
    }

    #[test]
    fn addresses_become_absolute_only_with_a_base() {
        assert_eq!(
            absolute(Some("https://e.org/blog/"), "/2024/a/").as_deref(),
            Some("https://e.org/2024/a/")
        );
        assert_eq!(
            absolute(Some("https://e.org/blog/"), "a/").as_deref(),
            Some("https://e.org/blog/a/")
        );
        assert_eq!(
            absolute(None, "https://x.org/a").as_deref(),
            Some("https://x.org/a")
        );
        assert_eq!(absolute(None, "/a/"), None);
    }

    #[test]
    fn body_links_and_images_resolve_against_the_post() {
        let html = r##"<p><a href="../b/">b</a> <a href="#fn1">1</a> <img src='/img/a.jpg' srcset="a.jpg 1x, /b.jpg 2x" alt="x = y"> <a href="https://o.org/">o</a> <a href="q?a=1&amp;b=2">q</a></p>"##;
        let out = resolve_body(html, "https://e.org/2024/08/post/");
        assert_eq!(
            out,
            r##"<p><a href="https://e.org/2024/08/b/">b</a> <a href="#fn1">1</a> <img src='https://e.org/img/a.jpg' srcset="https://e.org/2024/08/post/a.jpg 1x, https://e.org/b.jpg 2x" alt="x = y"> <a href="https://o.org/">o</a> <a href="https://e.org/2024/08/post/q?a=1&amp;b=2">q</a></p>"##
        );
    }
}
