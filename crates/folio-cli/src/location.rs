//! Byte offsets to lines and columns, for messages about large files: one pass over the
//! file however many places are asked for.

use crate::model::{Place, Problem};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Line and column (both from 1; columns count characters) of each offset in `text`.
pub fn locate_in(text: &[u8], offsets: &[u64]) -> Vec<(usize, usize)> {
    let mut sorted: Vec<(u64, usize)> = offsets.iter().copied().zip(0..).collect();
    sorted.sort_unstable();
    let mut out = vec![(1, 1); offsets.len()];
    let mut line = 1;
    let mut column = 1;
    let mut next = 0;
    for (pos, &byte) in (0u64..).zip(text.iter()) {
        while next < sorted.len() && sorted[next].0 == pos {
            out[sorted[next].1] = (line, column);
            next += 1;
        }
        if next == sorted.len() {
            return out;
        }
        if byte == b'\n' {
            line += 1;
            column = 1;
        } else if byte & 0xC0 != 0x80 {
            column += 1;
        }
    }
    for &(_, index) in &sorted[next..] {
        out[index] = (line, column);
    }
    out
}

/// Rewrites every offset in `problems` as a line and column, reading each file once.
pub fn resolve(problems: &mut [Problem]) {
    let mut by_file: BTreeMap<std::path::PathBuf, Vec<usize>> = BTreeMap::new();
    for (index, problem) in problems.iter().enumerate() {
        if let Place::Offset(_) = problem.source.place {
            by_file
                .entry(problem.source.file.clone())
                .or_default()
                .push(index);
        }
    }
    for (file, indices) in by_file {
        let offsets: Vec<u64> = indices
            .iter()
            .map(|&i| match problems[i].source.place {
                Place::Offset(o) => o,
                _ => 0,
            })
            .collect();
        let Some(places) = locate_file(&file, &offsets) else {
            continue;
        };
        for (&i, (line, column)) in indices.iter().zip(places) {
            problems[i].source.place = Place::LineColumn(line, column);
        }
    }
}

fn locate_file(file: &Path, offsets: &[u64]) -> Option<Vec<(usize, usize)>> {
    // Read only as far as the last offset asked for.
    let last = offsets.iter().copied().max().unwrap_or(0);
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .ok()?
        .take(last + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(locate_in(&bytes, offsets))
}

#[cfg(test)]
mod tests {
    use super::locate_in;

    #[test]
    fn counts_lines_and_characters() {
        let text = "ab\nçd\n\nx".as_bytes();
        // 'd' is at byte 5 (ç takes two bytes), line 2, column 2.
        assert_eq!(
            locate_in(text, &[0, 5, 3, 8, 9]),
            [(1, 1), (2, 2), (2, 1), (4, 1), (4, 2)]
        );
    }
}
