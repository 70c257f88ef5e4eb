// The events list: filters by entity (a country, a region or an AS), level, open or closed, and
// dates, all kept in the address (#/events?entity=BY-HM&level=critical&open=true&from=…&until=…),
// so a copied link opens the same list.
import { api, copyLink, isCurrent, poll } from './api.js';
import { esc, level, time } from './format.js';

const LIMIT = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function eventsTable(items) {
  if (!items.length) return '<p>No events.</p>';
  return `<table class="events"><thead><tr><th scope="col">Entity</th><th scope="col">Level</th><th scope="col">Status</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th><th scope="col">Signals</th><th scope="col">Mechanism</th><th scope="col">Election</th></tr></thead><tbody>${
    items.map(e => `<tr data-entity="${esc(e.entity)}" data-status="${esc(e.status)}" data-level="${esc(e.level)}"><td><a href="#/${esc((e.location || 'as/').split('/')[0].replace('asn', 'as'))}/${esc(e.entity)}">${esc(e.name || e.entity)}</a></td><td>${level(e.level)}</td><td>${e.status === 'active' ? 'open' : 'closed'}</td><td>${time(e.startTime)}</td><td>${e.endTime ? time(e.endTime) : '–'}</td><td>${esc(e.duration)} s</td><td>${esc((e.signals || []).join(', '))}</td><td>${esc(e.mechanism || 'unknown')}</td><td>${e.election ? 'yes' : 'no'}</td></tr>`).join('')}</tbody></table>`;
}

/** The API's filter for what a reader typed: BY (a country, its ASes and regions too), BY-HM (a region), AS6697 (an AS). */
export function entityFilter(text) {
  const t = text.trim().toUpperCase();
  if (!t) return [];
  if (/^[A-Z]{2}$/.test(t)) return [['country', t]];
  if (/^(AS)?\d{1,10}$/.test(t)) return [['asn', t.startsWith('AS') ? t : 'AS' + t]];
  if (/^[A-Z]{2}-[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(t)) return [['region', t]];
  return null;
}

export async function events(main, view, params) {
  document.title = 'Grid: events';
  const address = location.hash;
  // The older address #/events?country=BY still opens its list.
  const f = { entity: params.get('entity') || params.get('country') || '', level: params.get('level') || '', open: params.get('open') || '', from: params.get('from') || '', until: params.get('until') || '' };
  const opt = (name, v, label) => `<option value="${v}"${v === f[name] ? ' selected' : ''}>${label}</option>`;
  main.innerHTML = `<h2>Events</h2><form id="filters" class="filters">
    <label>Country, region or AS <input name="entity" value="${esc(f.entity)}" size="10" aria-describedby="entity-help" autocomplete="off"></label>
    <label>Level <select name="level">${opt('level', '', 'any')}${opt('level', 'warning', 'warning or worse')}${opt('level', 'critical', 'critical')}</select></label>
    <label>Status <select name="open">${opt('open', '', 'open or closed')}${opt('open', 'true', 'open')}${opt('open', 'false', 'closed')}</select></label>
    <label>From (UTC) <input type="date" name="from" value="${esc(f.from)}"></label>
    <label>Until (UTC) <input type="date" name="until" value="${esc(f.until)}"></label>
    <button type="submit">Filter</button> <a href="#/events">Clear</a> <button type="button" id="copy-link">Copy link</button></form>
    <p id="entity-help" class="hint">For example BY (Belarus, with its regions and ASes), BY-HM (a region) or AS6697 (an AS). Dates include the whole day in UTC.</p>
    <div id="event-list"></div>`;
  main.querySelector('#copy-link').addEventListener('click', copyLink);
  main.querySelector('#filters').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = new URLSearchParams([...new FormData(ev.target)].filter(([, v]) => v.trim()).map(([k, v]) => [k, k === 'entity' ? v.trim().toUpperCase() : v]));
    location.hash = '#/events' + (q.toString() ? '?' + q : '');
  });
  const list = document.getElementById('event-list');
  const who = entityFilter(f.entity);
  const bad = who === null ? `"${f.entity}" is not a country, region or AS: type a code such as BY, BY-HM or AS6697.`
    : [f.from, f.until].some(d => d && !DATE.test(d)) ? 'Dates are written as 2026-12-31.'
    : f.from && f.until && f.from > f.until ? `The list would start (${f.from}) after it ends (${f.until}): swap the dates.` : '';
  if (bad) { list.innerHTML = `<p class="problem" role="alert">${esc(bad)}</p>`; list.dataset.shown = address; return; }
  const q = new URLSearchParams([['limit', LIMIT], ...who]);
  if (f.level) q.set('level', f.level);
  if (f.open) q.set('open', f.open);
  if (f.from) q.set('from', `${f.from}T00:00:00Z`);
  if (f.until) q.set('until', `${f.until}T23:59:59Z`);
  let shown = '';
  const draw = async () => {
    const r = await api('/v1/events?' + q);
    // Redrawn only when the list changed, so a reader's place in it stays.
    const text = JSON.stringify(r.body);
    if (!isCurrent(view) || text === shown) return;
    shown = text;
    const { total, items } = r.body;
    list.innerHTML = `<p id="event-count">${total === 1 ? '1 event' : `${total} events`}${total > items.length ? `; the newest ${items.length} are shown` : ''}.</p>${eventsTable(items)}`;
    list.dataset.shown = address;
  };
  try { await draw(); } catch (e) {
    if (e.status !== 400) throw e;
    list.innerHTML = `<p class="problem" role="alert">${esc(e.message)}</p>`;
    list.dataset.shown = address;
    return;
  }
  poll(draw);
}
