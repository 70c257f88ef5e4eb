// Plain formatting shared by the console's views: escaping, levels in words and symbols, UTC times.
export const SYMBOL = { normal: '✓', warning: '!', critical: '✕', unknown: '?' };

export const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** A level as a symbol and a word, never as colour alone. */
export const level = l => `<span class="lv lv-${esc(l)}">${SYMBOL[l] || ''} ${esc(l)}</span>`;

export const ratio = r => r == null ? '–' : (r * 100).toFixed(r < 0.1 ? 1 : 0) + '%';

/** "2026-12-05 07:40 UTC" for a time in milliseconds. */
export const utc = ms => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** A time shown in UTC, with the reader's local time on hover. */
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `<time datetime="${esc(d.toISOString())}" title="${esc(d.toLocaleString())} (your local time)">${esc(utc(d.getTime()))}</time>`;
}
