// The embeddable widget: /console/widget.html#BY (a country) or #BY-MI (a region), for an iframe
// next to the status badge. One request a minute with If-None-Match.
'use strict';
(() => {
  const code = location.hash.replace(/^#/, '').toUpperCase();
  const kind = /^[A-Z]{2}$/.test(code) ? 'countries' : 'regions';
  const route = kind === 'countries' ? 'country' : 'region';
  const link = document.getElementById('widget');
  const symbol = { normal: '✓', warning: '!', critical: '✕', unknown: '?' };
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  let etag = null;
  async function refresh() {
    try {
      const r = await fetch(`/v1/${kind}/${encodeURIComponent(code)}`, { cache: 'no-store', headers: etag ? { 'If-None-Match': etag } : {} });
      if (r.status === 304) return;
      if (!r.ok) { link.textContent = `Grid has no status for ${code}`; return; }
      etag = r.headers.get('ETag');
      const s = await r.json();
      const since = s.openEvent?.start ? ` <small>since ${esc(new Date(s.openEvent.start).toISOString().slice(0, 16).replace('T', ' '))} UTC</small>` : '';
      link.href = `${location.origin}/#/${route}/${encodeURIComponent(code)}`;
      link.innerHTML = `Internet in ${esc(s.name || code)}: <span class="lv lv-${esc(s.level)}">${symbol[s.level] || ''} ${esc(s.level)}</span>${since}`;
    } catch {
      link.textContent = 'Grid is not reachable';
    }
  }
  refresh();
  setInterval(refresh, 60000);
})();
