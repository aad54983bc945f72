//! Marking search matches inside an already-sanitized post body.

use folio_core::query::Query;
use wasm_bindgen::JsCast;
use web_sys::{Document, Node};

/// Wraps every word of the text under `root` that matches `query` in `<mark>`.
/// Only text nodes are split; elements and attributes are left as they are.
pub fn mark_matches(document: &Document, root: &Node, query: &Query) {
    if query.is_empty() {
        return;
    }
    let children = root.child_nodes();
    // Collect first: replacing nodes while walking the live list would skip some.
    let nodes: Vec<Node> = (0..children.length())
        .filter_map(|i| children.item(i))
        .collect();
    for node in nodes {
        match node.node_type() {
            Node::TEXT_NODE => mark_text(document, &node, query),
            Node::ELEMENT_NODE => {
                let is_mark = node
                    .dyn_ref::<web_sys::Element>()
                    .is_some_and(|el| el.local_name() == "mark");
                if !is_mark {
                    mark_matches(document, &node, query);
                }
            }
            _ => {}
        }
    }
}

fn mark_text(document: &Document, node: &Node, query: &Query) {
    let Some(text) = node.text_content() else {
        return;
    };
    let pieces = query.segments(&text);
    if !pieces.iter().any(|&(_, marked)| marked) {
        return;
    }
    let Some(parent) = node.parent_node() else {
        return;
    };
    let fragment = document.create_document_fragment();
    for (piece, marked) in pieces {
        if marked {
            if let Ok(mark) = document.create_element("mark") {
                mark.set_class_name("folio-mark");
                mark.set_text_content(Some(piece));
                let _ = fragment.append_child(&mark);
            }
        } else {
            let _ = fragment.append_child(&document.create_text_node(piece));
        }
    }
    let _ = parent.replace_child(&fragment, node);
}
