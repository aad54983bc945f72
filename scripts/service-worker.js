// Folio's service worker, for whole-page installs only (an embedded archive never
// registers it). `make dist` writes it to DIST/sw.js from this template
// (scripts/sw.mjs), filling in the build's version and its app shell.
//
// - The app shell (index.html and the hashed script, wasm and styles) is cached when
//   the worker installs, so the archive opens with no network.
// - Pages are network first: a deploy is seen at once; offline, the cached shell answers
//   every address, and the app routes it.
// - The post index (the feed, or a sharded index's manifest and chunks) and post bodies
//   are network first too, and each answer is kept, so what a reader has opened opens
//   again offline. Byte ranges (records and bodies of a sharded index) are kept per range.
// - A new deploy has a new version: its worker caches the new shell, takes over at once,
//   and deletes the caches of older versions.
const VERSION = '__FOLIO_VERSION__';
const SHELL = __FOLIO_SHELL__;
const CACHE = `folio-${VERSION}`;
const scope = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new URL(path, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('folio-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins (a feed elsewhere, images) are the browser's own business.
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, new URL('index.html', scope).href));
  } else if (request.headers.has('range')) {
    event.respondWith(rangeNetworkFirst(request));
  } else {
    event.respondWith(networkFirst(request, null));
  }
});

/** The network's answer (kept when it is a success), else the cached one, else `fallback`'s. */
async function networkFirst(request, fallback) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(request, { ignoreSearch: request.mode === 'navigate' })) ?? (fallback && (await cache.match(fallback)));
    if (cached) return cached;
    throw error;
  }
}

/**
 * A byte range: the Cache API keeps no partial answers, so each range is kept whole
 * under its own key and given back as the 206 it was.
 */
async function rangeNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = `${request.url}${request.url.includes('?') ? '&' : '?'}folio-range=${encodeURIComponent(request.headers.get('range'))}`;
  try {
    const response = await fetch(request);
    if (response.status === 206 || response.status === 200) {
      const headers = new Headers(response.headers);
      headers.set('x-folio-status', String(response.status));
      await cache.put(key, new Response(await response.clone().arrayBuffer(), { status: 200, headers }));
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (!cached) throw error;
    const status = Number(cached.headers.get('x-folio-status') ?? '200');
    return new Response(await cached.arrayBuffer(), { status, headers: cached.headers });
  }
}
