// The election calendar, and the elections in or near their watch window on the world view.
import { api } from './api.js';
import { esc, time } from './format.js';

export function electionsTable(elections, all) {
  const now = Date.now();
  const shown = elections.filter(e => all || new Date(e.watchUntil) >= now).sort((a, b) => a.date.localeCompare(b.date));
  if (!shown.length) return '<p>No election is in or near its watch window.</p>';
  return `<table id="elections"><thead><tr><th scope="col">Country</th><th scope="col">Date</th><th scope="col">Election</th><th scope="col">Watch window</th></tr></thead><tbody>${
    shown.map(e => `<tr><td><a href="#/country/${esc(e.country)}">${esc(e.country)}</a></td><td>${esc(e.date)}</td><td>${esc(e.type)}</td><td>${time(e.watchFrom)} – ${time(e.watchUntil)}${new Date(e.watchFrom) <= now && now <= new Date(e.watchUntil) ? ' <strong>(watching now)</strong>' : ''}</td></tr>`).join('')}</tbody></table>`;
}

export async function calendar(main) {
  document.title = 'Grid: elections';
  const r = await api('/v1/elections');
  main.innerHTML = `<h2>Election calendar</h2><p>Grid watches each country more readily inside an election's watch window.</p>${electionsTable(r.body, true)}`;
}
