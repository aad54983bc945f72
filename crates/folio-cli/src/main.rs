//! `folio`: builds Folio's post index from what a site owner has (a WordPress export, a
//! Markdown site, RSS, Atom or JSON feeds), and checks an index the way the reader will
//! read it.

// The docs name products (WordPress, GitHub) throughout; the readers are long matches
// over a format's fields, clearer whole than split; clap's flags are bools.
#![allow(
    clippy::doc_markdown,
    clippy::too_many_lines,
    clippy::struct_excessive_bools,
    clippy::single_match_else,
    clippy::large_enum_variant
)]

use clap::{Args, Parser, Subcommand};
use folio_cli::{
    authors, check, dates, detect, feeds, location, markdown, model, output, pages, sharded, wxr,
    From, Settings,
};
use indicatif::{ProgressBar, ProgressStyle};
use model::{Collected, Source};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Builds and checks the post index that the Folio reader shows",
    after_help = "Examples:\n  folio build export.xml -o site/\n  folio build my-hugo-site/ --site-url https://example.org/ -o dist/\n  folio build feed-2023.xml feed-2024.xml -o dist/\n  folio check dist/posts.json\n\nRun `folio build --help` or `folio check --help` for every option."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads exports, sites or feeds and writes DIR/posts.json (a JSON Feed 1.1).
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// Reads an index as the reader will, and reports every problem with its place.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
}

const BUILD_EXAMPLES: &str = "Inputs are recognised from their content: a WordPress export (WXR), \
a folder of Markdown (Hugo, Jekyll, Eleventy, Zola), an RSS or Atom file, or a JSON Feed. \
Several inputs are merged, and posts with the same id are kept once.

Examples:
  # WordPress: Tools → Export → All content, then
  folio build wordpress.2024-08-08.xml -o dist/
  # with the authors' bios, and their login emails published
  folio build export.xml --authors authors.toml --author-emails -o dist/
  # Hugo or Zola (content/posts/), Jekyll (_posts/) or Eleventy (posts/)
  folio build ~/my-site --site-url https://example.org/ -o dist/
  # several monthly RSS files, merged
  folio build feeds/*.xml -o dist/
  # a large archive: bodies in their own files, fetched when a post is opened
  folio build export.xml --split-bodies -o dist/

Exit status: 0 when every input was read; 1 when an input could not be read to its end
or was not recognised (what was read is still written); 2 for a usage error.";

const CHECK_HELP: &str = "Every problem is printed as FILE:LINE:COLUMN: message.

Exit status: 0 when the reader will show everything as it is; 1 when it will repair or
drop something (a missing title, a bad date, a repeated id, an unsafe URL, a renamed
slug); 2 when it cannot read the file at all.

Example:
  folio check dist/posts.json";

#[derive(Args)]
struct BuildArgs {
    /// Export files, site folders or feed files.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The folder to write posts.json (and bodies/) into.
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
    /// Read every input as this kind instead of recognising it.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    from: From,
    /// A TOML or JSON file of authors' bios, emails, avatars and links, by name.
    #[arg(long, value_name = "FILE")]
    authors: Option<PathBuf>,
    /// Publish the emails a WordPress export holds for its authors (their login
    /// emails, often private; left out by default).
    #[arg(long)]
    author_emails: bool,
    /// The author of posts that name none.
    #[arg(long = "author", value_name = "NAME")]
    default_authors: Vec<String>,
    /// The site's address: post addresses, and relative links and images in bodies,
    /// are made absolute against it.
    #[arg(long, value_name = "URL")]
    site_url: Option<String>,
    /// The archive's title (default: the source's).
    #[arg(long)]
    title: Option<String>,
    /// The archive's description (default: the source's).
    #[arg(long)]
    description: Option<String>,
    /// The archive's language, such as `en` or `fa` (default: the source's).
    #[arg(long)]
    language: Option<String>,
    /// The archive's icon URL.
    #[arg(long, value_name = "URL")]
    icon: Option<String>,
    /// The archive's small icon URL.
    #[arg(long, value_name = "URL")]
    favicon: Option<String>,
    /// Include drafts (and, in a WordPress export, pending and scheduled posts).
    #[arg(long)]
    drafts: bool,
    /// In a Markdown site, read posts from this folder (relative to the site; may be
    /// repeated) instead of the generator's usual one.
    #[arg(long, value_name = "DIR")]
    posts_dir: Vec<PathBuf>,
    /// The UTC offset of dates written without one, such as `+03:30` (default: what a
    /// WordPress export shows, else UTC).
    #[arg(long, value_name = "OFFSET", value_parser = parse_offset_arg)]
    utc_offset: Option<chrono::FixedOffset>,
    /// Write each body to its own file under bodies/, so posts.json holds titles,
    /// dates, excerpts and tags only.
    #[arg(long)]
    split_bodies: bool,
    /// Also write the archive as a sharded index under DIR/index/ (format 1, see
    /// docs/index-format.md): readers then download only what each view needs. Point
    /// the app at index/manifest.json instead of posts.json. Worth it past a few
    /// thousand posts; the summary suggests it from 5,000 posts.
    #[arg(long)]
    sharded: bool,
    /// Also write every post and list page as static HTML (posts/SLUG/, page/N/),
    /// with sitemap.xml, robots.txt and feed.atom: for link previews, search engines
    /// and readers without JavaScript. The app, when it runs, takes each page over.
    /// Needs --public-url (or --site-url).
    #[arg(long)]
    pages: bool,
    /// Where DIR is published (such as https://example.org/archive/): the pages'
    /// canonical and preview addresses. Defaults to --site-url.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// With --pages: pages for the newest N posts only (and the list pages that show
    /// them), to stay under a host's file limit. Older posts are still in the app.
    #[arg(long, value_name = "N")]
    pages_newest: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The index to check (a JSON Feed, such as dist/posts.json).
    #[arg(value_name = "FEED")]
    feed: PathBuf,
    /// Print only the summary line.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_offset_arg(text: &str) -> Result<chrono::FixedOffset, String> {
    dates::parse_offset(text)
        .ok_or_else(|| format!("\"{text}\" is not a UTC offset such as +03:30 or -0500"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check::run(&args.feed, args.quiet),
    }
}

/// Prints a line on stderr unless quiet.
struct Reporter {
    quiet: bool,
    bar: Option<ProgressBar>,
}

impl Reporter {
    fn new(quiet: bool) -> Self {
        Self { quiet, bar: None }
    }
    fn progress(&mut self, label: &str, total: u64, bytes: bool) -> Option<ProgressBar> {
        if self.quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let template = if bytes {
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})"
        } else {
            "{msg} [{bar:30}] {pos}/{len}"
        };
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_owned());
        self.bar = Some(bar.clone());
        Some(bar)
    }
    fn done(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let settings = Settings {
        author_emails: args.author_emails,
        drafts: args.drafts,
        site_url: args.site_url.as_ref().map(|u| {
            if u.ends_with('/') {
                u.clone()
            } else {
                format!("{u}/")
            }
        }),
        utc_offset: args.utc_offset,
        posts_dirs: args.posts_dir.clone(),
        default_authors: args.default_authors.clone(),
        title: args.title.clone(),
        description: args.description.clone(),
        language: args.language.clone(),
        icon: args.icon.clone(),
        favicon: args.favicon.clone(),
        split_bodies: args.split_bodies,
    };
    let public_url = args.public_url.as_ref().or(args.site_url.as_ref());
    let public_url = match (args.pages, public_url.map(|u| url::Url::parse(u))) {
        (false, _) => None,
        (true, Some(Ok(url))) if url.scheme() == "http" || url.scheme() == "https" => Some(url),
        (true, Some(_)) => {
            eprintln!("folio: --public-url must be an absolute http(s) URL (such as https://example.org/archive/)");
            return ExitCode::from(2);
        }
        (true, None) => {
            eprintln!(
                "folio: --pages needs the address DIR is published at, for canonical links and previews: add --public-url https://example.org/archive/"
            );
            return ExitCode::from(2);
        }
    };
    if let Some(url) = &settings.site_url {
        if url::Url::parse(url).is_err() {
            eprintln!(
                "folio: --site-url \"{url}\" is not an absolute URL (such as https://example.org/)"
            );
            return ExitCode::from(2);
        }
    }
    let mut collected = Collected {
        preparation: model::Preparation {
            site_url: settings.site_url.clone(),
            split_bodies: settings.split_bodies,
            default_authors: settings.default_authors.clone(),
        },
        ..Collected::default()
    };
    // Bodies wait on disk, not in memory, until the index is written.
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "folio: {}: cannot create the folder: {e}",
            args.out.display()
        );
        return ExitCode::from(1);
    }
    match tempfile::tempfile_in(&args.out) {
        Ok(file) => collected.spool = Some(model::Spool::new(file)),
        Err(e) => eprintln!(
            "folio: cannot make a temporary file in {} ({e}); bodies stay in memory",
            args.out.display()
        ),
    }
    if let Some(path) = &args.authors {
        match authors::load(path) {
            Ok(list) => list.into_iter().for_each(|a| collected.describe_author(a)),
            Err(message) => {
                eprintln!("folio: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let mut reporter = Reporter::new(args.quiet);
    let mut input_bytes = 0u64;
    for input in &args.inputs {
        input_bytes += input_size(input);
        if let Err(message) = read_input(input, args.from, &settings, &mut collected, &mut reporter)
        {
            reporter.done();
            eprintln!("folio: {message}");
            collected.failures += 1;
        }
        reporter.done();
    }

    let mut problems = std::mem::take(&mut collected.problems);
    location::resolve(&mut problems);
    for problem in &problems {
        eprintln!("{}: {}", problem.source, problem.message);
    }
    let skipped = collected.skipped.clone();
    let failures = collected.failures;
    if failures > 0 && collected.entries.is_empty() {
        eprintln!(
            "folio: nothing could be read, so {} is left as it was",
            args.out.join("posts.json").display()
        );
        return ExitCode::from(1);
    }
    let built = match output::write(collected, &settings, &args.out) {
        Ok(built) => built,
        Err(message) => {
            eprintln!("folio: {message}");
            return ExitCode::from(1);
        }
    };
    if !args.quiet {
        eprintln!("{}", summary(&built, &skipped, input_bytes, started));
        if !args.sharded && built.posts >= SHARDED_HINT_POSTS {
            eprintln!(
                "folio: hint: {} posts make a large posts.json for every reader to download; \
                 --sharded writes an index they fetch piece by piece",
                built.posts
            );
        }
    }
    if args.sharded {
        match sharded::write(&args.out) {
            Ok(line) if !args.quiet => eprintln!("{line}"),
            Ok(_) => {}
            Err(message) => {
                eprintln!("folio: {message}");
                return ExitCode::from(1);
            }
        }
    }
    if let Some(url) = &public_url {
        match pages::write(&args.out, url, args.pages_newest) {
            Ok(done) if !args.quiet => eprintln!(
                "folio: static pages: {} pages, {}; {:.1} MB",
                done.pages,
                if done.written == 0 {
                    "files unchanged".to_owned()
                } else {
                    format!(
                        "{} files written, {} unchanged",
                        done.written, done.unchanged
                    )
                },
                bytes_mb(done.bytes)
            ),
            Ok(_) => {}
            Err(message) => {
                eprintln!("folio: {message}");
                return ExitCode::from(1);
            }
        }
    }
    if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[allow(clippy::cast_precision_loss)] // Sizes far below 2^52.
fn bytes_mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// From this many posts, a build without `--sharded` suggests it: about 8 MB of feed.
const SHARDED_HINT_POSTS: usize = 5_000;

fn summary(
    built: &output::Built,
    skipped: &std::collections::BTreeMap<String, usize>,
    input_bytes: u64,
    started: Instant,
) -> String {
    let (written, unchanged, bytes) = (built.written, built.unchanged, built.bytes);
    let seconds = started.elapsed().as_secs_f64();
    let skipped_total: usize = skipped.values().sum();
    let skipped_text = if skipped.is_empty() {
        "none skipped".to_owned()
    } else {
        let reasons: Vec<String> = skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
        format!("{skipped_total} skipped ({})", reasons.join(", "))
    };
    let duplicates = if built.duplicates > 0 {
        format!(", {} duplicate ids merged", built.duplicates)
    } else {
        String::new()
    };
    let files = if unchanged > 0 && written == 0 {
        format!("{unchanged} files unchanged")
    } else if unchanged > 0 {
        format!("{written} files written, {unchanged} unchanged")
    } else {
        format!("{written} files written")
    };
    let memory = peak_memory_mb()
        .map(|mb| format!(", peak memory {mb} MB"))
        .unwrap_or_default();
    let rate = if seconds > 0.0 {
        #[allow(clippy::cast_precision_loss)]
        let rate = built.posts as f64 / seconds;
        format!(" ({rate:.0} posts/s)")
    } else {
        String::new()
    };
    format!(
        "folio: {} posts, {skipped_text}{duplicates}; {} authors, {} tags; {files}, {} (from {}) in {seconds:.2} s{rate}{memory}",
        built.posts,
        built.authors,
        built.tags,
        human_bytes(bytes),
        human_bytes(input_bytes),
    )
}

fn human_bytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if b >= 1_048_576.0 {
        format!("{:.1} MB", b / 1_048_576.0)
    } else if b >= 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The size of a file, or of every file in a folder (hidden folders, links and
/// dependencies left out, as the readers leave them out).
fn input_size(path: &Path) -> u64 {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if path.is_dir() {
        if is_link || (name.starts_with('.') && name.len() > 1) || name == "node_modules" {
            return 0;
        }
        std::fs::read_dir(path).map_or(0, |entries| {
            entries.flatten().map(|e| input_size(&e.path())).sum()
        })
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// The process's peak resident memory, where the system reports it (Linux).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn read_input(
    input: &Path,
    from: From,
    settings: &Settings,
    out: &mut Collected,
    reporter: &mut Reporter,
) -> Result<(), String> {
    let kind = if from == From::Auto {
        detect::detect(input)?
    } else {
        from
    };
    match kind {
        From::Markdown => {
            if !input.is_dir() {
                return Err(format!(
                    "{}: a Markdown site must be a folder",
                    input.display()
                ));
            }
            let bar = reporter.progress("reading Markdown", 0, false);
            markdown::read(input, settings, out, |done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                }
            });
            Ok(())
        }
        From::Jsonfeed => {
            let text = std::fs::read_to_string(input)
                .map_err(|e| format!("{}: cannot read: {e}", input.display()))?;
            feeds::read_json(input, &text, settings, out)
        }
        From::Wxr | From::Rss | From::Atom => {
            let file = std::fs::File::open(input)
                .map_err(|e| format!("{}: cannot read: {e}", input.display()))?;
            let size = file.metadata().map_or(0, |m| m.len());
            let bar = reporter.progress("reading", size, true);
            let counting = CountingReader {
                inner: file,
                bar: bar.clone(),
            };
            let reader = std::io::BufReader::with_capacity(1 << 16, counting);
            let result = if kind == From::Wxr {
                wxr::read(input, reader, settings, out)
            } else {
                feeds::read_xml(input, reader, settings, out)
            };
            result.map_err(|err| {
                let mut problem = [model::Problem {
                    source: Source::at(input, err.offset),
                    message: String::new(),
                }];
                location::resolve(&mut problem);
                format!(
                    "{}: {}; stopped reading there (the posts before it are kept)",
                    problem[0].source, err.message
                )
            })
        }
        From::Auto => Err(format!(
            "{}: could not tell what kind of input this is",
            input.display()
        )),
    }
}

/// Moves the progress bar as the file is read.
struct CountingReader<R> {
    inner: R,
    bar: Option<ProgressBar>,
}

impl<R: std::io::Read> std::io::Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        Ok(n)
    }
}
