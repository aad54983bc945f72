//! Sanitizing untrusted post HTML with the browser's own parser.
//!
//! The feed's HTML is parsed by `DOMParser` into an inert document (no scripts run and
//! nothing loads there). A walk over the parsed tree then builds fresh nodes in the live
//! document, copying only allowlisted elements and attributes and checking every URL.
//! The built nodes are inserted directly and never turned back into a string, so there
//! is no re-parse for an attacker to exploit. This costs a few KB of wasm instead of the
//! hundreds an HTML sanitizer crate would add.

pub use folio_core::sanitize_policy::BODY_ID_PREFIX;
use folio_core::sanitize_policy::{
    attribute_value, element_attributes, renamed, rewrite_href, ALLOWED_ELEMENTS, DROPPED_ELEMENTS,
    GLOBAL_ATTRIBUTES, IMAGE_ATTRIBUTES, LINK_REL,
};
use folio_core::url_policy::{is_safe_image, is_safe_link};
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, DomParser, Element, Node, SupportedType};

/// Parses `html` and returns a fragment of clean nodes owned by the live document, or
/// `None` when the browser offers no document (never in a page). Relative links and
/// images are resolved against `base` (the URL the HTML came from), when given. The
/// post's title is a heading at level `top`, so the body's headings go below it.
pub fn sanitize_html(html: &str, base: Option<&str>, top: u8) -> Option<DocumentFragment> {
    let live = web_sys::window()?.document()?;
    let parsed = DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    let fragment = live.create_document_fragment();
    if let Some(body) = parsed.body() {
        copy_children(&live, &body, &fragment, top);
    }
    if let Some(base) = base {
        resolve_relative(&fragment, base);
    }
    Some(fragment)
}

/// Rewrites relative `href`, `src` and `cite` values under `root` against `base`. Runs
/// on clean nodes only, after the scheme checks. Only a web base is used, and each
/// result is checked again, so resolving can never produce a URL the checks refused.
fn resolve_relative(root: &DocumentFragment, base: &str) {
    let web_base = web_sys::Url::new(base)
        .is_ok_and(|url| matches!(url.protocol().as_str(), "http:" | "https:"));
    if !web_base {
        return;
    }
    let Ok(nodes) = root.query_selector_all("[href], [src], [cite]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        for attr in ["href", "src", "cite"] {
            let Some(value) = element.get_attribute(attr) else {
                continue;
            };
            if !folio_core::url_policy::is_relative(&value) {
                continue;
            }
            let resolved = web_sys::Url::new_with_base(&value, base).map(|url| url.href());
            let safe = if attr == "src" {
                is_safe_image
            } else {
                is_safe_link
            };
            match resolved {
                Ok(url) if safe(&url) => {
                    let _ = element.set_attribute(attr, &url);
                }
                _ => {
                    let _ = element.remove_attribute(attr);
                }
            }
        }
    }
}

fn copy_children(live: &Document, from: &Node, to: &Node, top: u8) {
    let children = from.child_nodes();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            copy_node(live, &child, to, top);
        }
    }
}

fn copy_node(live: &Document, node: &Node, to: &Node, top: u8) {
    match node.node_type() {
        Node::TEXT_NODE => {
            if let Some(text) = node.text_content() {
                let _ = to.append_child(&live.create_text_node(&text));
            }
        }
        Node::ELEMENT_NODE => {
            let Some(element) = node.dyn_ref::<Element>() else {
                return;
            };
            let name = element.local_name().to_ascii_lowercase();
            if DROPPED_ELEMENTS.contains(&name.as_str()) {
                return;
            }
            // Headings inside a post go below its title.
            let out_name = renamed(&name, top);
            if !ALLOWED_ELEMENTS.contains(&out_name) {
                // Unknown wrappers (section, font, center…) are unwrapped: keep the text.
                copy_children(live, node, to, top);
                return;
            }
            let Ok(clean) = live.create_element(out_name) else {
                return;
            };
            copy_attributes(element, &clean, out_name);
            copy_children(live, node, &clean, top);
            let _ = to.append_child(&clean);
        }
        // Comments, processing instructions and the rest carry nothing to show.
        _ => {}
    }
}

fn copy_attributes(from: &Element, to: &Element, name: &str) {
    for attr in GLOBAL_ATTRIBUTES.iter().chain(element_attributes(name)) {
        let value = from.get_attribute(attr);
        if let Some(value) = value.and_then(|v| attribute_value(name, attr, &v)) {
            let _ = to.set_attribute(attr, &value);
        }
    }
    // Footnote targets: an id, or an old-style `<a name>`, kept under the prefix.
    let own_id = from
        .get_attribute("id")
        .or_else(|| (name == "a").then(|| from.get_attribute("name")).flatten())
        .filter(|id| !id.trim().is_empty());
    if let Some(id) = own_id {
        let _ = to.set_attribute("id", &format!("{BODY_ID_PREFIX}{}", id.trim()));
    }
    match name {
        "a" => {
            let href = from.get_attribute("href").filter(|h| is_safe_link(h));
            if let Some(href) = href.as_deref().and_then(rewrite_href) {
                let _ = to.set_attribute("href", &href);
            }
            let _ = to.set_attribute("rel", LINK_REL);
        }
        "img" => {
            if let Some(src) = from.get_attribute("src").filter(|s| is_safe_image(s)) {
                let _ = to.set_attribute("src", src.trim());
            }
            for (attr, value) in IMAGE_ATTRIBUTES {
                let _ = to.set_attribute(attr, value);
            }
            if from.get_attribute("alt").is_none() {
                let _ = to.set_attribute("alt", "");
            }
        }
        "blockquote" | "q" | "del" | "ins" => {
            if let Some(cite) = from.get_attribute("cite").filter(|c| is_safe_link(c)) {
                let _ = to.set_attribute("cite", cite.trim());
            }
        }
        _ => {}
    }
}
