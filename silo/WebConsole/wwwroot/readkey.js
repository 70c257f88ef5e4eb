// The read key, for a silo whose reads need one (Grid:Auth:RequireKeyForReads=true). The field has
// no name, so the form can never send it anywhere; the key stays in this tab's sessionStorage and
// goes only into the X-Api-Key header of the console's own requests.
import { readKey, say } from './api.js';
import { esc } from './format.js';

export function keyForm(main, why, done) {
  document.title = 'Grid: read key';
  const has = !!readKey.get();
  main.innerHTML = `<h2>Read key</h2>${why ? `<p class="problem" role="alert">${esc(why)}</p>` : ''}
    <p>Some Grid servers show their data only to people with a key. Ask the people who run this one for a key with the <code>read</code> scope.
    The key is kept in this browser tab only, until you close it, and is never put in a link.</p>
    <form id="key-form"><label>Key <input type="password" id="read-key" autocomplete="off" spellcheck="false" required></label>
    <button type="submit">Use this key</button></form>
    <p>${has ? 'A key is in use in this tab. <button type="button" id="forget-key">Forget the key</button>' : 'No key is in use in this tab.'}</p>`;
  main.querySelector('#key-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const field = main.querySelector('#read-key');
    const key = field.value.trim();
    field.value = '';
    if (!key) return;
    readKey.set(key);
    say('Key saved for this tab');
    done();
  });
  main.querySelector('#forget-key')?.addEventListener('click', () => { readKey.clear(); say('Key forgotten'); keyForm(main, '', done); });
}
