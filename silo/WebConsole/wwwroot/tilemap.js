// Keyboard for the tile map, a roving tabindex (WAI-ARIA Authoring Practices, "Keyboard Navigation
// Inside Components"): the map is one tab stop, not 250. The arrow keys move between countries in
// grid order, Home and End to the ends of a row (with Ctrl, of the map), Enter opens the country,
// since each tile is a link.
const tilesOf = map => [...map.querySelectorAll('a.tile')];
const at = t => ({ x: +t.dataset.x, y: +t.dataset.y });

/** Makes the tile of `code` (else the first) the map's one tab stop; focuses it when asked. */
export function activate(map, code, focus) {
  const tiles = tilesOf(map);
  const target = tiles.find(t => t.dataset.code === code) || tiles[0];
  for (const t of tiles) t.tabIndex = t === target ? 0 : -1;
  if (target && focus) target.focus();
}

/** The tile the map's tab stop is on, and whether focus is in the map, before a redraw. */
export const remember = map => ({ code: map.querySelector('a.tile[tabindex="0"]')?.dataset.code, focused: map.contains(document.activeElement) });

/** The tile nearest `from` in the nearest row above (dy -1) or below (dy 1) that has any; ties go left. */
function vertical(tiles, from, dy) {
  const rows = tiles.map(at).map(p => p.y).filter(y => (y - from.y) * dy > 0);
  if (!rows.length) return null;
  const row = dy > 0 ? Math.min(...rows) : Math.max(...rows);
  return tiles.filter(t => at(t).y === row).sort((a, b) => Math.abs(at(a).x - from.x) - Math.abs(at(b).x - from.x) || at(a).x - at(b).x)[0];
}

export function keyboard(map) {
  map.addEventListener('focusin', ev => { if (ev.target.matches('a.tile')) activate(map, ev.target.dataset.code, false); });
  map.addEventListener('keydown', ev => {
    const current = ev.target.closest('a.tile');
    if (!current || ev.altKey || ev.metaKey) return;
    // Grid order: row by row, left to right, as the tiles are drawn.
    const tiles = tilesOf(map).sort((a, b) => at(a).y - at(b).y || at(a).x - at(b).x);
    const i = tiles.indexOf(current), here = at(current);
    const row = tiles.filter(t => at(t).y === here.y);
    const moves = {
      ArrowRight: tiles[i + 1], ArrowLeft: tiles[i - 1],
      ArrowDown: vertical(tiles, here, 1), ArrowUp: vertical(tiles, here, -1),
      Home: ev.ctrlKey ? tiles[0] : row[0], End: ev.ctrlKey ? tiles.at(-1) : row.at(-1),
    };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    if (moves[ev.key]) activate(map, moves[ev.key].dataset.code, true);
  });
}
