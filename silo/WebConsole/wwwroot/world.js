// The world view: a tile map of countries coloured (and marked) by level, the countries that are
// not normal, and the elections near their watch window; polled with ETags.
import { api, isCurrent, poll } from './api.js';
import { electionsTable } from './elections.js';
import { SYMBOL, esc, level, ratio, time } from './format.js';
import { activate, keyboard, remember } from './tilemap.js';

const COLUMNS = 28;
let tileRows = null;

async function tiles() {
  if (!tileRows) {
    const text = await (await fetch('/console/tiles.txt')).text();
    tileRows = text.split('\n').filter(l => l.trim() && !l.startsWith('#')).map(l => l.trim().split(/\s+/));
  }
  return tileRows;
}

const chunk = (a, n) => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

function tileGrid(rows, countries) {
  const byCode = new Map(countries.map(c => [c.code, c]));
  const placed = new Set(rows.flat());
  const extra = countries.map(c => c.code).filter(c => !placed.has(c));
  const all = extra.length ? [...rows, ...chunk(extra, COLUMNS)] : rows;
  let html = '';
  all.forEach((row, y) => row.forEach((code, x) => {
    if (code === '.') return;
    const c = byCode.get(code);
    const pos = `grid-row:${y + 1};grid-column:${x + 1}`;
    html += c
      ? `<a class="tile lv-${esc(c.level)}" style="${pos}" href="#/country/${esc(code)}" tabindex="-1" data-x="${x}" data-y="${y}" data-code="${esc(code)}" data-level="${esc(c.level)}" aria-label="${esc(code)}: ${esc(c.name || code)}, ${esc(c.level)}" title="${esc(c.name || code)}: ${esc(c.level)}"><b>${esc(code)}</b><i aria-hidden="true">${SYMBOL[c.level] || ''}</i></a>`
      : `<span class="tile" style="${pos}" data-code="${esc(code)}" data-level="none" aria-hidden="true" title="${esc(code)}: no data">${esc(code)}</span>`;
  }));
  return html;
}

function notNormalTable(countries) {
  const out = countries.filter(c => c.level === 'warning' || c.level === 'critical')
    .sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'critical' ? -1 : 1));
  if (!out.length) return '<p id="all-normal">Every country with data is normal or still learning its baseline.</p>';
  return `<table id="not-normal"><thead><tr><th scope="col">Country</th><th scope="col">Level</th><th scope="col">BGP</th><th scope="col">Probes</th><th scope="col">Since</th></tr></thead><tbody>${
    out.map(c => `<tr data-code="${esc(c.code)}"><td><a href="#/country/${esc(c.code)}">${esc(c.name || c.code)} (${esc(c.code)})</a></td><td>${level(c.level)}</td><td>${ratio(c.signals?.bgp?.ratio)}</td><td>${ratio(c.signals?.probes?.ratio)}</td><td>${time(c.openEvent?.start)}</td></tr>`).join('')}</tbody></table>`;
}

export async function world(main, view) {
  document.title = 'Grid: world';
  main.innerHTML = `<h2>World</h2><p id="map-help" class="hint">Tab to the map, then move between countries with the arrow keys; Enter opens one.</p>
    <div class="tiles" id="map" role="group" aria-label="Countries by level, laid out roughly as on a map" aria-describedby="map-help"></div>
    <div class="cols"><section><h2>Not normal</h2><div id="alerts"></div></section>
    <section><h2>Upcoming elections</h2><div id="election-list"></div></section></div>`;
  const map = document.getElementById('map');
  keyboard(map);
  const draw = async () => {
    const [rows, countries] = await Promise.all([tiles(), api('/v1/countries?limit=1000')]);
    if (!isCurrent(view) || (!countries.changed && map.childElementCount)) return;
    // A redraw keeps the map's tab stop, and the focus when a keyboard user is on it.
    const before = remember(map);
    map.innerHTML = tileGrid(rows, countries.body);
    activate(map, before.code, before.focused);
    document.getElementById('alerts').innerHTML = notNormalTable(countries.body);
  };
  const elections = api('/v1/elections').then(r => { if (isCurrent(view)) document.getElementById('election-list').innerHTML = electionsTable(r.body); })
    .catch(() => { if (isCurrent(view)) document.getElementById('election-list').innerHTML = '<p>Elections are not available on this silo.</p>'; });
  await Promise.all([draw(), elections]);
  poll(draw);
}
