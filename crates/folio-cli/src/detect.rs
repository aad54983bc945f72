//! Recognising an input from its content, not its name.

use crate::From;
use std::io::Read;
use std::path::Path;

/// What kind of input `path` is, or a message saying what it looks like instead.
pub fn detect(path: &Path) -> Result<From, String> {
    if path.is_dir() {
        return if crate::markdown::looks_like_site(path) {
            Ok(From::Markdown)
        } else {
            Err(format!(
                "{}: a folder with no Markdown files (.md) in it",
                path.display()
            ))
        };
    }
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(path)
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    classify(&head).map_err(|looks_like| {
        format!(
            "{}: not a WordPress export, an RSS, Atom or JSON feed, or a Markdown folder; it looks like {looks_like}",
            path.display()
        )
    })
}

/// Classifies the first bytes of a file.
pub fn classify(head: &[u8]) -> Result<From, String> {
    if head.starts_with(b"PK\x03\x04") {
        return Err("a ZIP archive (unpack it first)".into());
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Err("a gzip-compressed file (unpack it first, e.g. with gunzip)".into());
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        return Ok(From::Jsonfeed);
    }
    if text.starts_with('[') {
        return Err("a JSON list, not a JSON Feed object".into());
    }
    if !text.starts_with('<') {
        let printable = text
            .chars()
            .take(200)
            .filter(|c| c.is_control() && !c.is_whitespace())
            .count()
            == 0;
        return Err(if printable {
            "plain text".into()
        } else {
            "binary data".into()
        });
    }
    let lower = text.to_ascii_lowercase();
    if let Some(encoding) = declared_encoding(&lower).filter(|e| e != "utf-8" && e != "utf8") {
        return Err(format!(
            "XML in the {encoding} encoding; folio reads UTF-8 only (convert it first, e.g. iconv -f {encoding} -t UTF-8 in.xml > out.xml)"
        ));
    }
    // The root element: the first tag that is not a declaration, comment or doctype.
    let mut rest = lower.as_str();
    loop {
        let Some(lt) = rest.find('<') else {
            return Err("XML without a root element".into());
        };
        rest = &rest[lt..];
        if rest.starts_with("<?")
            || rest.starts_with("<!--")
            || rest.starts_with("<!doctype") && !rest.starts_with("<!doctype html")
        {
            rest = &rest[rest.find('>').map_or(rest.len(), |p| p + 1)..];
            continue;
        }
        break;
    }
    if rest.starts_with("<!doctype html") || rest.starts_with("<html") {
        return Err(
            "an HTML page (a feed's address often answers with one when the feed is missing)"
                .into(),
        );
    }
    if rest.starts_with("<rss") {
        let is_wxr = lower.contains("wordpress.org/export/")
            || lower.contains("<wp:wxr_version")
            || lower.contains("xmlns:wp=");
        return Ok(if is_wxr { From::Wxr } else { From::Rss });
    }
    if rest.starts_with("<rdf:rdf") {
        return Ok(From::Rss);
    }
    if rest.starts_with("<feed") {
        return Ok(From::Atom);
    }
    let name: String = rest[1..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>')
        .collect();
    Err(format!("XML whose root element is <{name}>"))
}

/// The `encoding` of an XML declaration (`<?xml version="1.0" encoding="…"?>`).
fn declared_encoding(lower: &str) -> Option<String> {
    let declaration = &lower[..lower.find("?>")?];
    let at = declaration.find("encoding")?;
    let value = declaration[at + 8..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let end = value[1..].find(quote)?;
    Some(value[1..=end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_recognised_by_content() {
        assert_eq!(classify(br#"<?xml version="1.0"?><!-- x --><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">"#), Ok(From::Wxr));
        assert_eq!(
            classify(b"\xef\xbb\xbf <rss version=\"2.0\"><channel>"),
            Ok(From::Rss)
        );
        assert_eq!(
            classify(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Ok(From::Atom)
        );
        assert_eq!(
            classify(b"  {\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            Ok(From::Jsonfeed)
        );
    }

    #[test]
    fn other_files_say_what_they_look_like() {
        assert!(classify(b"<!DOCTYPE html><html>")
            .unwrap_err()
            .contains("HTML page"));
        assert!(classify(b"PK\x03\x04rest").unwrap_err().contains("ZIP"));
        assert!(classify(b"<svg xmlns='x'>").unwrap_err().contains("<svg"));
        assert!(classify(b"hello there").unwrap_err().contains("plain text"));
        let latin = classify(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>").unwrap_err();
        assert!(
            latin.contains("iso-8859-1") && latin.contains("UTF-8 only"),
            "{latin}"
        );
        assert_eq!(
            classify(b"<?xml version='1.0' encoding='UTF-8'?><feed>"),
            Ok(From::Atom)
        );
    }
}
