// Grid's console: vanilla JS and SVG over the public /v1 API, hash routes (#/, #/country/BY,
// #/events). One poll at a time, every POLL_MS, with If-None-Match, paused while the tab is hidden:
// an idle console costs one 304 per interval, never a request storm.
'use strict';
const POLL_MS = 5000;
const SIGNALS = ['bgp', 'bgp6', 'probes'];
const SIGNAL_NAMES = { bgp: 'BGP-visible /24s (IPv4)', bgp6: 'BGP-visible /48s (IPv6)', probes: 'Responding probes' };
const RANGES = { '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
const SYMBOL = { normal: '✓', warning: '!', critical: '✕', unknown: '?' };
const main = document.getElementById('main');
const statusLine = document.getElementById('status');
let pollTimer = null;
let view = 0; // bumped on every route change, so a late answer never draws over a newer page

const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const level = l => `<span class="lv lv-${esc(l)}">${SYMBOL[l] || ''} ${esc(l)}</span>`;
const ratio = r => r == null ? '–' : (r * 100).toFixed(r < 0.1 ? 1 : 0) + '%';
function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `<time datetime="${esc(d.toISOString())}" title="${esc(d.toLocaleString())} (your local time)">${esc(d.toISOString().slice(0, 16).replace('T', ' '))} UTC</time>`;
}

const etags = new Map();
/** GETs JSON; with an ETag from before, a 304 answers with the body kept from then (changed: false). */
async function api(url) {
  const known = etags.get(url);
  const r = await fetch(url, { cache: 'no-store', headers: known ? { 'If-None-Match': known.etag, Accept: 'application/json' } : { Accept: 'application/json' } });
  if (r.status === 304 && known) return { body: known.body, changed: false };
  if (!r.ok) { const e = new Error(`${url}: HTTP ${r.status}`); e.status = r.status; throw e; }
  const body = await r.json();
  const etag = r.headers.get('ETag');
  if (etag) etags.set(url, { etag, body });
  return { body, changed: true };
}
const optional = p => p.then(r => r.body, e => (e.status === 404 ? null : Promise.reject(e)));

function poll(fn) {
  clearTimeout(pollTimer);
  const mine = view;
  const tick = async () => {
    if (mine !== view) return;
    if (!document.hidden) {
      try { await fn(); statusLine.textContent = 'Updated ' + new Date().toISOString().slice(11, 19) + ' UTC'; }
      catch (e) { statusLine.textContent = 'Update failed: ' + e.message + '; retrying'; }
    }
    if (mine === view) pollTimer = setTimeout(tick, POLL_MS);
  };
  pollTimer = setTimeout(tick, POLL_MS);
}

// ---- World ------------------------------------------------------------------------------------
let tileRows = null;
async function tiles() {
  if (!tileRows) {
    const text = await (await fetch('/console/tiles.txt')).text();
    tileRows = text.split('\n').filter(l => l.trim() && !l.startsWith('#')).map(l => l.trim().split(/\s+/));
  }
  return tileRows;
}

function tileGrid(rows, countries) {
  const byCode = new Map(countries.map(c => [c.code, c]));
  const placed = new Set(rows.flat());
  const extra = countries.map(c => c.code).filter(c => !placed.has(c));
  const all = extra.length ? [...rows, ...chunk(extra, 28)] : rows;
  let html = '';
  all.forEach((row, y) => row.forEach((code, x) => {
    if (code === '.') return;
    const c = byCode.get(code);
    const pos = `grid-row:${y + 1};grid-column:${x + 1}`;
    html += c
      ? `<a class="tile lv-${esc(c.level)}" style="${pos}" href="#/country/${esc(code)}" data-code="${esc(code)}" data-level="${esc(c.level)}" aria-label="${esc(code)}: ${esc(c.name || code)}, ${esc(c.level)}" title="${esc(c.name || code)}: ${esc(c.level)}"><b>${esc(code)}</b><i aria-hidden="true">${SYMBOL[c.level] || ''}</i></a>`
      : `<span class="tile" style="${pos}" data-code="${esc(code)}" data-level="none" aria-hidden="true" title="${esc(code)}: no data">${esc(code)}</span>`;
  }));
  return html;
}
const chunk = (a, n) => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

function notNormalTable(countries) {
  const out = countries.filter(c => c.level === 'warning' || c.level === 'critical')
    .sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'critical' ? -1 : 1));
  if (!out.length) return '<p id="all-normal">Every country with data is normal or still learning its baseline.</p>';
  return `<table id="not-normal"><thead><tr><th scope="col">Country</th><th scope="col">Level</th><th scope="col">BGP</th><th scope="col">Probes</th><th scope="col">Since</th></tr></thead><tbody>${
    out.map(c => `<tr data-code="${esc(c.code)}"><td><a href="#/country/${esc(c.code)}">${esc(c.name || c.code)} (${esc(c.code)})</a></td><td>${level(c.level)}</td><td>${ratio(c.signals?.bgp?.ratio)}</td><td>${ratio(c.signals?.probes?.ratio)}</td><td>${time(c.openEvent?.start)}</td></tr>`).join('')}</tbody></table>`;
}

function electionsTable(elections, all) {
  const now = Date.now();
  const upcoming = elections.filter(e => all || new Date(e.watchUntil) >= now).sort((a, b) => a.date.localeCompare(b.date));
  if (!upcoming.length) return '<p>No election is in or near its watch window.</p>';
  return `<table id="elections"><thead><tr><th scope="col">Country</th><th scope="col">Date</th><th scope="col">Election</th><th scope="col">Watch window</th></tr></thead><tbody>${
    upcoming.map(e => `<tr><td><a href="#/country/${esc(e.country)}">${esc(e.country)}</a></td><td>${esc(e.date)}</td><td>${esc(e.type)}</td><td>${time(e.watchFrom)} – ${time(e.watchUntil)}${new Date(e.watchFrom) <= now && now <= new Date(e.watchUntil) ? ' <strong>(watching now)</strong>' : ''}</td></tr>`).join('')}</tbody></table>`;
}

async function world() {
  document.title = 'Grid: world';
  main.innerHTML = `<h2>World</h2><div class="tiles" id="map" role="group" aria-label="Countries by level, laid out roughly as on a map"></div>
    <div class="cols"><section><h2>Not normal</h2><div id="alerts"></div></section>
    <section><h2>Upcoming elections</h2><div id="election-list"></div></section></div>`;
  const mine = view;
  const draw = async () => {
    const [rows, countries] = await Promise.all([tiles(), api('/v1/countries?limit=1000')]);
    if (mine !== view || (!countries.changed && document.getElementById('map').childElementCount)) return;
    document.getElementById('map').innerHTML = tileGrid(rows, countries.body);
    document.getElementById('alerts').innerHTML = notNormalTable(countries.body);
  };
  const elections = api('/v1/elections').then(r => { if (mine === view) document.getElementById('election-list').innerHTML = electionsTable(r.body); })
    .catch(() => { document.getElementById('election-list').textContent = 'Elections are not available on this silo.'; });
  await Promise.all([draw(), elections]);
  poll(draw);
}

// ---- Country ----------------------------------------------------------------------------------
function chart(name, points, status, events, election, from, until) {
  const W = 900, H = 170, L = 56, R = 10, T = 10, B = 24;
  const x = t => L + (W - L - R) * (t - from) / (until - from);
  const max = Math.max(1, status?.baseline || 0, ...points.map(p => p.value)) * 1.1;
  const y = v => T + (H - T - B) * (1 - v / max);
  const shade = (s, e, cls, label) => {
    const a = Math.max(from, s), b = Math.min(until, e);
    return b > a ? `<rect class="${cls}" x="${x(a).toFixed(1)}" y="${T}" width="${Math.max(2, x(b) - x(a)).toFixed(1)}" height="${H - T - B}"><title>${esc(label)}</title></rect>` : '';
  };
  let svg = '';
  if (election) svg += shade(Date.parse(election.watchFrom), Date.parse(election.watchUntil), 'election', `Election watch window: ${election.type} on ${election.date}`);
  for (const e of events) svg += shade(Date.parse(e.startTime), e.endTime ? Date.parse(e.endTime) : until, 'event', `Event ${e.id}: ${e.level}, ${e.status}`);
  if (status?.baseline != null) svg += `<line class="base" x1="${L}" x2="${W - R}" y1="${y(status.baseline).toFixed(1)}" y2="${y(status.baseline).toFixed(1)}"/><text x="${W - R - 4}" y="${(y(status.baseline) - 3).toFixed(1)}" text-anchor="end">baseline ${status.baseline}</text>`;
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(Date.parse(p.at)).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
  if (line) svg += `<path class="series" d="${line}"/>`;
  svg += `<line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"/><text x="${L - 4}" y="${T + 8}" text-anchor="end">${Math.round(max)}</text><text x="${L - 4}" y="${H - B}" text-anchor="end">0</text>`;
  svg += `<text x="${L}" y="${H - 6}">${esc(new Date(from).toISOString().slice(0, 16).replace('T', ' '))} UTC</text><text x="${W - R}" y="${H - 6}" text-anchor="end">${esc(new Date(until).toISOString().slice(0, 16).replace('T', ' '))} UTC</text>`;
  const last = points.at(-1);
  const summary = `${SIGNAL_NAMES[name]}: ${points.length} points, latest ${last ? last.value : 'none'}, baseline ${status?.baseline ?? 'none'}, ${events.length} event(s) shaded`;
  return `<figure><figcaption><strong>${esc(SIGNAL_NAMES[name])}</strong> ${status ? level(status.level) + ' ratio ' + ratio(status.ratio) : ''}</figcaption>
    <svg class="chart" data-signal="${name}" data-min="${points.length ? Math.min(...points.map(p => p.value)) : ''}" data-max="${points.length ? Math.max(...points.map(p => p.value)) : ''}" data-baseline="${status?.baseline ?? ''}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(summary)}"><title>${esc(summary)}</title>${svg}</svg></figure>`;
}

function eventFields(e) {
  if (!e) return '<p>No open event.</p>';
  const rows = [['id', esc(e.id)], ['start', time(e.start)], ['duration', esc(e.duration)], ['level', level(e.level)], ['score', esc(e.score?.toFixed(1))],
    ['fraction', esc(e.fraction?.toFixed(3))], ['signals', esc(Object.entries(e.signalScores || {}).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '))],
    ['data source', esc(e.dataSource)], ['election', e.election ? 'yes: inside an election watch window' : 'no']];
  return `<dl class="fields" id="open-event">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function entityTable(id, items, href) {
  if (!items?.length) return '<p>None with data.</p>';
  return `<table id="${id}"><thead><tr><th scope="col">Name</th><th scope="col">Level</th><th scope="col">BGP</th></tr></thead><tbody>${
    items.map(i => `<tr><td>${href ? `<a href="${href(i)}">` : ''}${esc(i.name ? `${i.name} (${i.code})` : i.code)}${href ? '</a>' : ''}</td><td>${level(i.level)}</td><td>${ratio(i.signals?.bgp?.ratio)}</td></tr>`).join('')}</tbody></table>`;
}

/**
 * A country's page (kind 'country'), a region's ('region') or an AS's ('as'): the same signals,
 * events and downloads; regions and ASes are a country's; the badge is a country's or a region's.
 */
async function entity(kind, cc, params) {
  const range = RANGES[params.get('range')] ? params.get('range') : '24h';
  const isCountry = kind === 'country';
  const base = { country: `/v1/countries/${cc}`, region: `/v1/regions/${cc}`, as: `/v1/asns/${cc}` }[kind];
  document.title = `Grid: ${cc}`;
  const mine = view;
  const load = async (first) => {
    const c = await api(base);
    if (!first && !c.changed) return;
    const until = Date.now(), from = until - RANGES[range] * 1000;
    // 24 h at the silo's own step (Grid:Signals:Step); longer ranges in about 600 points.
    const step = range === '24h' ? '' : `&step=${Math.round(RANGES[range] / 600)}`;
    const q = `from=${new Date(from).toISOString()}&until=${new Date(until).toISOString()}${step}`;
    const [signals, events, elections, ases] = await Promise.all([
      api(`${base}/signals?${q}`).then(r => r.body),
      api(`/v1/events?${kind === 'as' ? 'asn=' + cc : 'country=' + cc.slice(0, 2)}&from=${new Date(from).toISOString()}&limit=200`).then(r => r.body.items.filter(e => e.entity === cc)),
      optional(api('/v1/elections')), isCountry ? optional(api(`${base}/asns?limit=20`)) : null]);
    if (mine !== view) return;
    const s = c.body;
    const election = (elections || []).find(e => e.country === (isCountry ? cc : s.country) && Date.parse(e.watchUntil) >= from);
    // A history shorter than the range (a silo started an hour ago) is drawn from its first point, not squeezed to the right.
    const historyStart = Math.min(...SIGNALS.map(n => signals.signals[n]?.length ? Date.parse(signals.signals[n][0].at) : until));
    const drawFrom = historyStart < until ? Math.max(from, historyStart) : from;
    const charts = SIGNALS.filter(n => signals.signals[n]?.length || s.signals[n]?.baseline != null)
      .map(n => chart(n, signals.signals[n] || [], s.signals[n], events, election, drawFrom, until)).join('');
    const badge = `/v1/countries/${cc}/badge.svg`;
    main.innerHTML = `<h2>${esc(s.name || cc)} (${esc(cc)}) ${level(s.level)}</h2>
      <p>Updated ${time(s.updatedAt)}${election ? ` · Election: ${esc(election.type)} on ${esc(election.date)}, watched ${time(election.watchFrom)} – ${time(election.watchUntil)}` : ''}</p>
      <div class="ranges" role="group" aria-label="Time range">${Object.keys(RANGES).map(r => `<button type="button" data-range="${r}" aria-pressed="${r === range}">${r}</button>`).join('')}</div>
      <div class="actions"><a href="${base}/signals?${q}&format=csv" download="${cc}-signals.csv" id="csv">Download CSV</a> ·
        <a href="${base}/signals?${q}" download="${cc}-signals.json">Download JSON</a> ·
        <button type="button" id="copy-link">Copy link</button></div>
      ${charts || '<p>No signal history yet.</p>'}
      <div class="cols"><section><h2>Open event</h2>${eventFields(s.openEvent)}</section>
      <section><h2>Events in range</h2>${eventsTable(events)}</section></div>
      ${isCountry ? `<div class="cols"><section><h2>Regions</h2>${s.regions ? entityTable('regions', s.regions, r => `#/region/${encodeURIComponent(r.code)}`) + `<p class="attribution"><a href="https://db-ip.com">${esc(s.attribution || 'IP Geolocation by DB-IP')}</a></p>` : '<p>This silo has no region data (see README: Regions).</p>'}</section>
      <section><h2>Top ASes</h2>${entityTable('ases', ases?.items || ases, a => `#/as/${encodeURIComponent(a.code)}`)}</section></div>
      <h2>Embed</h2><p><img src="${badge}" alt="Grid status badge for ${esc(cc)}" height="20"> Badge: <code>&lt;img src="${esc(location.origin + badge)}"&gt;</code></p>
      <p>Widget: <code>&lt;iframe src="${esc(location.origin)}/console/widget.html#${esc(cc)}" title="Internet status in ${esc(cc)}" width="360" height="44"&gt;&lt;/iframe&gt;</code>
        <a href="/console/widget.html#${esc(cc)}" id="widget-link">preview</a></p>`
      : `<p>In ${s.country ? `<a href="#/country/${esc(s.country)}">${esc(s.country)}</a>` : 'no country'}.</p>`}
      ${kind === 'region' ? `<p class="attribution"><a href="https://db-ip.com">${esc(s.attribution || 'IP Geolocation by DB-IP')}</a></p>
      <p><img src="${base}/badge.svg" alt="Grid status badge for ${esc(cc)}" height="20"> Widget: <code>&lt;img src="${esc(location.origin + base)}/badge.svg"&gt;</code></p>` : ''}`;
    main.querySelectorAll('[data-range]').forEach(b => b.addEventListener('click', () => { location.hash = `#/${kind}/${cc}?range=${b.dataset.range}`; }));
    main.querySelector('#copy-link').addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(location.href); statusLine.textContent = 'Link copied'; }
      catch { statusLine.textContent = 'Copy this link: ' + location.href; }
    });
  };
  await load(true);
  poll(() => load(false));
}

// ---- Election calendar ------------------------------------------------------------------------
async function calendar() {
  document.title = 'Grid: elections';
  const r = await api('/v1/elections');
  main.innerHTML = `<h2>Election calendar</h2><p>Grid watches each country more readily inside an election's watch window.</p>${electionsTable(r.body, true)}`;
}

// ---- Events -----------------------------------------------------------------------------------
function eventsTable(items) {
  if (!items.length) return '<p>No events.</p>';
  return `<table class="events"><thead><tr><th scope="col">Entity</th><th scope="col">Level</th><th scope="col">Status</th><th scope="col">Start</th><th scope="col">Duration</th><th scope="col">Signals</th><th scope="col">Election</th></tr></thead><tbody>${
    items.map(e => `<tr data-entity="${esc(e.entity)}"><td><a href="#/${esc((e.location || 'as/').split('/')[0].replace('asn', 'as'))}/${esc(e.entity)}">${esc(e.name || e.entity)}</a></td><td>${level(e.level)}</td><td>${esc(e.status)}</td><td>${time(e.startTime)}</td><td>${esc(e.duration)} s</td><td>${esc((e.signals || []).join(', '))}</td><td>${e.election ? 'yes' : 'no'}</td></tr>`).join('')}</tbody></table>`;
}

async function events(params) {
  document.title = 'Grid: events';
  const cc = params.get('country') || '', lv = params.get('level') || '', open = params.get('open') || '';
  const opt = (v, cur, label) => `<option value="${v}"${v === cur ? ' selected' : ''}>${label}</option>`;
  main.innerHTML = `<h2>Events</h2><form id="filters">
    <label>Country <input name="country" value="${esc(cc)}" size="3" maxlength="2" pattern="[A-Za-z]{2}"></label>
    <label>Level <select name="level">${opt('', lv, 'any')}${opt('warning', lv, 'warning or worse')}${opt('critical', lv, 'critical')}</select></label>
    <label>Status <select name="open">${opt('', open, 'any')}${opt('true', open, 'open')}${opt('false', open, 'closed')}</select></label>
    <button type="submit">Filter</button></form><div id="event-list"></div>`;
  main.querySelector('#filters').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = new URLSearchParams([...new FormData(ev.target)].filter(([, v]) => v).map(([k, v]) => [k, k === 'country' ? v.toUpperCase() : v]));
    location.hash = '#/events' + (q.toString() ? '?' + q : '');
  });
  const api_q = new URLSearchParams({ limit: '200' });
  if (cc) api_q.set('country', cc.toUpperCase()); if (lv) api_q.set('level', lv); if (open) api_q.set('open', open);
  const mine = view;
  const draw = async () => { const r = await api('/v1/events?' + api_q); if (mine === view && r.changed) document.getElementById('event-list').innerHTML = eventsTable(r.body.items); };
  await draw();
  poll(draw);
}

// ---- Routing ----------------------------------------------------------------------------------
async function route() {
  view++;
  clearTimeout(pollTimer);
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const m = /^\/(country|region|as)\/([A-Za-z0-9-]+)$/.exec(path || '');
  try {
    if (m) await entity(m[1], m[2].toUpperCase(), params);
    else if (path === '/elections') await calendar();
    else if (path === '/events') await events(params);
    else await world();
    statusLine.textContent = 'Updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
  } catch (e) {
    main.innerHTML = `<h2>Not available</h2><p>${esc(e.message)}</p><p><a href="#/">Back to the world view</a></p>`;
  }
}
window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => { if (!document.hidden) statusLine.textContent = 'Resuming updates'; });
route();
