// The dashboard's service worker. It makes the dashboard installable and keeps copies of the STATIC ASSETS ONLY:
// style sheets, scripts, icons and sounds, which are the same for every member and hold nothing of a workspace.
// Everything else (pages under /app, the API, attachments, sign-in, the sockets: anything that may carry
// conversation content or a secret) is never touched: the worker does not answer for it, so the browser fetches it
// exactly as it would without a worker, and nothing of it is stored here. An asset is kept only when it was fetched
// with GET, without a query string, from this origin, and answered 200 without `Cache-Control: no-store`.
// The network comes first (a new release's assets show at once); the copy serves only when the network fails.

const CACHE = 'confidant-static-v1';

// The allowlist: the path prefixes of static assets. Nothing outside it is ever cached.
const STATIC_PREFIXES = ['/css/', '/js/', '/shared/', '/webjars/', '/icons/', '/sounds/'];

function isStaticAsset(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  return url.origin === self.location.origin && url.search === ''
    && STATIC_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
}

function mayKeep(response) {
  return response.status === 200 && response.type === 'basic'
    && !/no-store/i.test(response.headers.get('Cache-Control') || '');
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (mayKeep(response)) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const copy = await cache.match(request);
    if (copy) return copy;
    throw offline;
  }
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  // drop the caches of earlier versions of this worker
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  if (!isStaticAsset(event.request)) return; // not ours: the browser fetches it as if there were no worker
  event.respondWith(networkFirst(event.request));
});
