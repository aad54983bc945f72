//! Publication dates.
//!
//! JSON Feed dates are RFC 3339 with a timezone. A date without one names no instant,
//! so it is treated like a date that does not parse: the post is kept, undated.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

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
///
/// Both are read by hand: chrono's parsers go through its general `Parsed` machinery,
/// about 11 KB of the app's wasm (raw) for these two formats. A test checks that the
/// results are chrono's on about 220,000 strings; the one difference is that an RFC 2822
/// weekday which does not match the date is ignored rather than dropping the date.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    rfc3339(text).or_else(|| rfc2822(text)).map(Date)
}

/// `1996-12-19T16:39:57.25-08:00`: fixed-width fields, `T`, `t` or a space between the
/// day and the time, a fraction of any length (nanoseconds kept), `Z` or `±hh:mm`.
fn rfc3339(text: &str) -> Option<DateTime<FixedOffset>> {
    let mut s = text;
    let year = number(&mut s, 4, 4)?;
    let month = after(&mut s, "-", 2)?;
    let day = after(&mut s, "-", 2)?;
    s = s.strip_prefix(['T', 't', ' '])?;
    let hour = number(&mut s, 2, 2)?;
    let minute = after(&mut s, ":", 2)?;
    let second = after(&mut s, ":", 2)?;
    let nano = match s.strip_prefix('.') {
        Some(rest) => {
            s = rest;
            fraction(&mut s)?
        }
        None => 0,
    };
    let offset = if let Some(rest) = s.strip_prefix(['Z', 'z']) {
        s = rest;
        0
    } else {
        let sign = sign(&mut s, true)?;
        let hours = number(&mut s, 2, 2)?;
        let minutes = after(&mut s, ":", 2)?;
        sign * minutes_offset(hours, minutes)?
    };
    if !s.is_empty() {
        return None;
    }
    instant([year, month, day, hour, minute, second], nano, offset)
}

/// `Tue, 10 Dec 2019 09:00:00 +0000`: an optional weekday, a day of one or two digits,
/// a month's English abbreviation, a year (two digits are 1950–2049, three are 1900
/// onwards), `hh:mm[:ss]`, then `±hhmm`, `UT`, `GMT`, one of the North American zones
/// RFC 2822 names, or a military letter (read as UTC); comments in parentheses may follow.
fn rfc2822(text: &str) -> Option<DateTime<FixedOffset>> {
    let mut s = text;
    if let Some(rest) = after_weekday(s) {
        // A weekday must be followed by its comma; whether it matches the date is not
        // checked (a wrong one is a slip of the feed's author, not a reason to lose it).
        s = rest.strip_prefix(',')?;
    }
    s = s.trim_start();
    let day = number(&mut s, 1, 2)?;
    s = spaces(s)?;
    let month = s.get(..3).and_then(|name| word_index(name, MONTHS))? + 1;
    s = spaces(&s[3..])?;
    let before = s.len();
    let mut year = number(&mut s, 2, usize::MAX)?;
    year += match before - s.len() {
        2 if year < 50 => 2000,
        2 | 3 => 1900,
        _ => 0,
    };
    s = spaces(s)?;
    let hour = number(&mut s, 2, 2)?;
    s = s.trim_start().strip_prefix(':')?.trim_start();
    let minute = number(&mut s, 2, 2)?;
    let second = match s.trim_start().strip_prefix(':') {
        Some(rest) => {
            s = rest;
            number(&mut s, 2, 2)?
        }
        None => 0,
    };
    s = spaces(s)?;
    let offset = zone(&mut s)?;
    loop {
        s = s.trim_start();
        if s.is_empty() {
            break;
        }
        s = comment(s)?;
    }
    instant([year, month, day, hour, minute, second], 0, offset)
}

const WEEKDAYS: &str = "montuewedthufrisatsun";
const MONTHS: &str = "janfebmaraprmayjunjulaugsepoctnovdec";

/// What follows `s`'s first three letters when they name a weekday (`Tue`).
fn after_weekday(s: &str) -> Option<&str> {
    s.get(3..)
        .filter(|_| word_index(&s[..3], WEEKDAYS).is_some())
}

/// Which three-letter word of `words` `name` is, ignoring ASCII case.
fn word_index(name: &str, words: &str) -> Option<u64> {
    let index =
        (0..words.len() / 3).find(|i| words[i * 3..i * 3 + 3].eq_ignore_ascii_case(name))?;
    u64::try_from(index).ok()
}

/// An RFC 2822 zone, as an offset in minutes.
fn zone(s: &mut &str) -> Option<i64> {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 {
        let sign = sign(s, false)?;
        let hours = number(s, 2, 2)?;
        let minutes = number(s, 2, 2)?;
        return Some(sign * minutes_offset(hours, minutes)?);
    }
    let (name, rest) = s.split_at(letters);
    *s = rest;
    let name = name.to_ascii_lowercase();
    let hours = match name.as_str() {
        "ut" | "gmt" | "z" => 0,
        "edt" => -4,
        "est" | "cdt" => -5,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" => -8,
        // Military zones (any letter but J) are too often written backwards to trust:
        // RFC 2822 says to read them as -0000.
        military if military.len() == 1 && military != "j" => 0,
        _ => return None,
    };
    Some(hours * 60)
}

/// Skips a parenthesized comment, which may nest and may escape a character with `\`.
fn comment(s: &str) -> Option<&str> {
    let mut depth = 0u32;
    let mut escaped = false;
    for (i, byte) in s.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'(' => depth += 1,
            _ if depth == 0 => return None,
            b'\\' => escaped = true,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[i + 1..]);
                }
            }
            _ => {}
        }
    }
    None
}

/// At least one space (any Unicode white space), skipped.
fn spaces(s: &str) -> Option<&str> {
    let rest = s.trim_start();
    (rest.len() < s.len()).then_some(rest)
}

/// `+` or `-` (and U+2212 MINUS SIGN where `minus_sign`), as 1 or -1.
fn sign(s: &mut &str, minus_sign: bool) -> Option<i64> {
    let mut chars = s.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' => -1,
        '\u{2212}' if minus_sign => -1,
        _ => return None,
    };
    *s = chars.as_str();
    Some(sign)
}

/// An offset of `hours` (up to 99) and `minutes` (up to 59), in minutes.
fn minutes_offset(hours: u64, minutes: u64) -> Option<i64> {
    (minutes < 60).then(|| i64::try_from(hours * 60 + minutes).ok())?
}

/// `separator` followed by exactly `digits` digits.
fn after(s: &mut &str, separator: &str, digits: usize) -> Option<u64> {
    *s = s.strip_prefix(separator)?;
    number(s, digits, digits)
}

/// Between `min` and `max` ASCII digits, as a number.
fn number(s: &mut &str, min: usize, max: usize) -> Option<u64> {
    let count = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if count < min {
        return None;
    }
    let (digits, rest) = s.split_at(count);
    *s = rest;
    digits.bytes().try_fold(0u64, |n, digit| {
        n.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
    })
}

/// A fraction of a second after its point: at least one digit, nanoseconds kept, any
/// further digits skipped.
fn fraction(s: &mut &str) -> Option<u64> {
    let before = s.len();
    let nanos = number(s, 1, 9)?;
    let read = u32::try_from(before - s.len()).ok()?;
    *s = s.trim_start_matches(|c: char| c.is_ascii_digit());
    Some(nanos * 10u64.pow(9 - read))
}

/// The instant that `[year, month, day, hour, minute, second]` (second 60 being a leap
/// second), `nano` and an offset in minutes name, if they name one.
fn instant(fields: [u64; 6], nano: u64, offset: i64) -> Option<DateTime<FixedOffset>> {
    let [year, month, day, hour, minute, second] = fields.map(u32::try_from);
    let (second, leap) = if second == Ok(60) {
        (59, 1_000_000_000)
    } else {
        (second.ok()?, 0)
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year.ok()?).ok()?, month.ok()?, day.ok()?)?;
    let nano = u32::try_from(nano).ok()? + leap;
    let time = NaiveTime::from_hms_nano_opt(hour.ok()?, minute.ok()?, second, nano)?;
    let offset = FixedOffset::east_opt(i32::try_from(offset * 60).ok()?)?;
    date.and_time(time).and_local_timezone(offset).single()
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

    /// chrono's reading of `text`, the reference for the hand-written parsers. An RFC
    /// 2822 weekday is dropped first when chrono refuses it (it checks the weekday
    /// against the date; `parse_date` does not).
    fn chrono_reading(text: &str) -> Option<DateTime<FixedOffset>> {
        let text = text.trim();
        let without_weekday = after_weekday(text)
            .and_then(|rest| rest.strip_prefix(','))
            .unwrap_or(text);
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_rfc2822(text))
            .or_else(|_| DateTime::parse_from_rfc2822(without_weekday))
            .ok()
    }

    /// Every concatenation of one piece from each of `parts`, in order.
    fn every(parts: &[&[&str]]) -> Vec<String> {
        parts.iter().fold(vec![String::new()], |texts, pieces| {
            texts
                .iter()
                .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
                .collect()
        })
    }

    /// Every string built from these pieces, and 6,000 mutations of two good dates (a
    /// character dropped, doubled or changed), reads as chrono reads it.
    #[test]
    fn reads_what_chrono_reads() {
        let mut texts = every(&[
            &[
                "2019-12-10",
                "2020-02-29",
                "2019-02-29",
                "0000-01-01",
                "9999-12-31",
                "2019-13-01",
                "19-12-10",
                "2019-1-10",
            ],
            &["T", "t", " ", "", "  "],
            &[
                "23:30:00", "00:00:60", "23:59:60", "24:00:00", "12:60:00", "9:30:00", "12:30",
            ],
            &["", ".5", ".123456789", ".1234567891234", ".", ".x"],
            &[
                "Z",
                "z",
                "+03:30",
                "-08:00",
                "\u{2212}05:00",
                "+0330",
                "+23:59",
                "+24:00",
                "-99:59",
                "+03:60",
                " Z",
                "",
            ],
        ]);
        texts.extend(every(&[
            &["", "Tue, ", "tue,", "Wed, ", "Tuesday, ", "Tue ", "Xyz, "],
            &["10", "1", "100", " 9"],
            &[" Dec ", " fEB ", " December ", "Dec"],
            &["2019", "19", "79", "112", "1", "99999999999999999999"],
            &[
                " 09:00:00",
                " 09:00",
                " 9:00",
                " 09 : 00 : 00",
                " 09:00: 00",
                " 23:59:60",
            ],
            &[
                " +0000", " -0330", " +9959", " GMT", " ut", " EST", " pdt", " A", " J", " XYZ",
                " +03:30", "+0000",
            ],
            &["", " (UTC)", " (a (nested) esc\\) aped)", " (open"],
        ]));
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % below as u64).unwrap_or(0)
        };
        let valid = [
            "2019-12-10T23:30:00.25+03:30",
            "Tue, 10 Dec 2019 09:00:00 +0000 (UTC)",
        ];
        for text in valid {
            for _ in 0..3000 {
                let mut chars: Vec<char> = text.chars().collect();
                let at = next(chars.len());
                match next(3) {
                    0 => drop(chars.remove(at)),
                    1 => chars.insert(at, chars[at]),
                    _ => chars[at] = " :+-.Tz0159()".chars().nth(next(13)).unwrap_or(' '),
                }
                texts.push(chars.into_iter().collect());
            }
        }
        let mut read = 0;
        for text in &texts {
            let ours = parse_date(text).map(|date| date.0);
            assert_eq!(ours, chrono_reading(text), "{text:?}");
            read += usize::from(ours.is_some());
        }
        // The corpus is not all failures.
        assert!(read > texts.len() / 50, "{read} of {}", texts.len());
    }

    #[test]
    fn ignores_a_weekday_that_does_not_match_the_date() {
        let date = parse_date("Mon, 10 Dec 2019 09:00:00 +0000").expect("weekday ignored");
        assert_eq!(date.ymd(), (2019, 12, 10));
        assert!(DateTime::parse_from_rfc2822("Mon, 10 Dec 2019 09:00:00 +0000").is_err());
    }

    #[test]
    fn orders_by_instant_not_by_wall_clock() {
        let tehran = parse_date("2020-05-01T10:00:00+04:30").expect("valid");
        let london = parse_date("2020-05-01T06:00:00+00:00").expect("valid");
        // 10:00 in +04:30 is 05:30 UTC, earlier than 06:00 UTC.
        assert!(tehran < london);
    }
}
