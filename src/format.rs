//! Locale-aware formatting through the browser's `Intl`, which costs no wasm.

use folio_core::Date;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales`, which throws on a malformed tag; `catch` turns the
    /// throw into an `Err` instead of a trap.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = getCanonicalLocales)]
    fn canonical_locales(tag: &str) -> Result<js_sys::Array, JsValue>;
}

/// The locale to format with: the given language tag when the browser accepts it,
/// otherwise the reader's own default.
fn locale_for(language: Option<&str>) -> Option<String> {
    let tag = language?.trim().replace('_', "-");
    if tag.is_empty() {
        return None;
    }
    canonical_locales(&tag)
        .ok()
        .and_then(|list| list.get(0).as_string())
}

/// A calendar day and a language tag.
type DateKey = ((i32, u32, u32), Option<String>);

thread_local! {
    /// Formatted dates by day and language: `Intl` formatting costs far more than a
    /// lookup, and a list re-renders its cards on every keystroke.
    static FORMATTED: std::cell::RefCell<std::collections::HashMap<DateKey, String>> =
        std::cell::RefCell::default();
}

/// A long, localized date such as "10 December 2019", or "۱۹ آذر ۱۳۹۸" for Persian.
/// The calendar day is the one the author wrote, whatever the reader's timezone.
pub fn long_date(date: &Date, language: Option<&str>) -> String {
    let key = (date.ymd(), language.map(str::to_owned));
    if let Some(hit) = FORMATTED.with_borrow(|cache| cache.get(&key).cloned()) {
        return hit;
    }
    let formatted = format_long_date(date, language);
    FORMATTED.with_borrow_mut(|cache| cache.insert(key, formatted.clone()));
    formatted
}

fn format_long_date(date: &Date, language: Option<&str>) -> String {
    format_ymd(date.ymd(), language, &[]).unwrap_or_else(|| date.slashed())
}

/// A day of the Gregorian calendar (as a date input holds it), written long in
/// `language`'s own calendar: for Persian, the Solar Hijri date.
pub fn long_day(day: chrono::NaiveDate, language: &str) -> String {
    use chrono::Datelike;
    let ymd = (day.year(), day.month(), day.day());
    format_ymd(ymd, Some(language), &[]).unwrap_or_else(|| folio_core::list_state::format_day(day))
}

/// "January 2024" in `lang`, always of the Gregorian month (the month counts are
/// Gregorian months), in that language's words and digits.
pub fn month_year(year: i32, month: u32, lang: folio_core::i18n::Lang) -> String {
    let english = || {
        let name = folio_core::MONTH_NAMES
            .get(month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or_default();
        format!("{name} {year}")
    };
    if lang == folio_core::i18n::Lang::En {
        return english();
    }
    format_ymd(
        (year, month, 1),
        Some(lang.tag()),
        &[("calendar", "gregory"), ("day", ""), ("month", "long")],
    )
    .unwrap_or_else(english)
}

/// `Intl`'s long date for a calendar day in `language` (the reader's own when `None`),
/// with `extra` options set over year, month and day (an empty value removes one);
/// `None` when `Intl` cannot.
fn format_ymd(
    (year, month, day): (i32, u32, u32),
    language: Option<&str>,
    extra: &[(&str, &str)],
) -> Option<String> {
    // Year 0 is 1 BC to `Intl`, and engines write it differently: keep the digits.
    if year < 1 {
        return None;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        u32::try_from(year),
        i32::try_from(month),
        i32::try_from(day),
    ) else {
        return None;
    };
    // Local midnight of that calendar day, formatted in local time, gives that day back.
    // The constructor reads years 0–99 as 1900–1999, so the year is set on its own.
    let js_date = js_sys::Date::new_with_year_month_day(2000, 0, 1);
    js_date.set_full_year_with_month_date(year, month - 1, day);
    let options = js_sys::Object::new();
    for (key, value) in [("year", "numeric"), ("month", "long"), ("day", "numeric")] {
        // Setting a plain property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    for (key, value) in extra {
        if value.is_empty() {
            let _ = js_sys::Reflect::delete_property(&options, &(*key).into());
        } else {
            let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
        }
    }
    let locale = locale_for(language).map_or(JsValue::UNDEFINED, |l| JsValue::from_str(&l));
    // Called through `Function::call2` so the reader's locale can be `undefined`, which
    // `js_sys`'s `&str` signature cannot express, and so a throw becomes an `Err`.
    let formatted = crate::js_method(&js_date, "toLocaleDateString")
        .and_then(|f| f.call2(&js_date, &locale, &options).ok())
        .and_then(|v| v.as_string());
    formatted.filter(|text| !text.is_empty() && text != "Invalid Date")
}
