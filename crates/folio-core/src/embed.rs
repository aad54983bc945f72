//! What an embedded archive's host page can ask for, and how several archives share one
//! location hash.
//!
//! ## Several archives, one hash
//! Each hash-routed archive keeps its address in a *slot* of the fragment. The archive
//! without a name (`data-id` absent) owns the plain form, `#/posts/x`, as it always has.
//! A named archive (`data-id="news"`) writes `news=/posts/x`. Slots are joined with `;`:
//!
//! ```text
//! #/posts/spring-flood;news=/?q=weir;reports=/authors/ana
//! ```
//!
//! So every archive's page is in the URL: a shared link or a reload shows each archive
//! where it was, and Back undoes the reader's last step in whichever archive it was
//! taken. `;` never appears unescaped in an address Folio writes (query values are
//! percent-encoded), and a piece only starts a slot when it reads `name=/`.

/// How much of the archive's masthead an embedded archive shows above its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeaderMode {
    /// The feed's icon, title, description, links and authors.
    #[default]
    Full,
    /// The title line alone.
    Compact,
    /// No masthead: the search and the list. The title stays as a heading for screen
    /// readers, hidden from view, so the outline keeps its top.
    None,
}

impl HeaderMode {
    /// Reads a `data-header` value: `full`, `compact` or `none`, in any case.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "full" => Some(Self::Full),
            "compact" => Some(Self::Compact),
            "none" => Some(Self::None),
            _ => None,
        }
    }
}

/// The deepest level an archive's top heading may take: below it, its own sub-headings
/// (two levels) and a post's headings still fit within `h6`.
pub const MAX_HEADING_LEVEL: u8 = 4;

/// Reads a `data-heading-level` value: a whole number from 1 to [`MAX_HEADING_LEVEL`].
pub fn parse_heading_level(value: &str) -> Option<u8> {
    crate::route::whole_number_in(value, 1..=MAX_HEADING_LEVEL)
}

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// The element for a heading at `depth` in the archive (1 for a page's title, 2 for its
/// sections, 3 below them) when the archive's top heading is at `top`: `h{top+depth-1}`,
/// never past `h6`.
pub fn heading_tag(top: u8, depth: u8) -> &'static str {
    let level = usize::from(top.max(1)) + usize::from(depth.max(1)) - 2;
    HEADINGS[level.min(HEADINGS.len() - 1)]
}

/// The element a heading in a post's body is written as, when the post's title is at
/// `top`: every heading goes below the title (an `h1` becomes the level under it), and
/// the rest move down with it, never past `h6`. Anything else keeps its name.
pub fn body_heading(name: &str, top: u8) -> Option<&'static str> {
    let level = HEADINGS.iter().position(|h| *h == name)? + 1;
    let shifted = level.max(2) + usize::from(top.max(1)) - 1;
    Some(HEADINGS[shifted.min(HEADINGS.len()) - 1])
}

/// True for a name an archive may use as its hash slot: 1 to 32 ASCII letters, digits,
/// `-` or `_`.
pub fn is_slot_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The slots of a fragment (without or with its `#`), in order, as (name, address); the
/// unnamed archive's name is `""`. `None` when the fragment is not the archives' at all
/// (a host page's own `#contact`, or an empty one).
fn slots(hash: &str) -> Option<Vec<(&str, &str)>> {
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    let mut found: Vec<(&str, &str)> = Vec::new();
    let mut start = 0;
    let mut pieces = fragment.split(';').peekable();
    let mut offset = 0;
    while let Some(piece) = pieces.next() {
        let end = offset + piece.len();
        let next_starts = pieces.peek().is_none_or(|next| slot_start(next).is_some());
        if next_starts {
            let text = &fragment[start..end];
            let slot = slot_start(text)?;
            found.push(slot);
            start = end + 1;
        }
        offset = end + 1;
    }
    Some(found)
}

/// A piece that begins a slot: `/…` for the unnamed archive, `name=/…` for a named one.
fn slot_start(text: &str) -> Option<(&str, &str)> {
    if text.starts_with('/') {
        return Some(("", text));
    }
    let (name, address) = text.split_once('=')?;
    (is_slot_name(name) && address.starts_with('/')).then_some((name, address))
}

/// The address kept in `slot` (`""` for the unnamed archive) of a location hash, if the
/// hash is the archives' and has that slot.
pub fn slot_address<'a>(hash: &'a str, slot: &str) -> Option<&'a str> {
    slots(hash)?
        .into_iter()
        .find(|(name, _)| *name == slot)
        .map(|(_, address)| address)
}

/// True when the fragment is the archives' (one or more slots), not a host anchor.
pub fn is_archive_hash(hash: &str) -> bool {
    slots(hash).is_some_and(|s| !s.is_empty())
}

/// The fragment (without `#`) for `slot` at `address`, the other archives' slots kept as
/// they are. A fragment that is not the archives' (a host anchor) is replaced.
pub fn with_slot(hash: &str, slot: &str, address: &str) -> String {
    let mut all = slots(hash).unwrap_or_default();
    match all.iter_mut().find(|(name, _)| *name == slot) {
        Some(entry) => entry.1 = address,
        None if slot.is_empty() => all.insert(0, (slot, address)),
        None => all.push((slot, address)),
    }
    join(&all)
}

/// The fragment (without `#`) with `slot` taken out; `None` when it had no such slot.
pub fn without_slot(hash: &str, slot: &str) -> Option<String> {
    let mut all = slots(hash)?;
    let before = all.len();
    all.retain(|(name, _)| *name != slot);
    (all.len() != before).then(|| join(&all))
}

fn join(slots: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, address)) in slots.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        if !name.is_empty() {
            out.push_str(name);
            out.push('=');
        }
        out.push_str(address);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_heading_settings_parse_or_refuse() {
        assert_eq!(HeaderMode::parse(" Compact "), Some(HeaderMode::Compact));
        assert_eq!(HeaderMode::parse("none"), Some(HeaderMode::None));
        assert_eq!(HeaderMode::parse("minimal"), None);
        assert_eq!(parse_heading_level("2"), Some(2));
        assert_eq!(parse_heading_level("0"), None);
        assert_eq!(parse_heading_level("5"), None);
        assert_eq!(parse_heading_level("two"), None);
    }

    #[test]
    fn headings_shift_with_the_top_level_and_stop_at_h6() {
        assert_eq!(heading_tag(1, 1), "h1");
        assert_eq!(heading_tag(1, 3), "h3");
        assert_eq!(heading_tag(2, 1), "h2");
        assert_eq!(heading_tag(2, 2), "h3");
        assert_eq!(heading_tag(4, 3), "h6");
        assert_eq!(heading_tag(4, 9), "h6");
    }

    #[test]
    fn body_headings_go_below_the_title() {
        // At the top: an h1 in a post becomes h2, the rest stay.
        assert_eq!(body_heading("h1", 1), Some("h2"));
        assert_eq!(body_heading("h2", 1), Some("h2"));
        assert_eq!(body_heading("h4", 1), Some("h4"));
        // Under a host's h1 the title is h2, so the body starts at h3.
        assert_eq!(body_heading("h1", 2), Some("h3"));
        assert_eq!(body_heading("h3", 2), Some("h4"));
        assert_eq!(body_heading("h6", 3), Some("h6"));
        assert_eq!(body_heading("p", 2), None);
    }

    #[test]
    fn slot_names_are_short_and_plain() {
        assert!(is_slot_name("news"));
        assert!(is_slot_name("news_2-b"));
        assert!(!is_slot_name(""));
        assert!(!is_slot_name("a b"));
        assert!(!is_slot_name("a=b"));
        assert!(!is_slot_name(&"x".repeat(33)));
    }

    #[test]
    fn the_unnamed_archive_keeps_the_plain_hash() {
        assert_eq!(slot_address("#/posts/x", ""), Some("/posts/x"));
        assert_eq!(
            slot_address("#/?q=a%3Bb&tag=c", ""),
            Some("/?q=a%3Bb&tag=c")
        );
        assert_eq!(slot_address("#/posts/x", "news"), None);
        assert_eq!(with_slot("#/posts/x", "", "/"), "/");
    }

    #[test]
    fn named_slots_are_read_and_written_beside_each_other() {
        let hash = "#/posts/x;news=/?q=weir;reports=/authors/ana";
        assert_eq!(slot_address(hash, ""), Some("/posts/x"));
        assert_eq!(slot_address(hash, "news"), Some("/?q=weir"));
        assert_eq!(slot_address(hash, "reports"), Some("/authors/ana"));
        assert_eq!(
            with_slot(hash, "news", "/posts/y"),
            "/posts/x;news=/posts/y;reports=/authors/ana"
        );
        assert_eq!(with_slot("#news=/", "", "/a"), "/a;news=/");
        assert_eq!(with_slot("#news=/", "more", "/b"), "news=/;more=/b");
        assert_eq!(
            without_slot(hash, "news").as_deref(),
            Some("/posts/x;reports=/authors/ana")
        );
        assert_eq!(without_slot("#news=/", "news").as_deref(), Some(""));
        assert_eq!(without_slot("#news=/", "other"), None);
    }

    #[test]
    fn host_anchors_are_not_slots() {
        assert!(!is_archive_hash("#contact"));
        assert!(!is_archive_hash(""));
        assert!(!is_archive_hash("#"));
        assert!(is_archive_hash("#news=/"));
        assert_eq!(slot_address("#contact", ""), None);
        assert_eq!(slot_address("#a=b", "a"), None);
        // Writing over a host anchor replaces it.
        assert_eq!(with_slot("#contact", "news", "/"), "news=/");
    }

    #[test]
    fn a_semicolon_that_starts_no_slot_stays_in_its_address() {
        assert_eq!(slot_address("#/posts/a;b;news=/", ""), Some("/posts/a;b"));
        assert_eq!(slot_address("#/posts/a;b;news=/", "news"), Some("/"));
    }
}
