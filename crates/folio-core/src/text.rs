//! Plain text from feed fields: entity decoding, tag stripping and excerpts.
//!
//! This is not a sanitizer. It only extracts readable text (for titles, excerpts and
//! search); the browser layer sanitizes HTML that reaches the DOM.

/// Named entities common in feeds. Anything else is left as written, which is still
/// readable, rather than carrying the whole HTML entity table into the wasm bundle.
const NAMED_ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("euro", '€'),
    ("pound", '£'),
    ("shy", '\u{ad}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("szlig", 'ß'),
];

/// Decodes `&name;`, `&#123;` and `&#x7b;` references. Unknown or malformed references
/// stay as written. Each `&` costs at most a few dozen bytes of look-ahead, so any text
/// decodes in linear time.
pub fn decode_entities(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    decode_into(input, &mut out);
    out
}

/// [`decode_entities`], appending to `out`.
fn decode_into(input: &str, out: &mut String) {
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = byte_position(&input[at..], b'&') {
        let amp = at + offset;
        if let Some((ch, used)) = decode_one(&input[amp..]) {
            out.push_str(&input[copied..amp]);
            out.push(ch);
            copied = amp + used;
            at = copied;
        } else {
            at = amp + 1;
        }
    }
    out.push_str(&input[copied..]);
}

/// No reference name or number is longer than this.
const MAX_REFERENCE_LEN: usize = 31;

/// Decodes the reference at the start of `s` (which starts with `&`), returning the
/// character and the bytes consumed.
fn decode_one(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    let numeric = bytes.get(1) == Some(&b'#');
    let hex = numeric && matches!(bytes.get(2), Some(b'x' | b'X'));
    let start = 1 + usize::from(numeric) + usize::from(hex);
    let allowed = |b: &u8| match (numeric, hex) {
        (true, true) => b.is_ascii_hexdigit(),
        (true, false) => b.is_ascii_digit(),
        (false, _) => b.is_ascii_alphanumeric(),
    };
    let len = bytes
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take(MAX_REFERENCE_LEN)
        .take_while(|b| allowed(b))
        .count();
    if len == 0 || bytes.get(start + len) != Some(&b';') {
        return None;
    }
    let body = &s[start..start + len];
    let ch = if numeric {
        let code = u32::from_str_radix(body, if hex { 16 } else { 10 }).ok()?;
        match char::from_u32(code) {
            Some('\0') | None => '\u{fffd}',
            Some(c) => c,
        }
    } else {
        NAMED_ENTITIES
            .iter()
            .find(|(name, _)| *name == body)
            .map(|(_, c)| *c)?
    };
    Some((ch, start + len + 1))
}

/// Tags that separate words: text on either side of them does not run together.
/// A `match` compiles to a few byte comparisons; a body can hold millions of tags.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "br"
            | "caption"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "img"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "td"
            | "th"
            | "tr"
            | "ul"
    )
}

/// Elements whose content is not text a reader sees.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "noscript" | "iframe" | "object"
    )
}

/// The visible text of an HTML fragment, with whitespace collapsed to single spaces.
pub fn html_to_text(html: &str) -> String {
    visible_text(html, usize::MAX)
}

/// `excerpt(&html_to_text(html), max_words)`, reading only as much of the HTML as the
/// excerpt needs, so a long body costs no more than a short one.
pub fn html_excerpt(html: &str, max_words: usize) -> String {
    // Two words more than kept: the last kept word is then followed by a space, and
    // the next word tells `excerpt` that the text goes on.
    excerpt(&visible_text(html, max_words.saturating_add(2)), max_words)
}

/// Visible text gathered piece by piece, each piece decoded on its own (a reference
/// split by a tag is not one, as in a browser), counting words as it grows.
struct RawText {
    text: String,
    words: usize,
    in_word: bool,
    count: bool,
}

impl RawText {
    fn push(&mut self, piece: &str) {
        let start = self.text.len();
        decode_into(piece, &mut self.text);
        if self.count {
            for ch in self.text[start..].chars() {
                let space = ch.is_whitespace();
                if !space && !self.in_word {
                    self.words += 1;
                }
                self.in_word = !space;
            }
        }
    }
}

/// The visible text, stopping once at least `enough_words` words are in hand.
fn visible_text(html: &str, enough_words: usize) -> String {
    let mut raw = RawText {
        text: String::with_capacity(html.len().min(enough_words.saturating_mul(16))),
        words: 0,
        in_word: false,
        count: enough_words != usize::MAX,
    };
    let mut rest = html;
    while let Some(lt) = byte_position(rest, b'<') {
        if raw.words >= enough_words {
            rest = "";
            break;
        }
        raw.push(&rest[..lt]);
        rest = &rest[lt..];
        let comment = rest.as_bytes().get(1) == Some(&b'!') && rest.starts_with("<!--");
        if let Some(after_comment) = comment.then(|| &rest[4..]) {
            rest = after_comment
                .find("-->")
                .map_or("", |end| &after_comment[end + 3..]);
            continue;
        }
        let Some(gt) = byte_position(rest, b'>') else {
            // No `>` anywhere after this: every `<` left is text, as in "a < b".
            break;
        };
        let tag = &rest[1..gt];
        let mut buffer = [0; MAX_TAG_NAME];
        let name = tag_name(tag, &mut buffer);
        rest = &rest[gt + 1..];
        if name.is_empty() && !tag.starts_with('/') && !tag.starts_with('!') {
            raw.push("<");
            raw.push(tag);
            raw.push(">");
            continue;
        }
        if !tag.starts_with('/') && is_hidden(name) {
            rest = skip_past_closing(rest, name);
            raw.push(" ");
        } else if is_block(name) {
            raw.push(" ");
        }
    }
    raw.push(rest);
    collapse_whitespace(&raw.text)
}

/// Where `byte` (an ASCII character) first appears in `text`: a plain loop, cheaper than
/// a general search when, as between tags, it is usually a few bytes away.
fn byte_position(text: &str, byte: u8) -> Option<usize> {
    text.as_bytes().iter().position(|&b| b == byte)
}

/// The longest element name this module knows ("blockquote", "figcaption").
const MAX_TAG_NAME: usize = 10;

/// The tag's element name, lowercased, into `buffer`: empty when the tag has none, and
/// `"?"` when it is longer than any name this module knows (so it matches none). No
/// allocation: a body can hold millions of tags.
fn tag_name<'b>(tag: &str, buffer: &'b mut [u8; MAX_TAG_NAME]) -> &'b str {
    let name = tag.trim_start_matches('/').as_bytes();
    let len = name
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len > MAX_TAG_NAME {
        return "?";
    }
    for (slot, byte) in buffer.iter_mut().zip(&name[..len]) {
        *slot = byte.to_ascii_lowercase();
    }
    std::str::from_utf8(&buffer[..len]).unwrap_or("?")
}

/// The text after the element's closing tag (`</name…>`, any case), without copying.
fn skip_past_closing<'a>(rest: &'a str, name: &str) -> &'a str {
    let bytes = rest.as_bytes();
    let name = name.as_bytes();
    let mut from = 0;
    while let Some(offset) = rest[from..].find("</") {
        let start = from + offset + 2;
        let end = start + name.len();
        if bytes
            .get(start..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return rest[end..].find('>').map_or("", |gt| &rest[end + gt + 1..]);
        }
        from = start;
    }
    ""
}

/// Collapses runs of whitespace (including no-break spaces) into single spaces and trims.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first `max_words` words of `text`. When the text is longer it is cut at a word
/// boundary, trailing punctuation is dropped, and "…" is added.
pub fn excerpt(text: &str, max_words: usize) -> String {
    let mut words = text.split_whitespace();
    let kept: Vec<&str> = words.by_ref().take(max_words).collect();
    let mut out = kept.join(" ");
    if words.next().is_some() {
        let trimmed_len = out
            .trim_end_matches(|c: char| {
                matches!(c, ',' | ';' | ':' | '.' | '-' | '–' | '—' | '،' | '؛')
            })
            .len();
        out.truncate(trimmed_len);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_entities() {
        assert_eq!(decode_entities("Fish &amp; Chips"), "Fish & Chips");
        assert_eq!(decode_entities("&#8220;Hi&#x201D;"), "“Hi”");
        assert_eq!(decode_entities("caf&eacute;"), "café");
    }

    #[test]
    fn leaves_unknown_and_broken_entities_alone() {
        assert_eq!(decode_entities("AT&T"), "AT&T");
        assert_eq!(decode_entities("&bogus; & &#xZZ;"), "&bogus; & &#xZZ;");
        assert_eq!(decode_entities("&#0;"), "\u{fffd}");
        assert_eq!(decode_entities("&#x110000;"), "\u{fffd}");
    }

    #[test]
    fn the_longest_known_names_fit_the_buffer() {
        assert!(is_block("figcaption") && is_block("blockquote") && is_hidden("noscript"));
        assert_eq!("figcaption".len(), MAX_TAG_NAME);
        assert_eq!(
            html_to_text("a<FIGCAPTION>b</figcaption>c<figcaptionx>d"),
            "a b cd"
        );
    }

    #[test]
    fn strips_tags_and_separates_blocks() {
        let html = "<p>One <em>two</em></p><p>three<br>four</p><ul><li>five</li></ul>";
        assert_eq!(html_to_text(html), "One two three four five");
    }

    #[test]
    fn drops_script_style_and_comments() {
        let html = "a<script>alert('x')</script>b<STYLE>p{}</STYLE>c<!-- hidden -->d";
        // A comment joins the text around it, as it does in a browser.
        assert_eq!(html_to_text(html), "a b cd");
    }

    #[test]
    fn keeps_a_lone_less_than_sign() {
        assert_eq!(html_to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(html_to_text("x &lt;b&gt; y"), "x <b> y");
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        assert_eq!(html_to_text("text <a href"), "text <a href");
        assert_eq!(html_to_text("<script>never closed"), "");
        assert_eq!(html_to_text("<!-- never closed"), "");
    }

    #[test]
    fn excerpt_cuts_at_a_word_and_adds_an_ellipsis() {
        let text = "one two three, four five";
        assert_eq!(excerpt(text, 3), "one two three…");
        assert_eq!(excerpt(text, 5), "one two three, four five");
        assert_eq!(excerpt("", 5), "");
    }

    #[test]
    fn html_excerpt_matches_the_excerpt_of_the_whole_text() {
        let html = "<p>One &amp; two,</p><p>three<br>four <b>fi</b>ve six</p><script>x y</script>";
        for n in 0..8 {
            assert_eq!(
                html_excerpt(html, n),
                excerpt(&html_to_text(html), n),
                "{n} words"
            );
        }
    }

    #[test]
    fn excerpt_handles_persian_words() {
        let text = "این یک متن کوتاه فارسی است";
        assert_eq!(excerpt(text, 2), "این یک…");
    }

    proptest::proptest! {
        #[test]
        fn html_to_text_never_panics_and_has_no_double_spaces(s in "\\PC*") {
            let text = html_to_text(&s);
            proptest::prop_assert!(!text.contains("  "));
            proptest::prop_assert_eq!(text.trim(), text.as_str());
        }

        #[test]
        fn html_excerpt_reads_only_what_it_needs_but_gives_the_same_excerpt(
            s in "(<p>|</p>|<br>|<b>|</b>|&amp;|&nbsp;|&#32;|<!-- c -->|<script>s</script>|[a-z]{1,6}|[ ,.;]{1,2})*",
            n in 0usize..12,
        ) {
            proptest::prop_assert_eq!(html_excerpt(&s, n), excerpt(&html_to_text(&s), n));
        }

        #[test]
        fn excerpt_never_exceeds_the_word_budget(s in "\\PC*", n in 1usize..80) {
            let cut = excerpt(&s, n);
            proptest::prop_assert!(cut.split_whitespace().count() <= n);
        }
    }
}
