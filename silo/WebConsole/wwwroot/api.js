// The console's reads of Grid's public /v1 API. Each answer's ETag is kept and sent back as
// If-None-Match, so an unchanged view costs a 304 with no body. One poll runs at a time, every
// POLL_MS, paused while the tab is hidden: never a request storm. Grid needs no server-sent
// events for this: a status changes at most once per detection tick (Grid:Detection:Tick).
const POLL_MS = 5000;
const KEY_SLOT = 'grid.readKey';
const etags = new Map();
let pollTimer = null;
let view = 0;

export const say = text => { document.getElementById('status').textContent = text; };
export const nowUtc = () => new Date().toISOString().slice(11, 19) + ' UTC';

/** A new view replaces the old one: its polls stop, and its late answers are not drawn. */
export function newView() { view++; clearTimeout(pollTimer); return view; }
export const isCurrent = v => v === view;

/**
 * The read key, when the silo asks for one (Grid:Auth:RequireKeyForReads): kept in this tab's
 * sessionStorage (gone when the tab closes), sent as X-Api-Key, never put in a URL or a page.
 */
export const readKey = {
  get() { try { return sessionStorage.getItem(KEY_SLOT) || ''; } catch { return ''; } },
  set(key) { sessionStorage.setItem(KEY_SLOT, key); etags.clear(); },
  clear() { try { sessionStorage.removeItem(KEY_SLOT); } catch { /* storage off: nothing kept */ } etags.clear(); },
};

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const key = readKey.get();
  if (key) h['X-Api-Key'] = key;
  return h;
}

/** An error carrying the HTTP status and the problem's own words (RFC 9457 detail). */
async function failure(url, r) {
  let detail = '';
  try { const p = await r.json(); detail = p.detail || p.title || ''; } catch { /* not problem+json */ }
  const e = new Error(detail || `${url} answered HTTP ${r.status}`);
  e.status = r.status;
  return e;
}

/** GETs JSON; with an ETag from before, a 304 answers with the body kept from then (changed: false). */
export async function api(url) {
  const known = etags.get(url);
  const r = await fetch(url, { cache: 'no-store', headers: headers(known ? { 'If-None-Match': known.etag } : {}) });
  if (r.status === 304 && known) return { body: known.body, changed: false };
  if (!r.ok) throw await failure(url, r);
  const body = await r.json();
  const etag = r.headers.get('ETag');
  if (etag) etags.set(url, { etag, body });
  return { body, changed: true };
}

/** The body, or null when the silo has no such thing (404: no elections, no regions). */
export const optional = p => p.then(r => r.body, e => (e.status === 404 ? null : Promise.reject(e)));

export function poll(fn) {
  clearTimeout(pollTimer);
  const mine = view;
  const tick = async () => {
    if (mine !== view) return;
    if (!document.hidden) {
      try { await fn(); say('Updated ' + nowUtc()); } catch (e) { say('Update failed: ' + e.message + '; retrying'); }
    }
    if (mine === view) pollTimer = setTimeout(tick, POLL_MS);
  };
  pollTimer = setTimeout(tick, POLL_MS);
}

/**
 * Download links (CSV, JSON) are plain links; with a read key they are fetched with the key and
 * saved from memory instead, since a link cannot carry a header.
 */
export function keyedDownloads(root) {
  root.addEventListener('click', async ev => {
    const a = ev.target.closest('a[download]');
    if (!a || !readKey.get() || new URL(a.href).origin !== location.origin) return;
    ev.preventDefault();
    const r = await fetch(a.href, { cache: 'no-store', headers: headers({ Accept: '*/*' }) });
    if (!r.ok) { say('Download failed: ' + (await failure(a.href, r)).message); return; }
    const url = URL.createObjectURL(await r.blob());
    const save = Object.assign(document.createElement('a'), { href: url, download: a.getAttribute('download') });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
}

/** Copies the address of the view shown (its filters and range are in it; a read key never is). */
export async function copyLink() {
  try { await navigator.clipboard.writeText(location.href); say('Link copied'); } catch { say('Copy this link: ' + location.href); }
}
