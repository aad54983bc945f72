// Folio's service worker, for whole-page installs only (an embedded archive never
// registers it). `make dist` writes it to DIST/sw.js from this template
// (scripts/sw.mjs), filling in the build's version and its app shell.
//
// - The app shell (the app's own page, 404.html, and the hashed script, wasm and
//   styles) is cached when the worker installs, so the archive opens with no network.
//   index.html may be a static page (`folio build --pages`), so the app's own page is
//   what answers an address the reader never opened.
// - Pages are network first: a deploy is seen at once; offline, the page as last seen
//   answers, else the app shell, and the app routes the address.
// - The post index (the feed, or a sharded index's manifest and chunks) and post bodies
//   are network first too, and each answer is kept, so what a reader has opened opens
//   again offline. A sharded index's byte ranges are kept one range at a time.
// - Answers reach the page at once; they are stored afterwards.
// - What the first visit fetched before the worker was installed is fetched again and
//   kept once the page names it (below).
// - A new deploy has a new version: its worker caches the new shell, takes over at once,
//   and deletes older shells. What readers opened is kept across deploys.
const VERSION = '__FOLIO_VERSION__';
const SHELL = __FOLIO_SHELL__;
const SHELL_CACHE = `folio-shell-${VERSION}`;
const DATA_CACHE = 'folio-data';
const scope = new URL(self.registration.scope);
const appPage = new URL('404.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      // Past the HTTP cache: the shell must be this deploy's.
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(new URL(path, scope), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('folio-shell-') && key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins (a feed elsewhere, images) are the browser's own business, and so
  // are media streams, which would fill the cache.
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (request.destination === 'video' || request.destination === 'audio') return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event, request, true));
  } else if (request.headers.has('range')) {
    event.respondWith(rangeNetworkFirst(event, request));
  } else {
    event.respondWith(networkFirst(event, request, false));
  }
});

// A first visit fetched its index before this worker was there. When the worker takes
// control of the page, the page sends the index's address and the whole files it asked
// for (`folioKeep`); each one in scope and not yet kept is fetched (from the HTTP cache
// when it can be) and kept, so one visit is enough to open offline. The sharded index's
// record and body bundles are read by byte range and kept range by range as they are
// read, never whole. The page names only the archive's own data, as the worker keeps it
// on later visits. The page is told which files are kept (`folioKept`).
const RANGED = /\/(records|bodies)-[0-9a-f]+\.[a-z]+$/;
self.addEventListener('message', (event) => {
  const urls = event.data && Array.isArray(event.data.folioKeep) ? event.data.folioKeep : [];
  if (urls.length === 0) return;
  event.waitUntil(
    (async () => {
      const data = await caches.open(DATA_CACHE);
      const kept = [];
      for (const address of new Set(urls.slice(0, 500))) {
        let url;
        try {
          url = new URL(String(address), scope);
        } catch {
          continue;
        }
        if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname) || RANGED.test(url.pathname)) continue;
        if ((await data.match(url.href)) || (await fromShell(url.href))) {
          kept.push(url.href);
          continue;
        }
        try {
          const response = await fetch(url.href, { cache: 'force-cache' });
          if (response.status !== 200) continue;
          await data.put(url.href, response);
          kept.push(url.href);
        } catch {
          // Offline already, or the file is gone: nothing to keep.
        }
      }
      event.source?.postMessage({ folioKept: kept });
    })(),
  );
});

/** The shell's copy of a request, if it is one of the shell's files. */
async function fromShell(request) {
  const shell = await caches.open(SHELL_CACHE);
  return shell.match(request);
}

/**
 * The network's answer (stored after it is handed over, when it is a whole success),
 * else the stored one, else for a page the app shell.
 */
async function networkFirst(event, request, isPage) {
  const data = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) {
      const copy = response.clone();
      event.waitUntil(data.put(request, copy).catch(() => {}));
    }
    return response;
  } catch (error) {
    const stored =
      (await data.match(request, { ignoreSearch: isPage })) ??
      (await fromShell(request)) ??
      (isPage ? await caches.open(SHELL_CACHE).then((shell) => shell.match(appPage)) : undefined);
    if (stored) return stored;
    throw error;
  }
}

/**
 * A byte range of a sharded index's file (records, bodies). The Cache API keeps no
 * partial answers, so each range is kept whole under its own key and given back as the
 * 206 it was. Ranges of anything else go to the network alone.
 */
async function rangeNetworkFirst(event, request) {
  const inIndex = new URL(request.url).pathname.includes('/index/');
  const key = `${request.url}${request.url.includes('?') ? '&' : '?'}folio-range=${encodeURIComponent(request.headers.get('range'))}`;
  try {
    const response = await fetch(request);
    if (inIndex && (response.status === 206 || response.status === 200)) {
      const copy = response.clone();
      event.waitUntil(
        (async () => {
          const headers = new Headers(copy.headers);
          headers.set('x-folio-status', String(copy.status));
          const data = await caches.open(DATA_CACHE);
          await data.put(key, new Response(await copy.arrayBuffer(), { status: 200, headers }));
        })().catch(() => {}),
      );
    }
    return response;
  } catch (error) {
    const cached = inIndex ? await (await caches.open(DATA_CACHE)).match(key) : undefined;
    if (!cached) throw error;
    const status = Number(cached.headers.get('x-folio-status') ?? '200');
    return new Response(await cached.arrayBuffer(), { status, headers: cached.headers });
  }
}
