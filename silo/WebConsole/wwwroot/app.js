// Grid's console: vanilla JS modules and SVG over the public /v1 API, no build step, hash routes
// (#/, #/country/BY, #/region/BY-HM, #/as/AS6697, #/events?…, #/elections, #/key).
import { keyedDownloads, newView, nowUtc, readKey, say } from './api.js';
import { calendar } from './elections.js';
import { entity } from './entity.js';
import { events } from './events.js';
import { esc } from './format.js';
import { keyForm } from './readkey.js';
import { world } from './world.js';

const main = document.getElementById('main');

async function route() {
  const view = newView();
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const m = /^\/(country|region|as)\/([A-Za-z0-9-]+)$/.exec(path || '');
  try {
    if (path === '/key') { keyForm(main, '', () => { location.hash = '#/'; }); return; }
    if (m) await entity(main, view, m[1], m[2].toUpperCase(), params);
    else if (path === '/elections') await calendar(main);
    else if (path === '/events') await events(main, view, params);
    else await world(main, view);
    say('Updated ' + nowUtc());
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      // Reads need a key here: ask for one, then show the view that was asked for.
      keyForm(main, readKey.get() ? `This key was not accepted: ${e.message}` : 'This Grid server needs a read key to show its data.', route);
      say('A read key is needed');
      return;
    }
    main.innerHTML = `<h2>Not available</h2><p>${esc(e.message)}</p><p><a href="#/">Back to the world view</a></p>`;
  }
}

window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => { if (!document.hidden) say('Resuming updates'); });
keyedDownloads(main);
// The skip link moves focus only: as a link to #main it would be taken for a route.
document.querySelector('.skip').addEventListener('click', ev => { ev.preventDefault(); main.focus(); });
route();
