// What the `make bench` scripts share: the typing script every search figure replays,
// percentiles, sizes, waiting for the test server, and counting a folder's files.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Words from the generator's vocabulary, including one-letter prefixes, a folded accent, Persian and a phrase. */
export const typedWords = ['harbour fog', 'kingfisher', 'angstrom', 'رود', '"golden harbour"', 'w'];

/** Each word typed a letter at a time, then the box cleared. */
export const typingScript = typedWords.flatMap((w) => [...Array.from({ length: w.length }, (_, i) => w.slice(0, i + 1)), '']);

/** The `p`th percentile of `values` (nearest rank). */
export function pct(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Resolves once `url` answers with a success status; throws after about ten seconds. */
export async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

/** Files under `dir` and their bytes, all levels down. */
export function countFiles(dir) {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) {
      const inner = countFiles(path);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += info.size;
    }
  }
  return { files, bytes };
}
