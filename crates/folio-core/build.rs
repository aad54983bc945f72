//! Turns the interface's translations (`locales/*.po`, gettext PO, one file per
//! language) into Rust tables at build time, so the app carries only the strings and no
//! PO parser. `en.po` is the source: it names every message (by its `msgctxt`), and the
//! other languages fall back to it for anything they leave untranslated.
//!
//! A build script stops the build with a message when a file is wrong, so it panics.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use polib::po_file;
use std::fmt::Write as _;
use std::path::Path;

/// The interface languages, with their plural form counts (which `i18n.rs`'s plural rules
/// must match), English first.
const LANGUAGES: [(&str, &str, usize); 6] = [
    ("en", "En", 2),
    ("fa", "Fa", 2),
    ("ar", "Ar", 6),
    ("fr", "Fr", 2),
    ("es", "Es", 2),
    ("de", "De", 2),
];

fn main() {
    let dir = Path::new("locales");
    println!("cargo:rerun-if-changed=locales");
    let mut catalogs = Vec::new();
    for (code, variant, nplurals) in LANGUAGES {
        let path = dir.join(format!("{code}.po"));
        println!("cargo:rerun-if-changed={}", path.display());
        let catalog = po_file::parse(&path)
            .unwrap_or_else(|e| panic!("{}: not a readable PO file: {e}", path.display()));
        let declared = catalog.metadata.plural_rules.nplurals;
        assert!(
            declared == nplurals,
            "{}: Plural-Forms says nplurals={declared}, but Folio's {code} rule has {nplurals} forms",
            path.display()
        );
        let mut messages = Vec::new();
        for message in catalog.messages() {
            let key = message
                .msgctxt()
                .unwrap_or_else(|| {
                    panic!("{}: \"{}\" has no msgctxt", path.display(), message.msgid())
                })
                .to_owned();
            let forms: Vec<String> = if message.is_plural() {
                message.msgstr_plural().cloned().unwrap_or_default()
            } else {
                message
                    .msgstr()
                    .map(|s| vec![s.to_owned()])
                    .unwrap_or_default()
            };
            let forms = if forms.iter().all(String::is_empty) {
                Vec::new()
            } else {
                forms
            };
            messages.push((key, forms, message.is_plural()));
        }
        catalogs.push((code, variant, messages));
    }
    let out = generate(&catalogs);
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("strings.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    write_lowercase_table();
}

/// `lowercase.rs`: every character's lowercase, as `char::to_lowercase` gives it in this
/// build's Rust, in runs: characters at a steady stride whose lowercase is the same
/// distance away (`A`–`Z` is one run; `Ā`, `Ă`, `Ą`… is another). Each run is four LEB128
/// varints: its first character's distance from the previous run's last, its length
/// less one, its stride, and the distance to its lowercase (zigzag-encoded). This
/// replaces core's own table (about 11 KB of character pairs) in the wasm, and is
/// generated from it, so the two cannot differ.
fn write_lowercase_table() {
    // (first, last, stride, delta)
    let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
    for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
        let mut lower = c.to_lowercase();
        let (Some(first), rest) = (lower.next(), lower.next()) else {
            continue;
        };
        if rest.is_some() {
            assert!(
                c == '\u{130}',
                "{c:?} lowercases to several characters; lowercase() must learn it"
            );
            continue;
        }
        if first == c {
            continue;
        }
        let (code, delta) = (
            u32::from(c),
            i64::from(u32::from(first)) - i64::from(u32::from(c)),
        );
        match runs.last_mut() {
            Some(run) if run.3 == delta && run.0 == run.1 && code - run.1 <= 2 => {
                run.2 = code - run.1;
                run.1 = code;
            }
            Some(run) if run.3 == delta && run.0 != run.1 && code - run.1 == run.2 => run.1 = code,
            _ => runs.push((code, code, 1, delta)),
        }
    }
    let mut bytes = Vec::new();
    let mut previous = 0;
    for (first, last, stride, delta) in &runs {
        let zigzag = u64::try_from(if *delta < 0 {
            -2 * delta - 1
        } else {
            2 * delta
        })
        .expect("a zigzag code is not negative");
        for value in [
            u64::from(first - previous),
            u64::from((last - first) / stride),
            u64::from(*stride),
            zigzag,
        ] {
            let mut value = value;
            while value >= 0x80 {
                bytes.push(u8::try_from(value & 0x7f).expect("seven bits") | 0x80);
                value >>= 7;
            }
            bytes.push(u8::try_from(value).expect("under 0x80"));
        }
        previous = *last;
    }
    let out = format!(
        "/// Lowercase runs, as `build.rs` describes them.\npub(crate) const LOWER_RUNS: [u8; {}] = {bytes:?};\n",
        bytes.len()
    );
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lowercase.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// A message's name, its forms (none when untranslated), and whether it is plural.
type Message = (String, Vec<String>, bool);

/// `strings.rs`: the `Msg` enum and every language's tables, from the catalogs (code,
/// `Lang` variant, messages), English first.
fn generate(catalogs: &[(&str, &str, Vec<Message>)]) -> String {
    let source = &catalogs[0].2;
    let mut out = String::new();
    out.push_str("/// A message of the interface, named by its `msgctxt` in `locales/*.po`.\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Msg {\n");
    for (key, forms, plural) in source {
        assert!(!forms.is_empty(), "en.po: \"{key}\" has no English text");
        let _ = writeln!(
            out,
            "    /// `{key}`{}: \"{}\"\n    {},",
            if *plural { " (plural)" } else { "" },
            forms[0].replace('`', "'").replace('\n', " "),
            camel(key)
        );
    }
    out.push_str("}\n\n");
    // Each language's messages are one string, in `Msg`'s order, with the byte offset
    // where each starts: a table of offsets and one run of text cost the wasm far less
    // than a slice of string references per message (pointers do not compress).
    out.push_str("/// The position of `lang` in [`TEXTS`] and [`STARTS`].\nconst fn index(lang: Lang) -> usize {\n    match lang {\n");
    for (i, (_, variant, _)) in catalogs.iter().enumerate() {
        let _ = writeln!(out, "        Lang::{variant} => {i},");
    }
    out.push_str("    }\n}\n\n");
    let mut texts = Vec::new();
    let mut starts = Vec::new();
    for (code, _, messages) in catalogs {
        for (key, _, _) in messages {
            assert!(
                source.iter().any(|(k, _, _)| k == key),
                "{code}.po: \"{key}\" is not a message of en.po"
            );
        }
        let mut text = String::new();
        let mut offsets = Vec::new();
        for (key, _, _) in source {
            offsets.push(text.len());
            let forms = messages
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, forms, _)| forms.as_slice())
                .unwrap_or_default();
            assert!(
                forms.iter().all(|f| !f.contains(FORM_SEPARATOR)),
                "{code}.po: \"{key}\" contains U+0001"
            );
            text.push_str(&forms.join(&FORM_SEPARATOR.to_string()));
        }
        offsets.push(text.len());
        assert!(
            u16::try_from(text.len()).is_ok(),
            "{code}.po: over 64 KB of text"
        );
        texts.push(format!("{text:?}"));
        starts.push(format!(
            "[{}]",
            offsets
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let count = source.len() + 1;
    let _ = writeln!(
        out,
        "/// Between a plural message's forms in [`TEXTS`].\nconst FORM_SEPARATOR: char = {FORM_SEPARATOR:?};\n"
    );
    let _ = writeln!(
        out,
        "/// Each language's messages, in `Msg`'s order; a plural message's forms are separated\n/// by U+0001, and an untranslated message is empty.\nconst TEXTS: [&str; {}] = [{}];\n",
        texts.len(),
        texts.join(", ")
    );
    let _ = writeln!(
        out,
        "/// Where each message starts in its language's text (and, last, where the text ends).\nconst STARTS: [[u16; {count}]; {}] = [{}];\n",
        starts.len(),
        starts.join(", ")
    );
    out.push_str("/// The forms of `msg` in `lang`, separated by U+0001, or `None` when that language\n/// leaves it untranslated.\nfn forms(lang: Lang, msg: Msg) -> Option<&'static str> {\n    let (text, starts) = (TEXTS.get(index(lang))?, STARTS.get(index(lang))?);\n    let at = msg as usize;\n    let (start, end) = (*starts.get(at)?, *starts.get(at + 1)?);\n    text.get(usize::from(start)..usize::from(end)).filter(|t| !t.is_empty())\n}\n");
    out
}

/// Between a plural message's forms in the generated text.
const FORM_SEPARATOR: char = '\u{1}';

/// `read-more` → `ReadMore`.
fn camel(key: &str) -> String {
    key.split(['-', '.', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}
