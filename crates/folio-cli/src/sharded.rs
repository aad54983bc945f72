//! `--sharded`: the index just written, split into format-1 chunks under `DIR/index/`
//! by `folio-core`'s writer (the same code a reader's tests check against search).

use folio_core::search::SearchIndex;
use folio_core::shard::{self, Options};
use folio_core::Archive;
use std::collections::HashSet;
use std::path::Path;

/// The folder, under the output folder, that the sharded index goes to.
pub const INDEX_DIR: &str = "index";

/// The names of the files a build wrote, kept for the next build (hosts need not serve
/// it).
const BUILD_FILES: &str = ".folio-build-files";

/// Reads `out/posts.json` back and writes `out/index/`. Returns the summary line.
pub fn write(out: &Path) -> Result<String, String> {
    let feed = out.join("posts.json");
    let text = std::fs::read_to_string(&feed)
        .map_err(|e| format!("{}: cannot read: {e}", feed.display()))?;
    let archive = Archive::from_json(&text).map_err(|e| format!("{}: {e}", feed.display()))?;
    drop(text);
    let index = SearchIndex::build(&archive);
    let options = Options {
        // Relative URLs in the feed are relative to posts.json, one folder up.
        base: Some("../".to_owned()),
        ..Options::default()
    };
    let folder = out.join(INDEX_DIR);
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("{}: cannot create the folder: {e}", folder.display()))?;
    let mut written = 0;
    let mut names = HashSet::new();
    let mut failure = None;
    // Each file is written as the writer makes it, so a large archive's chunks are never
    // all held at once. Files are named by their content: one already there is left be.
    shard::write_each(&archive, &index, &options, &mut |(name, content)| {
        if failure.is_some() {
            return;
        }
        let path = folder.join(&name);
        names.insert(name.clone());
        if std::fs::read(&path).is_ok_and(|old| old == content) {
            return;
        }
        let partial = folder.join(format!("{name}.partial"));
        match std::fs::write(&partial, &content).and_then(|()| std::fs::rename(&partial, &path)) {
            Ok(()) => written += 1,
            Err(e) => failure = Some(format!("{}: cannot write: {e}", path.display())),
        }
    });
    if let Some(failure) = failure {
        return Err(failure);
    }
    // Chunks that neither this build nor the one before it names. The previous build's
    // stay for one more deploy: a reader who loaded its manifest a moment ago can still
    // open a post.
    let list = folder.join(BUILD_FILES);
    let previous: HashSet<String> = std::fs::read_to_string(&list)
        .map(|text| text.lines().map(str::to_owned).collect())
        .unwrap_or_default();
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name != BUILD_FILES && !names.contains(&name) && !previous.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort();
    let mut listing = String::new();
    for name in sorted {
        listing.push_str(name);
        listing.push('\n');
    }
    std::fs::write(&list, listing).map_err(|e| format!("{}: cannot write: {e}", list.display()))?;
    let bytes: u64 = names
        .iter()
        .filter_map(|n| std::fs::metadata(folder.join(n)).ok())
        .map(|m| m.len())
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let megabytes = bytes as f64 / 1_048_576.0;
    Ok(format!(
        "folio: sharded index in {}: {} files ({written} written), {megabytes:.1} MB",
        folder.display(),
        names.len(),
    ))
}
