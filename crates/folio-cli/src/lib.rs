//! The `folio` command's readers and writers, as a library so that the fuzz targets
//! (`fuzz/`) and their replay test reach the same code the command runs. It is not a
//! published API: the command in `main.rs` is its one user.

// As in main.rs: product names in docs, long format matches, clap's flags. Errors and
// panics are documented where they matter to the command, not on every item.
#![allow(
    clippy::doc_markdown,
    clippy::too_many_lines,
    clippy::struct_excessive_bools,
    clippy::single_match_else,
    clippy::large_enum_variant,
    clippy::missing_errors_doc,
    clippy::missing_panics_doc
)]

use clap::ValueEnum;
use std::path::PathBuf;

pub mod authors;
pub mod check;
pub mod dates;
pub mod detect;
pub mod feeds;
pub mod location;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod sanitize;
pub mod sharded;
pub mod urls;
pub mod wp_content;
pub mod wxr;
pub mod xml;

pub mod fuzzing;

/// The kind of input, from `--from` or recognised from the content.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum From {
    Auto,
    Wxr,
    Markdown,
    Rss,
    Atom,
    Jsonfeed,
}

/// What every reader needs from the command line.
#[derive(Debug, Default, Clone)]
pub struct Settings {
    pub author_emails: bool,
    pub drafts: bool,
    pub site_url: Option<String>,
    pub utc_offset: Option<chrono::FixedOffset>,
    pub posts_dirs: Vec<PathBuf>,
    pub default_authors: Vec<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub icon: Option<String>,
    pub favicon: Option<String>,
    pub split_bodies: bool,
}
