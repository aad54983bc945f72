#!/usr/bin/env node
// Benchmarks the native `folio build` command on a large generated WordPress export,
// side by side with npm's `wordpress-export-to-markdown` on the same file.
//
//   node scripts/bench-cli.mjs [--posts 100000] [--skip-w2m] [--w2m-timeout 1200]
//                              [--w2m-heap 8192] [--w2m-write-delay 1] [--w2m-stock]
//                              [--folio target/release/folio]
//
//   --posts N          items in the generated WXR (default 100000, about 410 MB). About 97%
//                      of them are published posts; the rest are pages, attachments, menu
//                      items, revisions, drafts, private and password-protected posts.
//   --skip-w2m         only measure folio.
//   --w2m-timeout S    seconds before wordpress-export-to-markdown is killed (default 1200).
//   --w2m-heap MB      its --max-old-space-size (default 8192).
//   --w2m-write-delay MS
//                      its pause between Markdown files (default 1). The tool schedules file
//                      i at i × markdown_file_write_delay ms (src/settings.js, a documented
//                      "advanced setting", 25 as shipped), so as shipped 100,000 posts take
//                      2,500 s of pauses alone. It is set through a --require preload. 0
//                      starts every write at once and fails with EMFILE past the open-file
//                      limit (77,924 of 97,905 writes failed with `ulimit -n` 20000), so the
//                      default is 1: its writes then end at least posts × 1 ms after its
//                      parse ends, and the table shows the parse and write phases apart.
//   --w2m-stock        run it as shipped (the same as --w2m-write-delay 25).
//
// Everything lives under target/bench/: the WXR (wxr-N.xml, reused while gen-wxr.mjs and N
// are unchanged), the outputs, and wordpress-export-to-markdown itself, installed there
// with `npm install --prefix target/bench/w2m` the first time (never a project dependency).
//
// Wall time is measured here; peak memory is the maximum resident set size, from
// `/usr/bin/time -f %M` when it exists, otherwise from VmHWM in /proc/<pid>/status read
// every 50 ms. Prints a table on stdout, then one JSON line with every figure.

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync,
  statSync, writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = join(ROOT, "target", "bench");
const W2M_PACKAGE = "wordpress-export-to-markdown@2.2.2";
const W2M_PREFIX = join(BENCH, "w2m");
const W2M_DIR = join(W2M_PREFIX, "node_modules", "wordpress-export-to-markdown");
const W2M_STOCK_DELAY = 25; // markdown_file_write_delay in its src/settings.js

// ---------------------------------------------------------------------------
// Arguments

function usage(message) {
  if (message) process.stderr.write(`bench-cli: ${message}\n`);
  process.stderr.write("usage: node scripts/bench-cli.mjs [--posts N] [--skip-w2m] [--w2m-timeout S] " +
    "[--w2m-heap MB] [--w2m-write-delay MS] [--w2m-stock] [--folio PATH]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    posts: 100000, skipW2m: false, w2mTimeout: 1200, w2mHeap: 8192, w2mWriteDelay: 1,
    folio: join(ROOT, "target", "release", "folio"),
  };
  const number = (name, value) => {
    if (value === undefined || !/^\d+$/.test(value)) usage(`${name} needs a whole number`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    const next = () => value ?? argv[++i];
    switch (arg) {
      case "--posts": opts.posts = number(arg, next()); break;
      case "--skip-w2m": opts.skipW2m = true; break;
      case "--w2m-timeout": opts.w2mTimeout = number(arg, next()); break;
      case "--w2m-heap": opts.w2mHeap = number(arg, next()); break;
      case "--w2m-write-delay": opts.w2mWriteDelay = number(arg, next()); break;
      case "--w2m-stock": opts.w2mWriteDelay = W2M_STOCK_DELAY; break;
      case "--folio": opts.folio = resolve(next() ?? usage("--folio needs a path")); break;
      case "-h": case "--help": usage(); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (opts.posts < 1) usage("--posts must be at least 1");
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = (line) => process.stderr.write(`bench-cli: ${line}\n`);

// ---------------------------------------------------------------------------
// Measuring a process

const TIME = "/usr/bin/time";
const useTime = existsSync(TIME) && !process.env.FOLIO_BENCH_NO_TIME;

/** The child pids of `pid` (needs /proc/<pid>/task/<pid>/children). */
function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function descendantsOf(pid) {
  const out = [];
  for (let todo = childrenOf(pid); todo.length;) {
    const p = todo.pop();
    out.push(p);
    todo.push(...childrenOf(p));
  }
  return out;
}

/** VmHWM (peak resident set size) of `pid` in KB, or 0. */
function vmHwm(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `cmd args`, measuring wall time and peak RSS. stdout goes to `stdoutFile` (or is
 * dropped), stderr is kept (its last 64 KB). With `timeoutMs`, the command is killed
 * when the time is up. `onTick` is called about every 10 s with the elapsed ms and the
 * peak so far, `onPoll` every 50 ms with the elapsed ms.
 */
function measure(cmd, args, { timeoutMs = 0, stdoutFile = null, onTick = null, onPoll = null, cwd = ROOT } = {}) {
  return new Promise((resolvePromise) => {
    const timeFile = join(BENCH, `.time-${process.pid}-${Date.now()}`);
    const argv = useTime ? [TIME, "-f", "%M", "-o", timeFile, cmd, ...args] : [cmd, ...args];
    const outFd = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ["ignore", outFd, "pipe"] });
    if (typeof outFd === "number") closeSync(outFd);

    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text) => {
      stderr += text;
      if (stderr.length > 1 << 17) stderr = stderr.slice(-(1 << 16));
    });

    // The process doing the work: the child, or the child of /usr/bin/time.
    let worker = useTime ? 0 : child.pid;
    let polledKb = 0;
    let timedOut = false;
    let spawnError = null;
    let lastTick = 0;
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
    const poll = setInterval(() => {
      if (!worker && child.pid) worker = childrenOf(child.pid)[0] ?? 0;
      // The worker and anything it started: the largest peak of any one of them.
      for (const pid of worker ? [worker, ...descendantsOf(worker)] : []) polledKb = Math.max(polledKb, vmHwm(pid));
      const ms = elapsed();
      if (onPoll) onPoll(ms);
      if (onTick && ms - lastTick >= 10000) {
        lastTick = ms;
        onTick(ms, polledKb);
      }
      if (timeoutMs && ms > timeoutMs && !timedOut) {
        timedOut = true;
        // Kill the worker (so /usr/bin/time still reports its peak), then its parent.
        try { process.kill(worker || child.pid, "SIGKILL"); } catch { /* already gone */ }
        setTimeout(() => { try { process.kill(child.pid, "SIGKILL"); } catch { /* gone */ } }, 5000).unref();
      }
    }, 50);

    child.on("error", (err) => { spawnError = err; });
    child.on("close", (code, signal) => {
      clearInterval(poll);
      const wallMs = elapsed();
      let peakKb = polledKb;
      let peakSource = "VmHWM poll";
      let timeNote = null;
      if (useTime && existsSync(timeFile)) {
        // GNU time may put "Command exited with non-zero status N" before the figure.
        const lines = readFileSync(timeFile, "utf8").trim().split("\n");
        const figure = Number(lines[lines.length - 1]);
        if (Number.isFinite(figure) && figure > 0) {
          peakKb = figure;
          peakSource = "/usr/bin/time %M";
        }
        rmSync(timeFile, { force: true });
        if (/terminated by signal|exited with non-zero/i.test(lines[0])) timeNote = lines[0];
      }
      // Through /usr/bin/time, the exit status is the command's; 127 means it could not run.
      resolvePromise({ code, signal, wallMs, peakKb, peakSource, stderr, timeNote, timedOut, spawnError });
    });
  });
}

// ---------------------------------------------------------------------------
// Helpers

const mb = (bytes) => bytes / 1e6;
const fmtMb = (bytes) => `${mb(bytes).toFixed(1)} MB`;
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Total size and number of files (optionally only those ending with `suffix`) under `dir`. */
function walk(dir, suffix = "") {
  let files = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile() && entry.name.endsWith(suffix)) {
        files++;
        bytes += statSync(path).size;
      }
    }
  }
  return { files, bytes };
}

/**
 * Counts the objects and arrays in a JSON Feed's top-level "items" array (or in a
 * top-level array) with a streaming scan, so the file is never held in memory. Returns null if the file
 * does not end where its top-level value does (truncated or not JSON).
 */
async function countItems(file) {
  const QUOTE = 0x22, BACKSLASH = 0x5c;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let key = [];          // bytes of the string being read at depth 1
  let lastKey = "";
  let itemsDepth = -1;   // the depth inside the items array, once found
  let count = 0;
  let rootClosed = false;
  let trailing = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (depth === 1) lastKey = key ? Buffer.from(key).toString("utf8") : "";
        } else if (key && key.length < 16) key.push(b);
        else key = null;
        continue;
      }
      if (rootClosed) {
        if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) trailing = true;
        continue;
      }
      switch (b) {
        case QUOTE:
          inString = true;
          key = depth === 1 ? [] : null;
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (depth === itemsDepth) count++;
          depth++;
          if (b === 0x5b && itemsDepth < 0 && (depth === 1 || (depth === 2 && lastKey === "items"))) itemsDepth = depth;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          depth--;
          if (depth === 0) rootClosed = true;
          break;
      }
    }
  }
  return rootClosed && !trailing ? count : null;
}

// ---------------------------------------------------------------------------
// The input

async function ensureWxr() {
  mkdirSync(BENCH, { recursive: true });
  const generator = join(ROOT, "scripts", "gen-wxr.mjs");
  const file = join(BENCH, `wxr-${opts.posts}.xml`);
  const stamp = `${file}.json`;
  const want = { posts: opts.posts, generator: sha256(generator) };
  if (existsSync(file) && existsSync(stamp)) {
    try {
      const have = JSON.parse(readFileSync(stamp, "utf8"));
      if (have.posts === want.posts && have.generator === want.generator && have.bytes === statSync(file).size) {
        log(`reusing ${file} (${fmtMb(have.bytes)})`);
        return { file, bytes: have.bytes, generatedMs: null };
      }
    } catch { /* regenerate */ }
  }
  log(`generating ${opts.posts} items into ${file} ...`);
  rmSync(stamp, { force: true });
  const start = process.hrtime.bigint();
  const gen = spawnSync(process.execPath, [generator, String(opts.posts), file], { stdio: ["ignore", "inherit", "inherit"] });
  if (gen.status !== 0) {
    log("gen-wxr.mjs failed");
    process.exit(1);
  }
  const generatedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const bytes = statSync(file).size;
  writeFileSync(stamp, JSON.stringify({ ...want, bytes }) + "\n");
  return { file, bytes, generatedMs };
}

// ---------------------------------------------------------------------------
// folio

async function benchFolio(wxr) {
  if (!existsSync(opts.folio)) {
    log(`${opts.folio} does not exist; build it first (cargo build --release). Skipping folio.`);
    return { ok: false, error: "binary missing" };
  }
  const out = join(BENCH, `out-${opts.posts}`);
  rmSync(out, { recursive: true, force: true });
  log(`folio build ${wxr.file} -o ${out}`);
  const run = await measure(opts.folio, ["build", wxr.file, "-o", out]);
  const summary = run.stderr.trim().split("\n").filter(Boolean).pop() ?? "";
  const postsJson = join(out, "posts.json");
  const result = {
    ok: run.code === 0 && !run.spawnError && existsSync(postsJson),
    exitCode: run.code, signal: run.signal,
    wallMs: round(run.wallMs), peakMb: round(run.peakKb / 1024), peakSource: run.peakSource,
    inputBytes: wxr.bytes, summary,
  };
  const selfPeak = /peak memory\s+([\d.]+)\s*MB/i.exec(run.stderr);
  if (selfPeak) result.selfReportedPeakMb = Number(selfPeak[1]);
  if (run.spawnError) result.error = run.spawnError.message;
  if (existsSync(postsJson)) {
    result.outputBytes = walk(out).bytes;
    result.postsJsonBytes = statSync(postsJson).size;
    result.posts = await countItems(postsJson);
    if (result.posts === null) {
      result.ok = false;
      result.error = "posts.json is not complete JSON";
    } else {
      result.postsPerSec = round(result.posts / (run.wallMs / 1000), 0);
    }
  }
  if (!result.ok) {
    result.error ??= `exit ${run.code ?? run.signal}`;
    log(`folio build failed (${result.error}); its stderr ends:\n${run.stderr.slice(-2000)}`);
  }
  return result;
}

async function benchSample() {
  if (!existsSync(opts.folio)) return { ok: false, error: "binary missing" };
  const out = join(BENCH, "sample-out");
  rmSync(out, { recursive: true, force: true });
  const args = ["build", "sample", "--authors", "sample/authors.toml", "-o", out];
  log(`folio ${args.join(" ")}`);
  const run = await measure(opts.folio, args);
  const postsJson = join(out, "posts.json");
  const result = {
    ok: run.code === 0 && !run.spawnError && existsSync(postsJson),
    exitCode: run.code, wallMs: round(run.wallMs), peakMb: round(run.peakKb / 1024),
    summary: run.stderr.trim().split("\n").filter(Boolean).pop() ?? "",
  };
  if (existsSync(postsJson)) result.posts = await countItems(postsJson);
  if (!result.ok) {
    result.error = run.spawnError?.message ?? `exit ${run.code ?? run.signal}`;
    log(`sample build failed (${result.error}); its stderr ends:\n${run.stderr.slice(-2000)}`);
  }
  return result;
}

// ---------------------------------------------------------------------------
// wordpress-export-to-markdown

function ensureW2m() {
  if (existsSync(join(W2M_DIR, "index.js"))) return true;
  log(`installing ${W2M_PACKAGE} into ${W2M_PREFIX} (bench only) ...`);
  mkdirSync(W2M_PREFIX, { recursive: true });
  const npm = spawnSync("npm", ["install", "--prefix", W2M_PREFIX, "--no-audit", "--no-fund", W2M_PACKAGE],
    { stdio: ["ignore", "inherit", "inherit"] });
  return npm.status === 0 && existsSync(join(W2M_DIR, "index.js"));
}

async function benchW2m(wxr) {
  if (!ensureW2m()) return { ok: false, error: "npm install failed" };
  const version = JSON.parse(readFileSync(join(W2M_DIR, "package.json"), "utf8")).version;
  const out = join(BENCH, `w2m-out-${opts.posts}`);
  const logFile = join(BENCH, `w2m-${opts.posts}.log`);
  rmSync(out, { recursive: true, force: true }); // it skips files that already exist
  const nodeArgs = [`--max-old-space-size=${opts.w2mHeap}`];
  if (opts.w2mWriteDelay !== W2M_STOCK_DELAY) {
    // Its src/settings.js is a plain CommonJS module: set the pause between files before
    // index.js loads it.
    const preload = join(W2M_PREFIX, "write-delay.cjs");
    writeFileSync(preload, `require(${JSON.stringify(join(W2M_DIR, "src", "settings.js"))})` +
      `.markdown_file_write_delay = ${opts.w2mWriteDelay};\n`);
    nodeArgs.push("--require", preload);
  }
  const args = [
    ...nodeArgs, join(W2M_DIR, "index.js"),
    "--wizard=false",               // no prompts; defaults for everything not given
    `--input=${wxr.file}`,
    `--output=${out}`,
    "--post-folders=false",         // one flat <slug>.md per post, no per-post folders
    "--prefix-date=false",
    "--year-folders=false",
    "--month-folders=false",
    "--save-attached-images=false", // no downloads (and no network)
    "--save-scraped-images=false",
    "--include-other-types=false",  // posts only, like folio
  ];
  log(`node ${args.join(" ")}  (stdout in ${logFile}, time limit ${opts.w2mTimeout} s)`);
  // When it starts saving, its parse and conversion are over: watch its log for that
  // (the log is short until then).
  let parsedMs = null;
  const run = await measure(process.execPath, args, {
    timeoutMs: opts.w2mTimeout * 1000,
    stdoutFile: logFile,
    onPoll: (ms) => {
      if (parsedMs !== null || !existsSync(logFile)) return;
      if (/^(Saving \d+ posts|No posts to save)/m.test(readFileSync(logFile, "utf8"))) parsedMs = ms;
    },
    onTick: (ms, kb) => {
      const files = existsSync(out) ? readdirSync(out).length : 0; // flat output: one entry per post
      log(`  w2m: ${fmtS(ms)}, ${parsedMs === null ? "parsing" : "writing"}, ${files} files so far, peak ${Math.round(kb / 1024)} MB`);
    },
  });
  const stdout = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
  const { files, bytes } = walk(out, ".md");
  const found = /^(\d+) posts found\./m.exec(stdout);
  const failedAt = /Something went wrong/.test(stdout);
  const done = /All done!/.test(stdout);
  // It exits with status 0 even when it fails; failed writes are logged as [FAILED].
  const failedWrites = (stdout.match(/^\S*\[FAILED\]/gm) ?? []).length;
  const firstFailure = /^\S*\[FAILED\].*\((.*)\)\S*$/m.exec(stdout);
  const result = {
    version,
    ok: run.code === 0 && done && !failedAt && !run.timedOut && failedWrites === 0,
    exitCode: run.code, signal: run.signal, timedOut: run.timedOut,
    wallMs: round(run.wallMs), peakMb: round(run.peakKb / 1024), peakSource: run.peakSource,
    parseMs: parsedMs === null ? null : round(parsedMs), // reading, parsing and converting
    heapLimitMb: opts.w2mHeap, writeDelayMs: opts.w2mWriteDelay,
    writeDelayFloorMs: null, failedWrites,
    inputBytes: wxr.bytes,
    postsFound: found ? Number(found[1]) : null, // parsed and converted, before writing
    files, outputBytes: bytes,
    postsPerSec: files ? round(files / (run.wallMs / 1000), 0) : 0,
  };
  // The last file is scheduled (posts - 1) × delay ms after saving starts.
  if (result.postsFound) result.writeDelayFloorMs = Math.max(0, result.postsFound - 1) * opts.w2mWriteDelay;
  if (!result.ok) {
    const stage = run.timedOut ? `timed out after ${opts.w2mTimeout} s` : failedAt ? "failed" :
      failedWrites ? `${failedWrites} of ${result.postsFound} files failed to write (${firstFailure?.[1] ?? "?"})` :
      `exit ${run.code ?? run.signal}`;
    const reached = result.postsFound === null ? "still parsing the XML" :
      `${result.postsFound} posts parsed, ${files} written`;
    result.error = `${stage}; reached: ${reached}`;
    if (run.timeNote) result.error += ` (${run.timeNote})`;
    const tail = (run.stderr.trim() || stdout.split("\n").filter((l) => !l.startsWith("[OK]")).join("\n")).slice(-1500);
    log(`wordpress-export-to-markdown ${result.error}\n${tail}`);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Main

const wxr = await ensureWxr();
const results = {
  posts: opts.posts,
  input: { file: wxr.file, bytes: wxr.bytes, generatedMs: wxr.generatedMs && round(wxr.generatedMs) },
  measuredWith: useTime ? "/usr/bin/time -f %M (max RSS)" : "VmHWM polled every 50 ms",
};
results.folio = await benchFolio(wxr);
results.sample = await benchSample();
if (!opts.skipW2m) results.w2m = await benchW2m(wxr);

const lines = [];
const generated = wxr.generatedMs === null ? "cached" : `generated in ${fmtS(wxr.generatedMs)}`;
lines.push(`input         ${String(opts.posts).padStart(7)} items  ${fmtMb(wxr.bytes).padStart(9)}  (${generated}: ${wxr.file})`);
const row = (label, r) => {
  if (r.posts === undefined && r.files === undefined) return `${label.padEnd(13)} ${r.error ?? "failed"}`;
  const n = r.posts ?? r.files;
  const rate = r.postsPerSec ? `${String(r.postsPerSec).padStart(6)} posts/s` : "";
  const status = r.ok ? "" : `  [${r.error ?? "failed"}]`;
  return `${label.padEnd(13)} ${String(n).padStart(7)} posts  ${fmtMb(r.inputBytes).padStart(9)} in ` +
    `${fmtS(r.wallMs).padStart(8)}  ${rate}  peak ${String(Math.round(r.peakMb)).padStart(5)} MB  ` +
    `out ${fmtMb(r.outputBytes ?? 0)}${status}`;
};
lines.push(row("folio build", results.folio));
if (results.folio.selfReportedPeakMb !== undefined) {
  lines.push(`${"".padEnd(13)} (folio's own summary: ${results.folio.summary})`);
}
const s = results.sample;
lines.push(s.ok
  ? `${"folio sample".padEnd(13)} ${String(s.posts ?? "?").padStart(7)} posts  in ${Math.round(s.wallMs)} ms  peak ${Math.round(s.peakMb)} MB`
  : `${"folio sample".padEnd(13)} ${s.error}`);
if (results.w2m) {
  const w = results.w2m;
  lines.push(row(`w2m ${w.version ?? ""}`.trim(), w));
  if (w.files !== undefined) {
    const phases = w.parseMs === null ? "" : `parse+convert ${fmtS(w.parseMs)}, then writing ${fmtS(w.wallMs - w.parseMs)} ` +
      `(its ${w.writeDelayMs} ms pause per file alone makes that ≥ ${fmtS(w.writeDelayFloorMs)}); `;
    lines.push(`${"".padEnd(13)} (${phases}${w.files} .md files; heap limit ${w.heapLimitMb} MB)`);
  }
  const folioRate = results.folio.postsPerSec;
  if (folioRate && w.ok && w.postsPerSec) {
    results.ratio = round(folioRate / w.postsPerSec, 1);
    let note = "";
    if (w.parseMs && w.postsFound) {
      // A bound that leaves out its writing (and its pauses) altogether.
      results.ratioVsParseOnly = round(folioRate / (w.postsFound / (w.parseMs / 1000)), 1);
      note = ` (${results.ratioVsParseOnly}x against its parse+convert phase alone)`;
    }
    lines.push(`ratio         folio: ${results.ratio}x the posts/s of wordpress-export-to-markdown${note}`);
  } else if (folioRate && w.timedOut) {
    // It would have needed more than the time limit for all its posts, so its rate is
    // below posts / limit and the ratio above this bound.
    const expected = w.postsFound ?? results.folio.posts;
    results.ratioAtLeast = round(folioRate / (expected / (w.wallMs / 1000)), 1);
    lines.push(`ratio         folio: more than ${results.ratioAtLeast}x the posts/s of wordpress-export-to-markdown ` +
      `(it had not finished ${expected} posts after ${fmtS(w.wallMs)})`);
  }
}
process.stdout.write(lines.join("\n") + "\n");
process.stdout.write(JSON.stringify(results) + "\n");
process.exitCode = results.folio.ok && results.sample.ok && (!results.w2m || results.w2m.ok) ? 0 : 1;
