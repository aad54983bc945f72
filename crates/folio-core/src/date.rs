//! Publication dates.
//!
//! JSON Feed dates are RFC 3339 with a timezone. A date without one names no instant,
//! so it is treated like a date that does not parse: the post is kept, undated.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

/// A publication instant together with the offset its author wrote it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date(DateTime<FixedOffset>);

impl Date {
    /// Seconds since the Unix epoch.
    pub fn timestamp(&self) -> i64 {
        self.0.timestamp()
    }

    /// The author's UTC offset, in minutes.
    pub fn offset_minutes(&self) -> i32 {
        self.0.offset().local_minus_utc() / 60
    }

    /// The RFC 3339 form, for `<time datetime>`.
    pub fn iso(&self) -> String {
        self.0.to_rfc3339()
    }

    /// The calendar day in the author's own offset: a post written late on the 10th in
    /// Tehran is "posted on the 10th" wherever it is read.
    pub fn calendar_day(&self) -> NaiveDate {
        self.0.date_naive()
    }

    /// `(year, month, day)` of [`Self::calendar_day`].
    pub fn ymd(&self) -> (i32, u32, u32) {
        let day = self.calendar_day();
        (day.year(), day.month(), day.day())
    }

    /// A language-neutral `2019/12/10`, used where no locale formatting is available.
    pub fn slashed(&self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}/{m:02}/{d:02}")
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    /// Dates order by instant, whatever offsets they were written in.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

/// English month names, January first: the archive widget's and the static pages'.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads an RFC 3339 date (the JSON Feed format), or failing that an RFC 2822 one (which
/// some RSS-to-JSON converters leave behind). Returns `None` for anything else,
/// including dates with no timezone.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .ok()
        .map(Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc3339_with_offset_and_keeps_the_authors_day() {
        let date = parse_date("2019-12-10T23:30:00+03:30").expect("valid date");
        assert_eq!(date.ymd(), (2019, 12, 10));
        assert_eq!(date.slashed(), "2019/12/10");
        assert_eq!(date.iso(), "2019-12-10T23:30:00+03:30");
    }

    #[test]
    fn reads_utc_z_and_space_separator() {
        assert!(parse_date("2020-01-01T00:00:00Z").is_some());
        assert!(parse_date(" 2020-01-01 08:00:00+01:00 ").is_some());
    }

    #[test]
    fn accepts_rfc2822_as_a_fallback() {
        let date = parse_date("Tue, 10 Dec 2019 09:00:00 +0000").expect("rfc 2822");
        assert_eq!(date.ymd(), (2019, 12, 10));
    }

    #[test]
    fn rejects_dates_without_timezone_and_garbage() {
        assert_eq!(parse_date("2019-12-10T09:00:00"), None);
        assert_eq!(parse_date("2019-12-10"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("2019-13-45T00:00:00Z"), None);
    }

    #[test]
    fn orders_by_instant_not_by_wall_clock() {
        let tehran = parse_date("2020-05-01T10:00:00+04:30").expect("valid");
        let london = parse_date("2020-05-01T06:00:00+00:00").expect("valid");
        // 10:00 in +04:30 is 05:30 UTC, earlier than 06:00 UTC.
        assert!(tehran < london);
    }
}
