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
const LANGUAGES: [(&str, &str, usize); 3] = [("en", "En", 2), ("fa", "Fa", 2), ("ar", "Ar", 6)];

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
    out.push_str("/// The forms of `msg` in `lang` (one, or one per plural form), or `None` when that\n/// language leaves it untranslated.\n#[allow(clippy::too_many_lines)] // One line per message and language, generated.\nfn forms(lang: Lang, msg: Msg) -> Option<&'static [&'static str]> {\n    match lang {\n");
    for (code, variant, messages) in &catalogs {
        let _ = writeln!(out, "        Lang::{variant} => match msg {{");
        for (key, forms, _) in messages {
            assert!(
                source.iter().any(|(k, _, _)| k == key),
                "{code}.po: \"{key}\" is not a message of en.po"
            );
            if forms.is_empty() {
                continue;
            }
            let list: Vec<String> = forms.iter().map(|f| format!("{f:?}")).collect();
            let _ = writeln!(
                out,
                "            Msg::{} => Some(&[{}]),",
                camel(key),
                list.join(", ")
            );
        }
        out.push_str(
            "            #[allow(unreachable_patterns)]\n            _ => None,\n        },\n",
        );
    }
    out.push_str("    }\n}\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("strings.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

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
