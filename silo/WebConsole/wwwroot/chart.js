// A signal against its baseline as SVG, events shaded and the election window marked, with a
// readout of the point under the pointer, or under the keyboard's cursor on a focused chart
// (arrow keys a point, Page Up/Down a tenth, Home/End the ends): time in UTC, value, baseline.
import { esc, level, ratio, utc } from './format.js';

export const SIGNAL_NAMES = { bgp: 'BGP-visible /24s (IPv4)', bgp6: 'BGP-visible /48s (IPv6)', probes: 'Responding probes' };
const W = 900, H = 170, L = 56, R = 10, T = 10, B = 24;
const models = new Map();
const number = v => Number(v).toLocaleString('en');

export function chart(name, points, status, events, election, from, until) {
  const x = t => L + (W - L - R) * (t - from) / (until - from);
  const values = points.map(p => p.value);
  const max = Math.max(1, status?.baseline || 0, ...values) * 1.1;
  const y = v => T + (H - T - B) * (1 - v / max);
  const spans = [];
  const shade = (s, e, cls, label) => {
    const a = Math.max(from, s), b = Math.min(until, e);
    if (b <= a) return '';
    spans.push({ from: s, until: e, label });
    return `<rect class="${cls}" x="${x(a).toFixed(1)}" y="${T}" width="${Math.max(2, x(b) - x(a)).toFixed(1)}" height="${H - T - B}"><title>${esc(label)}</title></rect>`;
  };
  let svg = '';
  if (election) svg += shade(Date.parse(election.watchFrom), Date.parse(election.watchUntil), 'election', `Election watch window: ${election.type} on ${election.date}`);
  for (const e of events) svg += shade(Date.parse(e.startTime), e.endTime ? Date.parse(e.endTime) : until, 'event', `Event ${e.id}: ${e.level}, ${e.status}`);
  const baseline = status?.baseline;
  if (baseline != null) svg += `<line class="base" x1="${L}" x2="${W - R}" y1="${y(baseline).toFixed(1)}" y2="${y(baseline).toFixed(1)}"/><text x="${W - R - 4}" y="${(y(baseline) - 3).toFixed(1)}" text-anchor="end">baseline ${baseline}</text>`;
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(Date.parse(p.at)).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
  if (line) svg += `<path class="series" d="${line}"/>`;
  svg += `<line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"/><text x="${L - 4}" y="${T + 8}" text-anchor="end">${Math.round(max)}</text><text x="${L - 4}" y="${H - B}" text-anchor="end">0</text>`;
  svg += `<text x="${L}" y="${H - 6}">${esc(utc(from))}</text><text x="${W - R}" y="${H - 6}" text-anchor="end">${esc(utc(until))}</text>`;
  svg += `<g class="cursor" display="none"><line y1="${T}" y2="${H - B}"/><circle r="3.5"/></g>`;
  const title = SIGNAL_NAMES[name] || `Signal "${name}"`;
  const last = points.at(-1);
  const summary = `${title}: ${points.length} points, latest ${last ? last.value : 'none'}, baseline ${baseline ?? 'none'}, ${events.length} event(s) shaded`;
  models.set(name, { points: points.map(p => ({ t: Date.parse(p.at), v: p.value })), x, y, from, until, baseline, spans, index: null });
  const help = points.length ? 'Point at the chart, or focus it and use the arrow keys, to read a value.' : 'No points in this range.';
  return `<figure><figcaption><strong>${esc(title)}</strong> ${status ? level(status.level) + ' ratio ' + ratio(status.ratio) : ''}</figcaption>
    <svg class="chart" tabindex="${points.length ? 0 : -1}" data-signal="${esc(name)}" data-min="${points.length ? Math.min(...values) : ''}" data-max="${points.length ? Math.max(...values) : ''}" data-baseline="${baseline ?? ''}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(summary)}" aria-describedby="readout-${esc(name)}"><title>${esc(summary)}</title>${svg}</svg>
    <p class="readout" id="readout-${esc(name)}" aria-live="polite">${help}</p></figure>`;
}

/** The readout of point `i` of a chart: text for everyone, data-at and data-value for scripts. */
function show(svg, m, i, readout) {
  m.index = Math.max(0, Math.min(m.points.length - 1, i));
  const p = m.points[m.index];
  const cursor = svg.querySelector('.cursor');
  cursor.setAttribute('display', 'inline');
  cursor.querySelector('line').setAttribute('x1', m.x(p.t).toFixed(1));
  cursor.querySelector('line').setAttribute('x2', m.x(p.t).toFixed(1));
  cursor.querySelector('circle').setAttribute('cx', m.x(p.t).toFixed(1));
  cursor.querySelector('circle').setAttribute('cy', m.y(p.v).toFixed(1));
  const base = m.baseline ? `; baseline ${number(m.baseline)}, so ${ratio(p.v / m.baseline)} of it` : '; no baseline yet';
  const during = m.spans.filter(s => s.from <= p.t && p.t <= s.until).map(s => s.label).join('; ');
  readout.textContent = `${utc(p.t)}: ${number(p.v)}${base}${during ? ` (${during})` : ''}`;
  readout.dataset.at = new Date(p.t).toISOString();
  readout.dataset.value = p.v;
}

/** The index of the point nearest time t (points are in time order). */
function nearest(points, t) {
  let lo = 0, hi = points.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (points[mid].t < t) lo = mid + 1; else hi = mid; }
  return lo > 0 && t - points[lo - 1].t < points[lo].t - t ? lo - 1 : lo;
}

/** Wires the readouts of the charts drawn in `root`; `keep` restores a chart's point after a redraw. */
export function readouts(root, keep = {}) {
  for (const svg of root.querySelectorAll('svg.chart')) {
    const m = models.get(svg.dataset.signal);
    const readout = root.querySelector(`#readout-${CSS.escape(svg.dataset.signal)}`);
    if (!m || !m.points.length || !readout) continue;
    const hide = () => svg.querySelector('.cursor').setAttribute('display', 'none');
    svg.addEventListener('pointermove', ev => {
      const box = svg.getBoundingClientRect();
      const vx = (ev.clientX - box.left) * W / box.width;
      show(svg, m, nearest(m.points, m.from + (vx - L) / (W - L - R) * (m.until - m.from)), readout);
    });
    svg.addEventListener('pointerleave', () => { if (document.activeElement !== svg) hide(); });
    svg.addEventListener('focus', () => show(svg, m, m.index ?? m.points.length - 1, readout));
    svg.addEventListener('blur', hide);
    svg.addEventListener('keydown', ev => {
      const tenth = Math.max(1, Math.round(m.points.length / 10)), i = m.index ?? m.points.length - 1;
      const to = { ArrowLeft: i - 1, ArrowRight: i + 1, PageUp: i - tenth, PageDown: i + tenth, Home: 0, End: m.points.length - 1 }[ev.key];
      if (ev.key === 'Escape') { hide(); return; }
      if (to === undefined) return;
      ev.preventDefault();
      show(svg, m, to, readout);
    });
    if (keep[svg.dataset.signal] != null) m.index = nearest(m.points, keep[svg.dataset.signal]);
  }
}

/** Which point each chart showed, by time, to keep across a redraw. */
export const kept = () => Object.fromEntries([...models].filter(([, m]) => m.index != null).map(([n, m]) => [n, m.points[m.index]?.t]));

export const forget = () => models.clear();
