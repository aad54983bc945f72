//! Which URLs from a feed may appear in links and images.

/// The URL scheme, lowercased, as a browser would read it: browsers drop ASCII tabs
/// and newlines anywhere in a URL and trim leading control characters and spaces,
/// which is how `java\tscript:` sneaks past naive checks.
fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    if before.contains(['/', '?', '#']) {
        return None; // a relative path that merely contains a colon later on
    }
    Some(before.to_ascii_lowercase())
}

/// True for a relative reference (`images/a.svg`, `/x`, `//host/x`, `?q`), which must be
/// resolved against the document it came from; false for one with a scheme. An empty
/// string or a bare fragment (`#note`) is not resolved, so in-page anchors keep working.
pub fn is_relative(url: &str) -> bool {
    let trimmed = url.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#') && scheme_of(trimmed).is_none()
}

/// Links may go to web pages, mail and phone numbers, or be relative. A `mailto:` link
/// must name one plain address: no `?cc=`, `bcc=`, `subject=` or `body=` from a feed
/// can fill in a reader's message.
pub fn is_safe_link(url: &str) -> bool {
    match scheme_of(url) {
        None => true,
        Some(scheme) if scheme == "mailto" => url
            .trim()
            .get("mailto:".len()..)
            .and_then(plain_email)
            .is_some(),
        Some(scheme) => matches!(scheme.as_str(), "http" | "https" | "tel"),
    }
}

/// Format characters that change how text is shown without being seen: bidi controls
/// and isolates, zero-width characters, the soft hyphen and the byte-order mark. In an
/// address shown as link text they could disguise it.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// The address an author's contact field names (`ana@example.org`, or the same with
/// `mailto:` in any case), when it is one plain address; `None` otherwise. The reader
/// and `folio check` both read emails through this.
pub fn contact_email(text: &str) -> Option<&str> {
    let text = text.trim();
    let address = match text.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &text[7..],
        _ => text,
    };
    plain_email(address)
}

/// `text` when it is one plain email address (`name@host`, nothing else), trimmed.
pub fn plain_email(text: &str) -> Option<&str> {
    let address = text.trim();
    let (local, domain) = address.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part.chars().all(|c| {
                !c.is_whitespace()
                    && !c.is_control()
                    && !is_invisible(c)
                    && !matches!(
                        c,
                        '?' | '&'
                            | ','
                            | ';'
                            | '<'
                            | '>'
                            | '"'
                            | '('
                            | ')'
                            | '['
                            | ']'
                            | '\\'
                            | '@'
                            | ':'
                            | '/'
                            | '%'
                            | '#'
                    )
            })
    };
    (address.len() <= 254 && plain(local) && plain(domain) && !domain.starts_with('.'))
        .then_some(address)
}

/// Images may come from the web or be relative; inline `data:` images are allowed only
/// for raster formats, which cannot carry script.
pub fn is_safe_image(url: &str) -> bool {
    match scheme_of(url) {
        None => true,
        Some(scheme) if scheme == "http" || scheme == "https" => true,
        Some(scheme) if scheme == "data" => {
            let lower = url.trim().to_ascii_lowercase();
            [
                "data:image/png",
                "data:image/jpeg",
                "data:image/gif",
                "data:image/webp",
            ]
            .iter()
            .any(|prefix| lower.starts_with(prefix))
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_links_name_one_plain_address() {
        assert!(is_safe_link("mailto:ana@example.org"));
        assert!(is_safe_link("MAILTO:ana.lee+news@example.org"));
        for url in [
            "mailto:ana@example.org?cc=boss@example.org",
            "mailto:ana@example.org?body=Send%20your%20password",
            "mailto:ana@example.org&bcc=x@y.z",
            "mailto:a@b.org,c@d.org",
            "mailto:?to=a@b.org",
            "mailto:",
            "mailto:no-at-sign",
            "mailto:ana@example.org%3Fcc=x@y.z",
        ] {
            assert!(!is_safe_link(url), "{url}");
        }
        assert_eq!(plain_email(" ana@example.org "), Some("ana@example.org"));
        assert_eq!(plain_email("ana@example.org?subject=hi"), None);
        assert_eq!(plain_email("ana@\u{202e}gro.elpmaxe"), None);
        assert_eq!(plain_email("a\u{200b}na@example.org"), None);
    }

    #[test]
    fn relative_references_are_told_from_absolute_ones() {
        for url in [
            "images/a.svg",
            "/x",
            "//cdn.example.org/a.png",
            "?q=1",
            "../up",
        ] {
            assert!(is_relative(url), "{url}");
        }
        for url in [
            "https://e.org/",
            "mailto:a@e.org",
            "data:image/png;base64,AA",
            "#note",
            "",
            "  ",
            "java\tscript:x",
        ] {
            assert!(!is_relative(url), "{url}");
        }
    }

    #[test]
    fn web_mail_phone_and_relative_links_pass() {
        for url in [
            "https://example.org/a",
            "http://example.org",
            "mailto:a@example.org",
            "tel:+123",
            "/posts/x",
            "images/a.png",
            "#section",
            "?page=2",
            "a/b:c",
            "",
        ] {
            assert!(is_safe_link(url), "{url}");
        }
    }

    #[test]
    fn script_and_data_links_are_refused_however_disguised() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_link(url), "{url}");
        }
    }

    #[test]
    fn images_allow_raster_data_but_not_svg_or_script() {
        assert!(is_safe_image("images/a.svg"));
        assert!(is_safe_image("https://example.org/a.jpg"));
        assert!(is_safe_image("data:image/png;base64,iVBORw0KGgo="));
        assert!(!is_safe_image("data:image/svg+xml,<svg onload=alert(1)>"));
        assert!(!is_safe_image("javascript:alert(1)"));
        assert!(!is_safe_image("data:text/html,x"));
    }
}
