//! Streaming XML: the document is read one record at a time (an RSS `<item>`, an Atom
//! `<entry>`, a WXR `<wp:author>`), each record as a small tree, so a 500 MB export never
//! sits in memory at once.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::BufRead;

/// One element and what it holds, in document order.
#[derive(Debug, Default, Clone)]
pub struct Node {
    /// The qualified name as written (`wp:post_name`, `content:encoded`, `entry`).
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
    /// Byte offset of the element's start tag in the file.
    pub offset: u64,
}

#[derive(Debug, Clone)]
pub enum Child {
    Text(String),
    Element(Node),
}

impl Node {
    /// The name without its namespace prefix.
    pub fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// The element's own text (text and CDATA children, joined), untrimmed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            if let Child::Text(t) = child {
                out.push_str(t);
            }
        }
        out
    }

    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// The first child element with this qualified name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|e| e.name == name)
    }

    /// Child elements with this qualified name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// The trimmed text of the first child with this name, when not empty.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|c| c.text().trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element's content written back as markup, for Atom's `type="xhtml"`.
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Child::Text(t) => out.push_str(&escape_text(t)),
                Child::Element(e) => e.write_markup(&mut out),
            }
        }
        out
    }

    fn write_markup(&self, out: &mut String) {
        let name = self.local_name();
        out.push('<');
        out.push_str(name);
        for (k, v) in &self.attrs {
            if k == "xmlns" || k.starts_with("xmlns:") {
                continue;
            }
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            out.push_str(&escape_text(v).replace('"', "&quot;"));
            out.push('"');
        }
        out.push('>');
        out.push_str(&self.inner_markup());
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

/// Escapes text for HTML.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A reading error with the byte offset where it was found.
#[derive(Debug)]
pub struct XmlError {
    pub offset: u64,
    pub message: String,
}

/// What the walk saw at the top of the document.
#[derive(Debug, Default, Clone)]
pub struct Root {
    /// The root element's qualified name (`rss`, `feed`, `rdf:RDF`).
    pub name: String,
}

/// Reads a document and hands `record` every element whose parent is the root or, in
/// RSS, the `<channel>`: each `<item>`, `<entry>`, `<title>`, `<wp:author>` and so on.
/// `on_root` is called once with the root element, before any record; returning `false`
/// stops the walk (the document is not the kind the caller reads).
pub fn walk<R: BufRead>(
    source: R,
    mut on_root: impl FnMut(&Root) -> bool,
    mut record: impl FnMut(Node),
) -> Result<(), XmlError> {
    let mut reader = Reader::from_reader(source);
    reader.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut record_buf = Vec::new();
    // Open containers: the root, then `channel` in RSS.
    let mut depth = 0usize;
    let mut root_name = String::new();
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| error_at(&reader, &e))?;
        match event {
            Event::Start(start) => {
                let name = start.name().as_ref().to_owned();
                if depth == 0 {
                    let root = Root { name: name.clone() };
                    if !on_root(&root) {
                        return Ok(());
                    }
                    root_name = name;
                    depth = 1;
                } else if depth == 1 && name == "channel" && root_name == "rss" {
                    depth = 2;
                } else {
                    let node = collect(&mut reader, &start, before, &mut record_buf)?;
                    record(node);
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
            }
            Event::Eof => {
                if depth > 0 {
                    return Err(XmlError {
                        offset: reader.buffer_position(),
                        message: format!("the document ends before </{root_name}>"),
                    });
                }
                return Ok(());
            }
            _ => {}
        }
        buf.clear();
    }
}

fn attributes(start: &BytesStart) -> Vec<(String, String)> {
    start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), std::borrow::Cow::into_owned);
            (a.key.as_ref().to_owned(), value)
        })
        .collect()
}

fn error_at<R>(reader: &Reader<R>, err: &quick_xml::Error) -> XmlError {
    XmlError {
        offset: reader.error_position(),
        message: describe(err),
    }
}

fn describe(err: &quick_xml::Error) -> String {
    use quick_xml::errors::{Error, IllFormedError};
    match err {
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("expected </{expected}> but found </{found}>")
        }
        Error::IllFormed(IllFormedError::MissingEndTag(name)) => {
            format!("<{name}> is never closed")
        }
        Error::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("</{name}> closes nothing")
        }
        other => other.to_string(),
    }
}

/// Elements nested deeper than this inside one record are read as their text only, so
/// hostile nesting can neither exhaust the stack nor build a tree that deep.
const MAX_DEPTH: usize = 256;

/// Reads the rest of the element that `start` opened, as a tree.
fn collect<R: BufRead>(
    reader: &mut Reader<R>,
    start: &BytesStart,
    offset: u64,
    buf: &mut Vec<u8>,
) -> Result<Node, XmlError> {
    let mut stack = vec![Node {
        name: start.name().as_ref().to_owned(),
        attrs: attributes(start),
        children: Vec::new(),
        offset,
    }];
    let mut flattened = 0usize;
    loop {
        buf.clear();
        let before = reader.buffer_position();
        let event = reader
            .read_event_into(buf)
            .map_err(|e| error_at(reader, &e))?;
        match event {
            Event::Start(_) if stack.len() >= MAX_DEPTH => flattened += 1,
            Event::End(_) if flattened > 0 => flattened -= 1,
            Event::Start(e) => {
                let offset = before;
                stack.push(Node {
                    name: e.name().as_ref().to_owned(),
                    attrs: attributes(&e),
                    children: Vec::new(),
                    offset,
                });
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    break;
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Child::Element(done)),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => push_text(
                &mut stack,
                &t.xml_content(quick_xml::XmlVersion::Implicit1_0),
            ),
            Event::CData(t) => push_text(
                &mut stack,
                &t.xml_content(quick_xml::XmlVersion::Implicit1_0),
            ),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    _ => {
                        let name = r.xml_content(quick_xml::XmlVersion::Implicit1_0);
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .map_or_else(|| format!("&{name};"), str::to_owned)
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => {
                let name = stack.first().map(|n| n.name.clone()).unwrap_or_default();
                return Err(XmlError {
                    offset: reader.buffer_position(),
                    message: format!("the document ends inside <{name}>"),
                });
            }
            _ => {}
        }
    }
    Err(XmlError {
        offset: reader.buffer_position(),
        message: "unbalanced elements".into(),
    })
}

fn push_text(stack: &mut [Node], text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(node) = stack.last_mut() {
        if let Some(Child::Text(last)) = node.children.last_mut() {
            last.push_str(text);
        } else {
            node.children.push(Child::Text(text.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(xml: &str) -> (Root, Vec<Node>) {
        let mut root = Root::default();
        let mut nodes = Vec::new();
        walk(
            xml.as_bytes(),
            |r| {
                root = r.clone();
                true
            },
            |n| nodes.push(n),
        )
        .expect("well-formed");
        (root, nodes)
    }

    #[test]
    fn rss_records_are_the_channels_children() {
        let (root, nodes) = records(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T &amp; U</title>
            <item><title><![CDATA[A <b>b</b>]]></title><category domain="post_tag">x</category></item>
            </channel></rss>"#,
        );
        assert_eq!(root.name, "rss");
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].text(), "T & U");
        assert_eq!(nodes[1].child_text("title").as_deref(), Some("A <b>b</b>"));
        assert_eq!(
            nodes[1].child("category").and_then(|c| c.attr("domain")),
            Some("post_tag")
        );
    }

    #[test]
    fn xhtml_content_is_written_back_as_markup() {
        let (_, nodes) = records(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a &lt; b <a href="/x?a=1&amp;b=2">l</a></p></div></content></entry></feed>"#,
        );
        let content = nodes[0].child("content").expect("content");
        assert_eq!(
            content.inner_markup(),
            r#"<div><p>a &lt; b <a href="/x?a=1&amp;b=2">l</a></p></div>"#
        );
    }

    #[test]
    fn deep_nesting_is_flattened_not_fatal() {
        let depth = 100_000;
        let xml = format!(
            "<rss><channel><item><description>{}x{}</description></item></channel></rss>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        let (_, nodes) = records(&xml);
        let description = nodes[0].child("description").expect("description");
        assert!(description.inner_markup().contains('x'));
    }

    #[test]
    fn record_offsets_point_at_the_start_tag() {
        let xml = "<rss><channel>\n  <item><title>x</title></item></channel></rss>";
        let (_, nodes) = records(xml);
        assert_eq!(
            &xml[usize::try_from(nodes[0].offset).unwrap_or(0)..][..6],
            "<item>"
        );
    }

    #[test]
    fn errors_carry_the_offset() {
        let xml = "<rss><channel><item><title>x</wrong></item></channel></rss>";
        let err = walk(xml.as_bytes(), |_| true, |_| {}).expect_err("mismatched");
        assert!(err.message.contains("title"), "{}", err.message);
        assert!(err.offset > 20 && err.offset < 40, "{}", err.offset);
        let truncated = "<rss><channel><item><title>x</title>";
        let err = walk(truncated.as_bytes(), |_| true, |_| {}).expect_err("truncated");
        assert!(err.message.contains("item"), "{}", err.message);
    }
}
