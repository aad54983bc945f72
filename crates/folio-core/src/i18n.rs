//! The interface in the archive's language: English, Persian, Arabic, French, Spanish
//! and German.
//!
//! The strings live in `locales/*.po` (gettext PO, one file per language, each message
//! named by its `msgctxt`); `build.rs` turns them into the [`Msg`] enum and its tables.
//! The app and the static pages both read them here, so a page looks the same before
//! and after the app takes it over.

include!(concat!(env!("OUT_DIR"), "/strings.rs"));

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the source language.
    #[default]
    En,
    /// Persian.
    Fa,
    /// Arabic.
    Ar,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// German.
    De,
}

impl Lang {
    /// The interface language for a language tag (`fa-IR`, `ar_EG`, `en`), or `None`
    /// when Folio has no translation for it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "fa" | "per" | "fas" => Some(Self::Fa),
            "ar" | "ara" => Some(Self::Ar),
            "fr" | "fra" | "fre" => Some(Self::Fr),
            "es" | "spa" => Some(Self::Es),
            "de" | "deu" | "ger" => Some(Self::De),
            _ => None,
        }
    }

    /// The interface language for an archive: `requested` (a `data-lang` attribute or
    /// `folio-lang` meta tag) when Folio speaks it, else the feed's `language`, else
    /// English.
    pub fn choose(requested: Option<&str>, feed: Option<&str>) -> Self {
        requested
            .and_then(Self::from_tag)
            .or_else(|| feed.and_then(Self::from_tag))
            .unwrap_or_default()
    }

    /// Its BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fa => "fa",
            Self::Ar => "ar",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::De => "de",
        }
    }

    /// `"rtl"` or `"ltr"`.
    pub fn dir(self) -> &'static str {
        match self {
            Self::En | Self::Fr | Self::Es | Self::De => "ltr",
            Self::Fa | Self::Ar => "rtl",
        }
    }

    /// `msg` in this language (English when it is untranslated).
    pub fn text(self, msg: Msg) -> &'static str {
        forms(self, msg)
            .or_else(|| forms(Self::En, msg))
            .and_then(|f| f.split(FORM_SEPARATOR).next())
            .unwrap_or_default()
    }

    /// `msg` with its `{name}` placeholders filled in.
    pub fn fill(self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.text(msg), args)
    }

    /// The plural message `msg` for `n`, with `{n}` written in this language's digits.
    pub fn count(self, msg: Msg, n: usize) -> String {
        let (list, index) = match forms(self, msg) {
            Some(list) => (list, self.plural_form(n)),
            None => (
                forms(Self::En, msg).unwrap_or_default(),
                Self::En.plural_form(n),
            ),
        };
        let template = list
            .split(FORM_SEPARATOR)
            .nth(index)
            .or_else(|| list.rsplit(FORM_SEPARATOR).next())
            .unwrap_or_default();
        fill(template, &[("n", &self.number(n))])
    }

    /// Which plural form `n` takes, as the PO files' `Plural-Forms` say (the CLDR rules
    /// for whole numbers).
    fn plural_form(self, n: usize) -> usize {
        match self {
            Self::En | Self::Es | Self::De => usize::from(n != 1),
            // French, like Persian, says "0 article" in the singular.
            Self::Fa | Self::Fr => usize::from(n > 1),
            Self::Ar => match (n, n % 100) {
                (0, _) => 0,
                (1, _) => 1,
                (2, _) => 2,
                (_, 3..=10) => 3,
                (_, 11..=99) => 4,
                _ => 5,
            },
        }
    }

    /// `n` in this language's digits: Persian (۱۲۳) for Persian, as its readers write
    /// numbers. Arabic keeps ASCII digits, as browsers' `Intl` writes Arabic dates (so a
    /// page does not mix two sets).
    pub fn number(self, n: usize) -> String {
        self.digits(&n.to_string())
    }

    /// The ASCII digits in `text` written in this language's digits.
    pub fn digits(self, text: &str) -> String {
        let zero = match self {
            Self::En | Self::Ar | Self::Fr | Self::Es | Self::De => return text.to_owned(),
            Self::Fa => '۰',
        };
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(u32::from(zero) + d).unwrap_or(c),
                None => c,
            })
            .collect()
    }
}

/// `template` with each `{name}` replaced by its value in `args`; unknown names stay.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        if let Some((_, value)) = args.iter().find(|(key, _)| *key == name) {
            out.push_str(value);
        } else {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_language_from_the_request_then_the_feed() {
        assert_eq!(Lang::choose(None, Some("fa-IR")), Lang::Fa);
        assert_eq!(Lang::choose(Some("ar"), Some("fa")), Lang::Ar);
        assert_eq!(Lang::choose(Some("xx"), Some("ar_EG")), Lang::Ar);
        assert_eq!(Lang::choose(None, Some("de-AT")), Lang::De);
        assert_eq!(Lang::choose(None, Some("fr_CA")), Lang::Fr);
        assert_eq!(Lang::choose(None, Some("es-419")), Lang::Es);
        assert_eq!(Lang::choose(None, Some("it")), Lang::En);
        assert_eq!(Lang::choose(None, None), Lang::En);
        assert_eq!(Lang::Fa.dir(), "rtl");
    }

    #[test]
    fn every_language_says_every_message() {
        assert_eq!(Lang::En.text(Msg::ReadMore), "Read more");
        assert_eq!(Lang::Fa.text(Msg::ReadMore), "ادامه مطلب");
        assert_eq!(Lang::Ar.text(Msg::Search), "بحث");
        assert_eq!(
            Lang::Fa.fill(Msg::PostedOn, &[("date", "۸ شهریور ۱۴۰۲")]),
            "منتشرشده در ۸ شهریور ۱۴۰۲"
        );
    }

    #[test]
    fn plurals_follow_each_languages_rules_in_its_digits() {
        assert_eq!(Lang::En.count(Msg::CountPosts, 1), "1 post");
        assert_eq!(Lang::En.count(Msg::CountPosts, 12), "12 posts");
        assert_eq!(Lang::Fa.count(Msg::CountPosts, 12), "۱۲ نوشته");
        assert_eq!(Lang::Ar.count(Msg::CountPosts, 1), "مقالة واحدة");
        assert_eq!(Lang::Ar.count(Msg::CountPosts, 2), "مقالتان");
        assert_eq!(Lang::Ar.count(Msg::CountPosts, 5), "5 مقالات");
        assert_eq!(Lang::Ar.count(Msg::CountPosts, 11), "11 مقالة");
        assert_eq!(Lang::Ar.count(Msg::CountPosts, 100), "100 مقالة");
        assert_eq!(Lang::Ar.count(Msg::CountPosts, 103), "103 مقالات");
        // French counts 0 and 1 in the singular; Spanish and German only 1.
        assert_eq!(Lang::Fr.count(Msg::CountPosts, 0), "0 article");
        assert_eq!(Lang::Fr.count(Msg::CountPosts, 1), "1 article");
        assert_eq!(Lang::Fr.count(Msg::CountPosts, 2), "2 articles");
        assert_eq!(Lang::Es.count(Msg::CountPosts, 0), "0 entradas");
        assert_eq!(Lang::De.count(Msg::CountPosts, 1), "1 Beitrag");
        assert_eq!(Lang::De.count(Msg::CountPosts, 12), "12 Beiträge");
    }

    #[test]
    fn fills_placeholders_and_leaves_the_rest() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "y")]), "x and y");
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
        assert_eq!(fill("no braces", &[("a", "x")]), "no braces");
    }
}
