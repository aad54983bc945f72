//! Post content as WordPress shows it: block comments removed, shortcodes expanded or
//! reduced to their content, URLs on their own line as links, and paragraphs from blank
//! lines (what WordPress's `wpautop` does for the classic editor).

use crate::xml::escape_text;
use std::fmt::Write as _;

/// Renders stored post content as HTML.
pub fn render(content: &str) -> String {
    let content = content.replace("\r\n", "\n");
    // Block-editor content carries its own <p> elements; WordPress skips autop for it.
    let has_blocks = content.contains("<!-- wp:");
    let content = strip_block_comments(&content);
    let content = shortcodes(&content);
    let content = link_lone_urls(&content);
    if has_blocks {
        let mut tidy = content.trim().to_owned();
        while tidy.contains("\n\n\n") {
            tidy = tidy.replace("\n\n\n", "\n\n");
        }
        tidy
    } else {
        autop(&content)
    }
}

/// Removes `<!-- wp:… -->` and `<!-- /wp:… -->` comments, and nothing else.
fn strip_block_comments(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest.find("<!-- ") {
        let after = &rest[start + 5..];
        let is_block = after.starts_with("wp:") || after.starts_with("/wp:");
        match (is_block, after.find("-->")) {
            (true, Some(end)) => {
                out.push_str(&rest[..start]);
                rest = &after[end + 3..];
            }
            _ => {
                out.push_str(&rest[..start + 5]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A parsed shortcode tag: `[name attrs]`, `[/name]` or `[name attrs /]`.
struct Tag<'a> {
    name: &'a str,
    attrs: &'a str,
    closing: bool,
    self_closing: bool,
    len: usize,
}

fn parse_tag(text: &str) -> Option<Tag<'_>> {
    // A shortcode ends before the next `[` or line break, so the search stops there:
    // a text of many `[` costs linear time.
    let inner_end = text[1..].find(['[', ']', '\n']).map(|p| p + 1)?;
    if text.as_bytes()[inner_end] != b']' {
        return None;
    }
    let inner = &text[1..inner_end];
    let (closing, body) = match inner.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inner),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    if name_len == 0 {
        return None;
    }
    let name = &body[..name_len];
    let attrs = body[name_len..].trim();
    // `[1]` or `[a, b]` in prose is not a shortcode; attributes start after a space.
    if !body[name_len..].is_empty() && !body[name_len..].starts_with(char::is_whitespace) {
        return None;
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let self_closing = attrs.ends_with('/');
    Some(Tag {
        name,
        attrs: attrs.trim_end_matches('/').trim(),
        closing,
        self_closing,
        len: inner_end + 1,
    })
}

/// The value of `key="…"` (or `'…'` or bare) in a shortcode's attributes.
fn attr(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(pos) = rest.find(key) {
        let before_ok = pos == 0 || rest[..pos].ends_with(char::is_whitespace);
        let after = &rest[pos + key.len()..];
        if before_ok {
            if let Some(value) = after.trim_start().strip_prefix('=') {
                let value = value.trim_start();
                let parsed = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => value[1..].split(q).next().map(str::to_owned),
                    Some(_) => value.split_whitespace().next().map(str::to_owned),
                    None => None,
                };
                return parsed;
            }
        }
        rest = after;
    }
    None
}

/// Expands `[caption]` and `[embed]`, keeps the content of other paired shortcodes and
/// drops the rest. `[[x]]` is WordPress's escape for a literal `[x]`.
fn shortcodes(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    // For each tag name: where the last search for its closing tag started, and what
    // it found, so that many unclosed tags of one name cost one scan.
    let mut closings: std::collections::HashMap<String, (usize, Option<usize>)> =
        std::collections::HashMap::new();
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if let Some(escaped) = rest.strip_prefix("[[") {
            let line = &escaped[..escaped.find(['\n', '[']).unwrap_or(escaped.len())];
            if let Some(end) = line.find("]]") {
                out.push('[');
                out.push_str(&escaped[..end]);
                out.push(']');
                rest = &escaped[end + 2..];
                continue;
            }
        }
        let Some(tag) = parse_tag(rest) else {
            out.push('[');
            rest = &rest[1..];
            continue;
        };
        let after = &rest[tag.len..];
        if tag.closing {
            // A stray closing tag.
            rest = after;
            continue;
        }
        let closing = format!("[/{}]", tag.name);
        let paired = if tag.self_closing {
            None
        } else {
            let from = content.len() - after.len();
            let cached = closings
                .get(tag.name)
                .filter(|(start, found)| *start <= from && found.is_none_or(|f| f >= from))
                .map(|(_, found)| *found);
            let found = cached.unwrap_or_else(|| content[from..].find(&closing).map(|p| p + from));
            closings.insert(tag.name.to_owned(), (from, found));
            found.map(|f| f - from)
        };
        let (inner, next) = match paired {
            Some(end) => (&after[..end], &after[end + closing.len()..]),
            None => ("", after),
        };
        match tag.name {
            "caption" | "wp_caption" if paired.is_some() => {
                out.push_str(&caption(tag.attrs, &shortcodes(inner)));
            }
            "embed" if paired.is_some() => {
                let url = inner.trim();
                out.push_str(&link(url));
            }
            "audio" | "video" if paired.is_none() => {
                if let Some(src) = attr(tag.attrs, "src").or_else(|| attr(tag.attrs, "mp4")) {
                    out.push_str(&link(&src));
                }
            }
            _ if paired.is_some() => out.push_str(&shortcodes(inner)),
            // An unpaired tag is a shortcode only when it looks like one; "[sic]" and
            // "[citation needed]" in prose stay as they are.
            name if tag.attrs.contains('=') || tag.self_closing || KNOWN.contains(&name) => {}
            _ => out.push_str(&rest[..tag.len]),
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

/// Shortcodes WordPress and common plugins register, dropped even without attributes.
const KNOWN: &[&str] = &[
    "gallery",
    "playlist",
    "audio",
    "video",
    "embed",
    "caption",
    "contact-form-7",
    "contact-form",
    "ninja_form",
    "gravityform",
    "wpforms",
    "toc",
    "more",
    "nextpage",
];

fn link(url: &str) -> String {
    let escaped = escape_text(url).replace('"', "&quot;");
    format!("<a href=\"{escaped}\">{escaped}</a>")
}

/// `[caption]<img …/> The caption[/caption]` as a figure. The image (possibly inside
/// a link) comes first; the text after it is the caption.
fn caption(attrs: &str, inner: &str) -> String {
    let inner = inner.trim();
    let media_end = media_end(inner);
    let (media, text) = inner.split_at(media_end);
    let text = attr(attrs, "caption").unwrap_or_else(|| text.trim().to_owned());
    let mut class = String::from("wp-caption");
    if let Some(align) = attr(attrs, "align") {
        class.push(' ');
        class.push_str(&escape_text(&align).replace('"', ""));
    }
    let mut out = format!("<figure class=\"{class}\">{}", media.trim());
    if !text.is_empty() {
        out.push_str("<figcaption>");
        out.push_str(&text);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
    out
}

/// Where the leading `<img>` (or `<a><img></a>`) of a caption ends.
fn media_end(inner: &str) -> usize {
    let lower = inner.to_ascii_lowercase();
    if lower.starts_with("<a") {
        if let Some(end) = lower.find("</a>") {
            return end + 4;
        }
    }
    if lower.starts_with("<img") {
        if let Some(end) = inner.find('>') {
            return end + 1;
        }
    }
    0
}

/// A line that is only an http(s) URL becomes a link to it, as WordPress's oEmbed
/// does when it cannot embed (and a static archive cannot).
fn link_lone_urls(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    for (i, line) in content.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim();
        let is_url = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
            && !trimmed.contains(char::is_whitespace)
            && !trimmed.contains(['<', '>', '"']);
        if is_url {
            out.push_str(&link(trimmed));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Elements that make their own block: a paragraph never wraps them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "iframe",
    "script",
    "style",
    "object",
    "video",
    "audio",
    "math",
    "svg",
    "summary",
    "caption",
    "colgroup",
    "col",
    "legend",
    "option",
    "select",
    "noscript",
    "map",
    "area",
];

fn starts_with_block(text: &str) -> bool {
    let Some(tag) = text.strip_prefix('<') else {
        return false;
    };
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let name: String = tag
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCKS.contains(&name.as_str()) || text.starts_with("<!--")
}

/// Paragraphs from blank lines, and `<br />` for single line breaks inside them.
/// `<pre>` keeps its text exactly.
fn autop(content: &str) -> String {
    // Protect <pre> blocks, whose blank lines are not paragraph breaks.
    let mut pres = Vec::new();
    let mut text = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = find_ci(rest, "<pre") {
        let Some(end) = find_ci(&rest[start..], "</pre>") else {
            break;
        };
        text.push_str(&rest[..start]);
        let _ = write!(text, "\n\n<pre folio-pre=\"{}\"></pre>\n\n", pres.len());
        pres.push(&rest[start..start + end + 6]);
        rest = &rest[start + end + 6..];
    }
    text.push_str(rest);

    let mut out = String::with_capacity(text.len() + 64);
    for block in split_paragraphs(&text) {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        if starts_with_block(block) {
            out.push_str(block);
        } else {
            out.push_str("<p>");
            out.push_str(&line_breaks(block));
            out.push_str("</p>");
        }
    }
    if pres.is_empty() {
        return out;
    }
    // Put each <pre> back, in one pass.
    let mut restored = String::with_capacity(out.len() + content.len() / 2);
    let mut rest = out.as_str();
    let marker = "<pre folio-pre=\"";
    while let Some(at) = rest.find(marker) {
        restored.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let number_end = after.find('"').unwrap_or(0);
        let pre = after[..number_end]
            .parse::<usize>()
            .ok()
            .and_then(|i| pres.get(i));
        let end_tag = "\"></pre>";
        match (pre, after[number_end..].starts_with(end_tag)) {
            (Some(pre), true) => {
                restored.push_str(pre);
                rest = &after[number_end + end_tag.len()..];
            }
            _ => {
                restored.push_str(marker);
                rest = after;
            }
        }
    }
    restored.push_str(rest);
    restored
}

/// Splits on blank lines that are outside tags.
fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut in_tag = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'\n' if !in_tag => {
                // A blank line: newline, optional spaces, newline.
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'\n' {
                    parts.push(&text[start..i]);
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    start = j;
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&text[start..]);
    parts
}

/// Single newlines inside a paragraph become `<br />`, except next to block tags.
fn line_breaks(block: &str) -> String {
    let lines: Vec<&str> = block.split('\n').map(str::trim).collect();
    let mut out = String::with_capacity(block.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev_block = lines[i - 1].ends_with('>') && starts_with_block(lines[i - 1]);
            if prev_block || starts_with_block(line) {
                out.push('\n');
            } else {
                out.push_str("<br />\n");
            }
        }
        out.push_str(line);
    }
    out
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn blank_lines_make_paragraphs_and_single_newlines_breaks() {
        assert_eq!(
            render("First line\nsecond line\n\nNext paragraph."),
            "<p>First line<br />\nsecond line</p>\n<p>Next paragraph.</p>"
        );
    }

    #[test]
    fn block_elements_are_not_wrapped() {
        let html = render("Intro\n\n<ul>\n<li>a</li>\n</ul>\n\n<h2>Title</h2>\n\nEnd");
        assert_eq!(
            html,
            "<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>\n<h2>Title</h2>\n<p>End</p>"
        );
    }

    #[test]
    fn hostile_brackets_and_pres_cost_linear_time() {
        // Each of these took seconds to minutes when every `[` or `<pre>` rescanned the
        // rest of the text.
        let html = render(&"[".repeat(200_000));
        assert_eq!(html.matches('[').count(), 200_000);
        let html = render(&"[note]".repeat(50_000));
        assert!(html.contains("[note]"));
        let html = render(&"<pre>x</pre>\n\n".repeat(20_000));
        assert_eq!(html.matches("<pre>x</pre>").count(), 20_000);
        let html = render(&"[[".repeat(100_000));
        assert!(html.starts_with("<p>[[[["), "{}", &html[..20]);
    }

    #[test]
    fn pre_keeps_its_blank_lines() {
        let html = render("Code:\n\n<pre>a\n\nb</pre>\n\nafter");
        assert_eq!(html, "<p>Code:</p>\n<pre>a\n\nb</pre>\n<p>after</p>");
    }

    #[test]
    fn captions_become_figures() {
        let html = render(
            "[caption id=\"attachment_5\" align=\"alignleft\" width=\"300\"]<img src=\"/a.jpg\" alt=\"A heron\" /> A heron at dawn[/caption]",
        );
        assert_eq!(
            html,
            "<figure class=\"wp-caption alignleft\"><img src=\"/a.jpg\" alt=\"A heron\" /><figcaption>A heron at dawn</figcaption></figure>"
        );
        let linked = render("[caption]<a href=\"/big.jpg\"><img src=\"/a.jpg\"></a>Text[/caption]");
        assert!(
            linked.contains(
                "<a href=\"/big.jpg\"><img src=\"/a.jpg\"></a><figcaption>Text</figcaption>"
            ),
            "{linked}"
        );
    }

    #[test]
    fn embeds_and_lone_urls_become_links() {
        let html = render("Watch:\n\n[embed]https://video.example/v/1[/embed]\n\nhttps://example.org/a?b=1&c=2\n\nSee https://inline.example/ too.");
        assert!(
            html.contains(
                "<p><a href=\"https://video.example/v/1\">https://video.example/v/1</a></p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p><a href=\"https://example.org/a?b=1&amp;c=2\">"),
            "{html}"
        );
        assert!(
            html.contains("<p>See https://inline.example/ too.</p>"),
            "{html}"
        );
    }

    #[test]
    fn other_shortcodes_keep_only_their_content() {
        assert_eq!(
            render("[gallery ids=\"1,2\"]\n\n[note type=\"x\"]Read <em>this</em>.[/note]\n\n[[literal]] and [1] [sic]"),
            "<p>Read <em>this</em>.</p>\n<p>[literal] and [1] [sic]</p>"
        );
    }

    #[test]
    fn block_editor_content_loses_its_comments_and_is_not_wrapped_again() {
        let html = render("<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph {\"x\":1} -->\n<p>Two</p>\n<!-- /wp:paragraph -->\n<!-- a real comment -->");
        assert_eq!(html, "<p>One</p>\n\n<p>Two</p>\n\n<!-- a real comment -->");
    }
}
