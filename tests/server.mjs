// A small static file server for `make serve` and the end-to-end tests.
//
// It behaves like nginx with `try_files $uri $uri/ /index.html` under a base path:
// real files are served as they are, unknown paths without a file extension get
// index.html (so deep links and reloads work), and unknown files get a real 404 (so a
// missing posts.json is an error, not an HTML page parsed as JSON).
//
// With --fixtures DIR it also lets a test choose what posts.json answers by setting the
// cookie `folio-feed`: a fixture name (DIR/NAME.json), `status-404`, `status-500`,
// `html` (the app's index.html, as a misconfigured host would send) or `slow`. Files in
// DIR are also served under `<base>__fixtures/`, for bodies loaded on demand.
//
// Faults for posts.json, by the same cookie: `slow-10` (answers after 10 s), `drop`
// (sends half of the real feed, then drops the connection), `truncated` (a complete
// answer holding only the first half of the feed), `busy-503` and `busy-429` (with
// `Retry-After`), `big-50mb` (a generated feed of about 50 MB), and `too-large` (says
// 600 MB are coming, then sends slowly). The cookie `folio-body=hang` holds bodies
// under `__fixtures/bodies/` unanswered until the client gives up; `folio-body=slow`
// answers them after 3 s.
//
// With --sites DIR, the cookie `folio-site=NAME` overlays DIR/NAME/ on the served folder:
// a file there (posts.json, bodies/…) answers instead of dist's, as if that folder had
// been deployed beside the app. The e2e tests build those folders with `folio build`.
//
// With --feed FILE, posts.json is answered with FILE (used by `make bench`).
//
// Sharded indexes (`folio build --sharded`, which writes index/manifest.json):
// - the cookie `folio-form=sharded` makes the app's pages name index/manifest.json where
//   they name posts.json, as a site owner who publishes the sharded form would; with a
//   `folio-feed=NAME` cookie too, they name `__sharded/NAME/index/manifest.json`, served
//   from the --sites folder's `sharded/NAME/` (scripts/e2e-sites.sh builds those);
// - `folio-shard-fail=PREFIX` answers 500 for index files whose names start with PREFIX;
// - `folio-shard-slow=PREFIX` answers them 1.5 s late;
// - `folio-shard-gone=PREFIX` answers 404 for them, as after a broken deploy;
// - `folio-no-ranges=1` ignores `Range` headers, as some servers do;
// - `folio-redeploy=TOKEN` serves, on the first manifest request with that token, a
//   manifest from before a redeploy: one whose columns and directories have since been
//   deleted.
// `folio-sw-version=HEX` answers sw.js with that version, as the next deploy would.
// Files are served with byte ranges (`Range: bytes=a-b` gets a 206), as nginx does.
//
// With --gzip, text files are sent gzip-compressed to clients that accept it (not for
// range requests), as static hosts do; the byte budgets in the e2e tests are on the wire.
//
//   node tests/server.mjs --dir dist [--base /blog/] [--host 127.0.0.1] [--port 8080]
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]?.startsWith('--') ? '' : all[i + 1]]);
    return pairs;
  }, []),
);
const root = resolve(args.dir ?? 'dist');
let base = args.base ?? '/';
if (!base.startsWith('/')) base = `/${base}`;
if (!base.endsWith('/')) base = `${base}/`;
const host = args.host ?? process.env.HOST ?? '127.0.0.1';
const port = Number(args.port ?? process.env.PORT ?? 8080);
const fixtures = args.fixtures ? resolve(args.fixtures) : null;
const feedOverride = args.feed ? resolve(args.feed) : null;
const sites = args.sites ? resolve(args.sites) : null;
const gzip = 'gzip' in args;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileOrNull(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

function send(res, status, body, type) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

// Compressed copies, by content: the app's wasm is asked for by every test.
const gzipped = new Map();
function compressed(body) {
  const key = `${body.length}:${body.subarray(0, 64).toString('base64')}:${body.subarray(-64).toString('base64')}`;
  let entry = gzipped.get(key);
  if (!entry || !entry.source.equals(body)) {
    entry = { source: body, gz: gzipSync(body) };
    if (gzipped.size > 500) gzipped.clear();
    gzipped.set(key, entry);
  }
  return entry.gz;
}

// A file, or the byte range of it that the request asks for.
function sendFile(req, res, body, type) {
  const ranges = cookie(req, 'folio-no-ranges') === null;
  const range = ranges ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') : null;
  if (!range) {
    const compressible = /^(text\/|application\/(json|jsonl|wasm))/.test(type);
    if (gzip && compressible && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'cache-control': 'no-store', vary: 'accept-encoding' });
      return res.end(compressed(body));
    }
    return send(res, 200, body, type);
  }
  const start = Number(range[1]);
  const end = range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
  if (start > end || start >= body.length) {
    res.writeHead(416, { 'content-range': `bytes */${body.length}`, 'cache-control': 'no-store' });
    return res.end();
  }
  res.writeHead(206, {
    'content-type': type,
    'content-range': `bytes ${start}-${end}/${body.length}`,
    'cache-control': 'no-store',
  });
  res.end(body.subarray(start, end + 1));
}

const redeployed = new Set();

// The sharded-index switches described at the top; true when it has answered.
async function shardedResponse(req, res, relative, body, type) {
  const sharded = cookie(req, 'folio-form') === 'sharded';
  const inIndex = relative.startsWith('index/') || relative.includes('/index/');
  if (sharded && type === types['.html'] && !inIndex) {
    const feed = cookie(req, 'folio-feed');
    const index = feed && /^[a-z0-9-]+$/.test(feed) ? `__sharded/${feed}/index/manifest.json` : 'index/manifest.json';
    const text = body.toString('utf8').replace(/(["'\/])posts\.json(["'])/g, `$1${index}$2`);
    send(res, 200, text, type);
    return true;
  }
  if (!inIndex) return false;
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  const slow = cookie(req, 'folio-shard-slow');
  if (slow && name.startsWith(slow)) await new Promise((r) => setTimeout(r, 1500));
  const gone = cookie(req, 'folio-shard-gone');
  if (gone && name.startsWith(gone)) {
    send(res, 404, 'Not Found', 'text/plain');
    return true;
  }
  const fail = cookie(req, 'folio-shard-fail');
  if (fail && name.startsWith(fail)) {
    send(res, 500, 'Internal Server Error', 'text/plain');
    return true;
  }
  const token = cookie(req, 'folio-redeploy');
  if (token && name === 'manifest.json' && !redeployed.has(token)) {
    redeployed.add(token);
    const stale = JSON.parse(body.toString('utf8'));
    for (const kind of ['terms', 'prefixes', 'columns', 'slugs', 'records']) {
      stale[kind] = `${kind}-gone-0000000000000000.json`;
    }
    send(res, 200, JSON.stringify(stale), type);
    return true;
  }
  return false;
}

function cookie(req, name) {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

let bigFeed = null;

async function fixtureResponse(req, res, relative) {
  if (!fixtures || relative !== 'posts.json') return false;
  const choice = cookie(req, 'folio-feed');
  if (!choice) return false;
  if (choice === 'status-404') return send(res, 404, 'Not Found', 'text/plain'), true;
  if (choice === 'status-500') return send(res, 500, 'Internal Server Error', 'text/plain'), true;
  if (choice === 'html') {
    send(res, 200, await readFile(join(root, 'index.html')), types['.html']);
    return true;
  }
  if (choice === 'slow' || choice === 'slow-10') {
    await new Promise((r) => setTimeout(r, choice === 'slow' ? 1500 : 10_000));
    return false;
  }
  if (choice === 'drop' || choice === 'truncated') {
    const whole = await readFile(join(root, 'posts.json'));
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    if (choice === 'truncated') return send(res, 200, half, types['.json']), true;
    res.writeHead(200, { 'content-type': types['.json'], 'content-length': whole.length, 'cache-control': 'no-store' });
    res.write(half, () => setTimeout(() => res.socket?.destroy(), 100));
    return true;
  }
  if (choice === 'busy-503' || choice === 'busy-429') {
    const status = choice === 'busy-503' ? 503 : 429;
    res.writeHead(status, { 'content-type': 'text/plain', 'retry-after': status === 503 ? '30' : '120', 'cache-control': 'no-store' });
    res.end(status === 503 ? 'Service Unavailable' : 'Too Many Requests');
    return true;
  }
  if (choice === 'big-50mb') {
    // Generated once, in another process, so the server keeps answering meanwhile.
    bigFeed ??= promisify(execFile)(process.execPath, [new URL('../scripts/gen-feed.mjs', import.meta.url).pathname, '28500'], {
      maxBuffer: 1 << 27,
      encoding: 'buffer',
    }).then(({ stdout }) => stdout);
    return send(res, 200, await bigFeed, types['.json']), true;
  }
  if (choice === 'too-large') {
    res.writeHead(200, { 'content-type': types['.json'], 'content-length': 600_000_000, 'cache-control': 'no-store' });
    const timer = setInterval(() => res.write(' '.repeat(1024)), 200);
    res.on('close', () => clearInterval(timer));
    return true;
  }
  if (!/^[a-z0-9-]+$/.test(choice)) return send(res, 400, 'bad fixture name', 'text/plain'), true;
  const body = await fileOrNull(join(fixtures, `${choice}.json`));
  if (!body) return send(res, 500, `no fixture ${choice}`, 'text/plain'), true;
  send(res, 200, body, types['.json']);
  return true;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (`${path}/` === base) {
      res.writeHead(301, { location: base });
      return res.end();
    }
    if (!path.startsWith(base)) return send(res, 404, 'Not Found', 'text/plain');
    const relative = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
    if (await fixtureResponse(req, res, relative)) return;
    if (fixtures && relative.startsWith('__fixtures/bodies/')) {
      const body = cookie(req, 'folio-body');
      if (body === 'hang') return; // Never answered: the client must give up.
      if (body === 'slow') await new Promise((r) => setTimeout(r, 3000));
    }
    if (fixtures && relative.startsWith('__fixtures/')) {
      const file = join(fixtures, relative.slice('__fixtures/'.length));
      const body = file.startsWith(fixtures) ? await fileOrNull(file) : null;
      return body ? send(res, 200, body, types[extname(file)] ?? 'text/plain') : send(res, 404, 'Not Found', 'text/plain');
    }
    if (sites && relative.startsWith('__sharded/')) {
      const folder = join(sites, 'sharded');
      const file = join(folder, relative.slice('__sharded/'.length));
      const body = file.startsWith(folder) ? await fileOrNull(file) : null;
      if (!body) return send(res, 404, 'Not Found', 'text/plain');
      const type = types[extname(file)] ?? 'application/octet-stream';
      if (await shardedResponse(req, res, relative, body, type)) return;
      return sendFile(req, res, body, type);
    }
    const site = sites ? cookie(req, 'folio-site') : null;
    if (site && /^[a-z0-9-]+$/.test(site)) {
      // A folder answers with its index.html, as static hosts do (folio build --pages).
      const folder = relative === '.' || relative.endsWith('/');
      const file = join(sites, site, relative, folder ? 'index.html' : '');
      const body = file.startsWith(join(sites, site)) ? await fileOrNull(file) : null;
      if (body) {
        const type = types[extname(file)] ?? 'application/octet-stream';
        if (await shardedResponse(req, res, relative, body, type)) return;
        return sendFile(req, res, body, type);
      }
    }
    // `folio-sw-version=HEX` serves sw.js as the next deploy would: another version.
    const nextVersion = cookie(req, 'folio-sw-version');
    if (relative === 'sw.js' && nextVersion && /^[0-9a-f]{16}$/.test(nextVersion)) {
      const worker = (await readFile(join(root, 'sw.js'), 'utf8')).replace(/const VERSION = '[0-9a-f]+'/, `const VERSION = '${nextVersion}'`);
      return send(res, 200, worker, types['.js']);
    }
    if (feedOverride && relative === 'posts.json') {
      return send(res, 200, await readFile(feedOverride), types['.json']);
    }
    const target = join(root, relative);
    if (!target.startsWith(root)) return send(res, 403, 'Forbidden', 'text/plain');
    const body = (await fileOrNull(target)) ?? (await fileOrNull(join(target, 'index.html')));
    if (body) {
      const type = types[extname(target)] ?? (extname(target) ? 'application/octet-stream' : types['.html']);
      if (await shardedResponse(req, res, relative, body, type)) return;
      return sendFile(req, res, body, type);
    }
    if (extname(relative)) return send(res, 404, 'Not Found', 'text/plain');
    const page = await readFile(join(root, 'index.html'));
    if (await shardedResponse(req, res, relative, page, types['.html'])) return;
    send(res, 200, page, types['.html']);
  } catch (err) {
    send(res, 500, String(err), 'text/plain');
  }
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host}:${port}${base}`);
});
