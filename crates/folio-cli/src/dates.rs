//! Dates as sources write them, turned into the reader's RFC 3339 dates.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use folio_core::{parse_date, Date};

/// `2019-12-04 10:20:00` and the other zone-less forms, or `None` (WordPress writes
/// `0000-00-00 00:00:00` for "no date").
pub fn naive(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(date) = NaiveDateTime::parse_from_str(text, format) {
            return Some(date);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// A wall-clock time at a UTC offset (UTC when `None`).
pub fn with_offset(local: NaiveDateTime, offset: Option<FixedOffset>) -> Option<Date> {
    let offset = offset.or_else(|| FixedOffset::east_opt(0))?;
    let at = offset.from_local_datetime(&local).single()?;
    parse_date(&at.to_rfc3339())
}

/// The same instant, written in another offset (seconds east of UTC), so a post keeps
/// the day its author saw.
pub fn in_offset(date: &Date, seconds: i64) -> Date {
    let Some(offset) = i32::try_from(seconds).ok().and_then(FixedOffset::east_opt) else {
        return *date;
    };
    DateTime::from_timestamp(date.timestamp(), 0)
        .map(|utc| utc.with_timezone(&offset).to_rfc3339())
        .and_then(|text| parse_date(&text))
        .unwrap_or(*date)
}

/// Any date a front matter or feed may hold: RFC 3339, RFC 2822, Jekyll's
/// `2024-08-08 16:20:00 +0100`, or a zone-less date or time read at `offset`.
pub fn flexible(text: &str, offset: Option<FixedOffset>) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = parse_date(text) {
        return Some(date);
    }
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(date) = DateTime::parse_from_str(text, format) {
            return parse_date(&date.to_rfc3339());
        }
    }
    naive(text).and_then(|local| with_offset(local, offset))
}

/// `+03:30`, `-0500` or `Z` as an offset.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") || text == "0" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 || rest.len() > 5 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    if minutes >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_zero_dates_are_no_dates() {
        assert!(naive("0000-00-00 00:00:00").is_none());
        assert!(naive("2019-12-04 10:20:00").is_some());
    }

    #[test]
    fn zone_less_dates_take_the_given_offset() {
        let tehran = parse_offset("+03:30");
        let date = flexible("2020-05-01 10:00", tehran).expect("date");
        assert_eq!(date.iso(), "2020-05-01T10:00:00+03:30");
        assert_eq!(
            flexible("2020-05-01", None).expect("date").iso(),
            "2020-05-01T00:00:00+00:00"
        );
    }

    #[test]
    fn jekyll_and_rfc_dates_keep_their_own_offset() {
        assert_eq!(
            flexible("2024-08-08 16:20:00 +0100", None)
                .expect("jekyll")
                .iso(),
            "2024-08-08T16:20:00+01:00"
        );
        assert_eq!(
            flexible("2024-08-08T16:20:00+01:00", None)
                .expect("rfc3339")
                .iso(),
            "2024-08-08T16:20:00+01:00"
        );
        assert!(flexible("last tuesday", None).is_none());
    }

    #[test]
    fn an_instant_can_be_rewritten_in_the_sites_offset() {
        let utc = flexible("2020-01-01T22:00:00Z", None).expect("date");
        assert_eq!(in_offset(&utc, 12_600).iso(), "2020-01-02T01:30:00+03:30");
    }

    #[test]
    fn offsets_are_read_strictly() {
        assert_eq!(
            parse_offset("-0500").map(|o| o.local_minus_utc()),
            Some(-18_000)
        );
        assert_eq!(parse_offset("Z").map(|o| o.local_minus_utc()), Some(0));
        assert!(parse_offset("+25:00").is_none());
        assert!(parse_offset("5").is_none());
    }
}
