//! The list's state as it appears in the URL: `q`, `from`, `to`, `tag` and `category`
//! (repeatable), `author`, `sort` and `page`. Shared links depend on these names.

use crate::query::Query;
use crate::search::{day_number, Filters, Sort};
use chrono::{Datelike, NaiveDate};

/// Everything that decides what the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    /// The search text, as typed.
    pub q: String,
    /// First day shown.
    pub from: Option<NaiveDate>,
    /// Last day shown.
    pub to: Option<NaiveDate>,
    /// Tags that must all be present.
    pub tags: Vec<String>,
    /// Categories that must all be present.
    pub categories: Vec<String>,
    /// Only this author's posts.
    pub author: Option<String>,
    /// Result order.
    pub sort: Sort,
    /// 1-based page.
    pub page: usize,
}

/// Reads a `YYYY-MM-DD` day, as in `from`, `to` and date inputs.
/// Read by hand rather than with chrono's format strings, whose parser and formatter
/// would cost the app about 4 KB of wasm for this one format.
pub fn parse_day(value: &str) -> Option<NaiveDate> {
    fn number(part: &str, widths: std::ops::RangeInclusive<usize>) -> Option<u32> {
        let digits = widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse().ok()).flatten()
    }
    let mut parts = value.trim().splitn(3, '-');
    let year = number(parts.next()?, 4..=6)?;
    let month = number(parts.next()?, 1..=2)?;
    let day = number(parts.next()?, 1..=2)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Writes a day as `YYYY-MM-DD`.
pub fn format_day(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

impl ListState {
    /// Reads the state from decoded query pairs. Unknown keys and unreadable values
    /// are ignored, so a mangled link still opens the archive.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut state = Self {
            page: 1,
            ..Self::default()
        };
        for (key, value) in pairs {
            match key {
                "q" => value.clone_into(&mut state.q),
                "from" => state.from = parse_day(value),
                "to" => state.to = parse_day(value),
                "tag" if !value.trim().is_empty() && !state.tags.iter().any(|t| t == value) => {
                    state.tags.push(value.to_owned());
                }
                "category"
                    if !value.trim().is_empty() && !state.categories.iter().any(|c| c == value) =>
                {
                    state.categories.push(value.to_owned());
                }
                "author" if !value.trim().is_empty() => state.author = Some(value.to_owned()),
                "sort" => state.sort = Sort::from_param(value),
                "page" => state.page = value.parse::<usize>().ok().filter(|&p| p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        state
    }

    /// The query string for this state, without the leading `?`; empty for the default.
    /// Page 1 and the default sort are left out, so links stay short.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |key: &str, value: &str| parts.push(format!("{key}={}", encode(value)));
        if !self.q.trim().is_empty() {
            push("q", &self.q);
        }
        if let Some(from) = self.from {
            push("from", &format_day(from));
        }
        if let Some(to) = self.to {
            push("to", &format_day(to));
        }
        for tag in &self.tags {
            push("tag", tag);
        }
        for category in &self.categories {
            push("category", category);
        }
        if let Some(author) = &self.author {
            push("author", author);
        }
        if self.sort != Sort::default() {
            push("sort", self.sort.param());
        }
        if self.page > 1 {
            push("page", &self.page.to_string());
        }
        parts.join("&")
    }

    /// The same filters on page 1: what any filter change leads to.
    #[must_use]
    pub fn first_page(&self) -> Self {
        Self {
            page: 1,
            ..self.clone()
        }
    }

    /// This state with `tag` added, or removed when it is already there.
    #[must_use]
    pub fn toggle_tag(&self, tag: &str) -> Self {
        let mut next = self.first_page();
        toggle(&mut next.tags, tag);
        next
    }

    /// This state with `category` added, or removed when it is already there.
    #[must_use]
    pub fn toggle_category(&self, category: &str) -> Self {
        let mut next = self.first_page();
        toggle(&mut next.categories, category);
        next
    }

    /// This state filtered to `author`, or unfiltered when it already is.
    #[must_use]
    pub fn toggle_author(&self, author: &str) -> Self {
        let mut next = self.first_page();
        next.author = if next.author.as_deref() == Some(author) {
            None
        } else {
            Some(author.to_owned())
        };
        next
    }

    /// This state limited to one calendar month.
    #[must_use]
    pub fn month(&self, year: i32, month: u32) -> Self {
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let last = first
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt());
        Self {
            from: first,
            to: last,
            ..self.first_page()
        }
    }

    /// True when any filter is set (the page and sort aside).
    pub fn is_filtered(&self) -> bool {
        !self.q.trim().is_empty()
            || self.from.is_some()
            || self.to.is_some()
            || !self.tags.is_empty()
            || !self.categories.is_empty()
            || self.author.is_some()
    }

    /// The search filters this state asks for. Days follow the same calendar as the
    /// index's day numbers.
    pub fn filters(&self) -> Filters {
        self.filters_with_query(Query::parse(&self.q))
    }

    /// The same filters with another query: the one typed but not yet in the URL.
    pub fn filters_with_query(&self, query: Query) -> Filters {
        Filters {
            query,
            from_day: self.from.map(day_number),
            to_day: self.to.map(day_number),
            tags: self.tags.clone(),
            categories: self.categories.clone(),
            author: self.author.clone(),
            sort: self.sort,
        }
    }
}

/// Removes `name` from `list`, or adds it when it is not there.
fn toggle(list: &mut Vec<String>, name: &str) {
    if let Some(i) = list.iter().position(|n| n == name) {
        list.remove(i);
    } else {
        list.push(name.to_owned());
    }
}

/// Page numbers to show: the first, the last, and a window around the current page;
/// `None` marks a gap. Keeps the list short even with thousands of pages.
pub fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut pages = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        let near = n + 2 >= current && n <= current + 2;
        if n == 1 || n == total || near {
            if n > last + 1 {
                pages.push(None);
            }
            pages.push(Some(n));
            last = n;
        } else if n > current + 2 {
            // Jump straight to the last page instead of walking every number.
            if total > last + 1 {
                pages.push(None);
            }
            pages.push(Some(total));
            break;
        }
    }
    pages
}

/// Percent-encodes a query value: everything but RFC 3986's unreserved characters.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            push_hex(&mut out, byte);
        }
    }
    out
}

/// Writes `byte` as two uppercase hexadecimal digits.
pub(crate) fn push_hex(out: &mut String, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 15)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_repeat_round_trip_and_toggle() {
        let state = ListState::from_pairs([
            ("category", "News"),
            ("category", "Floods & rain"),
            ("category", "News"),
            ("category", " "),
        ]);
        assert_eq!(state.categories, ["News", "Floods & rain"]);
        assert_eq!(
            state.to_query(),
            "category=News&category=Floods%20%26%20rain"
        );
        assert!(state.is_filtered());
        let pairs = crate::route::parse_query(&state.to_query());
        assert_eq!(
            ListState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            state
        );
        let toggled = state.toggle_category("News");
        assert_eq!(toggled.categories, ["Floods & rain"]);
        assert_eq!(
            toggled.toggle_category("News").categories,
            ["Floods & rain", "News"]
        );
        assert_eq!(state.filters().categories, state.categories);
    }

    #[test]
    fn reads_and_writes_days() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_day("2020-02-29"), day(2020, 2, 29));
        assert_eq!(parse_day(" 2020-1-5 "), day(2020, 1, 5));
        assert_eq!(parse_day("0987-12-01"), day(987, 12, 1));
        for bad in [
            "2021-02-29",
            "2020-13-01",
            "20-01-01",
            "2020-01",
            "2020-01-01-",
            "+2020-01-01",
            "2020-0x-01",
            "",
            "2020-01-01T00:00",
        ] {
            assert_eq!(parse_day(bad), None, "{bad:?}");
        }
        for text in ["2020-02-29", "0987-12-01", "1970-01-01"] {
            let parsed = parse_day(text).expect("valid day");
            assert_eq!(format_day(parsed), text);
        }
    }

    #[test]
    fn reads_every_parameter() {
        let state = ListState::from_pairs([
            ("q", "clean water"),
            ("from", "2023-01-01"),
            ("to", "2023-12-31"),
            ("tag", "policy"),
            ("tag", "events"),
            ("tag", "policy"),
            ("author", "Ada"),
            ("sort", "newest"),
            ("page", "3"),
            ("utm_source", "x"),
        ]);
        assert_eq!(state.q, "clean water");
        assert_eq!(state.from, NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(state.to, NaiveDate::from_ymd_opt(2023, 12, 31));
        assert_eq!(state.tags, ["policy", "events"]);
        assert_eq!(state.author.as_deref(), Some("Ada"));
        assert_eq!(state.sort, Sort::Newest);
        assert_eq!(state.page, 3);
    }

    #[test]
    fn unreadable_values_fall_back_to_defaults() {
        let state = ListState::from_pairs([
            ("from", "2023-13-01"),
            ("page", "0"),
            ("to", "soon"),
            ("page", "x"),
        ]);
        assert_eq!(
            state,
            ListState {
                page: 1,
                ..ListState::default()
            }
        );
    }

    #[test]
    fn round_trips_through_the_query_string() {
        let state = ListState::from_pairs([
            ("q", "café & \"tea\""),
            ("tag", "a b"),
            ("tag", "آب"),
            ("from", "2020-02-29"),
            ("page", "2"),
        ]);
        let query = state.to_query();
        assert!(!query.contains(' '));
        let decoded: Vec<(String, String)> = query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').expect("key=value");
                (k.to_owned(), decode(v))
            })
            .collect();
        let again = ListState::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(again, state);
    }

    #[test]
    fn sort_parameters_round_trip() {
        for sort in [Sort::Relevance, Sort::Newest] {
            assert_eq!(Sort::from_param(sort.param()), sort);
        }
        assert_eq!(Sort::from_param("bogus"), Sort::Relevance);
        let newest = ListState::from_pairs([("sort", "newest")]);
        assert_eq!(newest.to_query(), "sort=newest");
    }

    #[test]
    fn defaults_make_an_empty_query() {
        assert_eq!(ListState::from_pairs([]).to_query(), "");
    }

    #[test]
    fn filter_changes_go_back_to_page_one() {
        let state = ListState::from_pairs([("page", "4"), ("tag", "x")]);
        assert_eq!(state.toggle_tag("y").page, 1);
        assert_eq!(state.toggle_tag("x").tags, Vec::<String>::new());
        let march = state.month(2024, 2);
        assert_eq!(march.from, NaiveDate::from_ymd_opt(2024, 2, 1));
        assert_eq!(march.to, NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(march.page, 1);
    }

    #[test]
    fn an_author_filter_toggles_and_goes_back_to_page_one() {
        let state = ListState::from_pairs([("page", "3"), ("author", "Ada")]);
        let other = state.toggle_author("Ben");
        assert_eq!((other.author.as_deref(), other.page), (Some("Ben"), 1));
        let cleared = state.toggle_author("Ada");
        assert_eq!((cleared.author, cleared.page), (None, 1));
    }

    #[test]
    fn page_window_keeps_ends_and_neighbours() {
        let w = |current, total| page_window(current, total);
        assert_eq!(w(1, 1), [Some(1)]);
        assert_eq!(w(1, 5), [Some(1), Some(2), Some(3), None, Some(5)]);
        assert_eq!(w(5, 5), [Some(1), None, Some(3), Some(4), Some(5)]);
        assert_eq!(
            w(50, 10_000),
            [
                Some(1),
                None,
                Some(48),
                Some(49),
                Some(50),
                Some(51),
                Some(52),
                None,
                Some(10_000)
            ]
        );
        assert!(w(1, 0).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn page_window_is_short_sorted_and_has_the_current_page(total in 1usize..100_000, pick in 0usize..100_000) {
            let current = pick % total + 1;
            let pages: Vec<usize> = page_window(current, total).into_iter().flatten().collect();
            proptest::prop_assert!(pages.len() <= 7);
            proptest::prop_assert!(pages.windows(2).all(|p| p[0] < p[1]));
            proptest::prop_assert!(pages.contains(&current) && pages.contains(&1) && pages.contains(&total));
        }
    }

    fn decode(value: &str) -> String {
        let bytes = value.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("utf-8")
    }
}
