// A country's page ('country'), a region's ('region') or an AS's ('as'): each signal against its
// baseline, events, downloads, a link to the exact view; a country's regions, top ASes and embeds.
import { api, copyLink, isCurrent, optional, poll, readKey } from './api.js';
import { SIGNAL_NAMES, chart, forget, kept, readouts } from './chart.js';
import { esc, level, ratio, time } from './format.js';
import { eventsTable } from './events.js';

const RANGES = { '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
const ORDER = Object.keys(SIGNAL_NAMES);

// How the disruption looks, in words a journalist can use (EventMechanism in grains/Detection).
function mechanism(m) {
  const words = { 'routes-withdrawn': 'routes withdrawn (BGP fell)', 'hosts-silent': 'hosts silent while routes stay',
    throttled: 'throttled: slower or lossier, still reachable', mixed: 'routes withdrawn and hosts silenced beyond them' };
  return esc(words[m] || 'unknown');
}

function eventFields(e) {
  if (!e) return '<p>No open event.</p>';
  const rows = [['id', esc(e.id)], ['start', time(e.start)], ['duration', esc(e.duration)], ['level', level(e.level)], ['score', esc(e.score?.toFixed(1))],
    ['fraction', esc(e.fraction?.toFixed(3))], ['signals', esc(Object.entries(e.signalScores || {}).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '))],
    ['data source', esc(e.dataSource)], ['mechanism', mechanism(e.mechanism)], ['election', e.election ? 'yes: inside an election watch window' : 'no']];
  return `<dl class="fields" id="open-event">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function entityTable(id, items, href) {
  if (!items?.length) return '<p>None with data.</p>';
  return `<table id="${id}"><thead><tr><th scope="col">Name</th><th scope="col">Level</th><th scope="col">BGP</th></tr></thead><tbody>${
    items.map(i => `<tr><td>${href ? `<a href="${href(i)}">` : ''}${esc(i.name ? `${i.name} (${i.code})` : i.code)}${href ? '</a>' : ''}</td><td>${level(i.level)}</td><td>${ratio(i.signals?.bgp?.ratio)}</td></tr>`).join('')}</tbody></table>`;
}

const attribution = s => `<p class="attribution"><a href="https://db-ip.com">${esc(s.attribution || 'IP Geolocation by DB-IP')}</a></p>`;

/** The badge and widget, which a page elsewhere loads without a key: only when reads are open. */
function embeds(kind, cc, base) {
  if (readKey.get()) return '<h2>Embed</h2><p>This silo asks for a read key, so its badge and widget cannot be embedded elsewhere.</p>';
  const img = `<img src="${base}/badge.svg" alt="Grid status badge for ${esc(cc)}" height="20">`;
  const widget = `${location.origin}/console/widget.html#${cc}`;
  return `<h2>Embed</h2><p>${img} Badge: <code>&lt;img src="${esc(location.origin + base)}/badge.svg"&gt;</code></p>
    <p>Widget: <code>&lt;iframe src="${esc(widget)}" title="Internet status in ${esc(cc)}" width="360" height="44"&gt;&lt;/iframe&gt;</code>
    <a href="/console/widget.html#${esc(cc)}" id="widget-link">preview</a></p>`;
}

export async function entity(main, view, kind, cc, params) {
  const range = RANGES[params.get('range')] ? params.get('range') : '24h';
  const isCountry = kind === 'country';
  const base = { country: `/v1/countries/${cc}`, region: `/v1/regions/${cc}`, as: `/v1/asns/${cc}` }[kind];
  const own = { country: `country=${cc}`, region: `region=${cc}`, as: `asn=${cc}` }[kind];
  document.title = `Grid: ${cc}`;
  const load = async (first) => {
    const c = await api(base);
    if (!first && !c.changed) return;
    const until = Date.now(), from = until - RANGES[range] * 1000;
    // 24 h at the silo's own step (Grid:Signals:Step); longer ranges in about 600 points.
    const step = range === '24h' ? '' : `&step=${Math.round(RANGES[range] / 600)}`;
    const q = `from=${new Date(from).toISOString()}&until=${new Date(until).toISOString()}${step}`;
    const [signals, events, elections, ases] = await Promise.all([
      api(`${base}/signals?${q}`).then(r => r.body),
      // A country's own events: its ASes' and regions' have pages of their own.
      api(`/v1/events?${own}&from=${new Date(from).toISOString()}&limit=200`).then(r => r.body.items.filter(e => e.entity === cc)),
      optional(api('/v1/elections')), isCountry ? optional(api(`${base}/asns?limit=20`)) : null]);
    if (!isCurrent(view)) return;
    const s = c.body;
    const election = (elections || []).find(e => e.country === (isCountry ? cc : s.country) && Date.parse(e.watchUntil) >= from);
    // A history shorter than the range (a silo started an hour ago) is drawn from its first point, not squeezed to the right.
    const names = [...new Set([...Object.keys(signals.signals), ...Object.keys(s.signals)])]
      .filter(n => signals.signals[n]?.length || s.signals[n]?.baseline != null)
      .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
    const historyStart = Math.min(...names.map(n => signals.signals[n]?.length ? Date.parse(signals.signals[n][0].at) : until));
    const drawFrom = historyStart < until ? Math.max(from, historyStart) : from;
    // A redraw keeps the point each chart showed and the focus of a keyboard user.
    const keep = kept(), active = document.activeElement, wasInside = main.contains(active);
    const refocus = active?.dataset?.signal ? `svg.chart[data-signal="${CSS.escape(active.dataset.signal)}"]` : active?.id ? `#${CSS.escape(active.id)}` : null;
    forget();
    const charts = names.map(n => chart(n, signals.signals[n] || [], s.signals[n], events, election, drawFrom, until)).join('');
    main.innerHTML = `<h2>${esc(s.name || cc)} (${esc(cc)}) ${level(s.level)}</h2>
      <p>Updated ${time(s.updatedAt)}${election ? ` · Election: ${esc(election.type)} on ${esc(election.date)}, watched ${time(election.watchFrom)} – ${time(election.watchUntil)}` : ''}</p>
      <div class="ranges" role="group" aria-label="Time range">${Object.keys(RANGES).map(r => `<button type="button" id="range-${r}" data-range="${r}" aria-pressed="${r === range}">${r}</button>`).join('')}</div>
      <div class="actions"><a href="${base}/signals?${q}&format=csv" download="${cc}-signals.csv" id="csv">Download CSV</a> ·
        <a href="${base}/signals?${q}" download="${cc}-signals.json" id="json">Download JSON</a> ·
        <button type="button" id="copy-link">Copy link</button> · <a href="#/events?entity=${esc(cc)}">All events of ${esc(cc)}</a></div>
      ${charts || '<p>No signal history yet.</p>'}
      <div class="cols"><section><h2>Open event</h2>${eventFields(s.openEvent)}</section>
      <section><h2>Events in range</h2>${eventsTable(events)}</section></div>
      ${isCountry ? `<div class="cols"><section><h2>Regions</h2>${s.regions ? entityTable('regions', s.regions, r => `#/region/${encodeURIComponent(r.code)}`) + attribution(s) : '<p>This silo has no region data (see README: Regions).</p>'}</section>
      <section><h2>Top ASes</h2>${entityTable('ases', ases?.items || ases, a => `#/as/${encodeURIComponent(a.code)}`)}</section></div>`
      : `<p>In ${s.country ? `<a href="#/country/${esc(s.country)}">${esc(s.country)}</a>` : 'no country'}.</p>`}
      ${kind === 'region' ? attribution(s) : ''}${kind !== 'as' ? embeds(kind, cc, base) : ''}`;
    readouts(main, keep);
    main.querySelectorAll('[data-range]').forEach(b => b.addEventListener('click', () => { location.hash = `#/${kind}/${cc}?range=${b.dataset.range}`; }));
    main.querySelector('#copy-link').addEventListener('click', copyLink);
    if (wasInside && refocus) main.querySelector(refocus)?.focus();
  };
  await load(true);
  poll(() => load(false));
}
