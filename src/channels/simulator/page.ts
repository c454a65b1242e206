import { say, type TextKey } from '../../i18n';

/** The simulator is the program's own tool, in Indonesian; a text put into its script is quoted as JavaScript. */
const said = (key: Extract<TextKey, `channel.simulator${string}`>) => say(key, 'id');
const quoted = (key: Extract<TextKey, `channel.simulator${string}`>) => JSON.stringify(said(key));

/**
 * The simulator page: no framework and no external asset, light enough for an old office PC. Its style
 * and script are files of their own, as the content security policy allows nothing inline.
 */
export const SIMULATOR_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${said('channel.simulatorTitle')}</title>
<link rel="stylesheet" href="/simulator/app.css">
</head>
<body>
<header>
  <h1>${said('channel.simulatorTitle')}</h1>
  <label>${said('channel.simulatorPhone')} <input id="phone" placeholder="0812-3456-7890" autocomplete="off"></label>
  <button id="open" type="button">${said('channel.simulatorOpen')}</button>
  <span id="status" class="error" role="status"></span>
</header>
<main id="chat" aria-live="polite"></main>
<form id="send"><input id="text" placeholder="${said('channel.simulatorMessagePlaceholder')}" autocomplete="off"><button>${said('channel.simulatorSend')}</button></form>
<script src="/simulator/app.js"></script>
</body>
</html>`;

export const SIMULATOR_SCRIPT = `(() => {
  const chat = document.getElementById('chat');
  const phone = document.getElementById('phone');
  const status = document.getElementById('status');
  const text = document.getElementById('text');
  phone.value = localStorage.getItem('pendamping.phone') || '';

  function line(entry) {
    const div = document.createElement('div');
    div.className = 'line ' + entry.direction;
    div.textContent = entry.text;
    if (entry.choices) {
      const choices = document.createElement('div');
      choices.className = 'choices';
      entry.choices.forEach((choice, index) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = (index + 1) + '. ' + choice.label;
        button.addEventListener('click', () => send(String(index + 1)));
        choices.appendChild(button);
      });
      div.appendChild(choices);
    }
    chat.appendChild(div);
    window.scrollTo(0, document.body.scrollHeight);
  }

  async function call(url, options, quiet) {
    if (!quiet) status.textContent = '';
    let response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      status.textContent = ${quoted('channel.simulatorUnreachable')};
      return undefined;
    }
    const body = await response.json();
    if (!response.ok) { status.textContent = problem(body); return undefined; }
    return body;
  }

  // The API names its fields ("from", "phone"); the page names them as its labels do.
  const LABELS = { from: ${quoted('channel.simulatorPhone')}, phone: ${quoted('channel.simulatorPhone')}, text: ${quoted('channel.simulatorMessage')} };
  function problem(body) {
    if (!body.fields) return body.message || ${quoted('channel.simulatorFailed')};
    return body.fields.map((field) => (LABELS[field.field] ? LABELS[field.field] + ': ' : '') + field.message).join('; ');
  }

  let opened = '';

  async function open() {
    localStorage.setItem('pendamping.phone', phone.value);
    const body = await call('/api/simulator/conversations/' + encodeURIComponent(phone.value));
    if (!body) {
      // Another number that could not be opened: the chat shown so far is not its chat.
      if (phone.value !== opened) { opened = ''; chat.textContent = ''; }
      return;
    }
    opened = phone.value;
    chat.textContent = '';
    body.lines.forEach(line);
  }

  // A reminder or an answer from staff comes without a message of the person's: asked for every few
  // seconds, only what is new (the transcript is read once, when the chat is opened).
  async function fetchNew() {
    if (!opened) return;
    const body = await call('/api/simulator/conversations/' + encodeURIComponent(opened) + '/new', undefined, true);
    if (body) body.replies.forEach((reply) => line(Object.assign({ direction: 'out' }, reply)));
  }
  setInterval(() => { if (document.visibilityState === 'visible') fetchNew(); }, 5000);

  async function send(message) {
    // A number typed and not opened yet: its chat is where the message goes, and what the page reads.
    if (phone.value !== opened) {
      await open();
      if (phone.value !== opened) return false;
    }
    const id = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random();
    const body = await call('/api/simulator/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: opened, text: message, id }),
    });
    if (!body) return false;
    line({ direction: 'in', text: message });
    body.replies.forEach((reply) => line(Object.assign({ direction: 'out' }, reply)));
    return true;
  }

  document.getElementById('open').addEventListener('click', open);
  document.getElementById('send').addEventListener('submit', (event) => {
    event.preventDefault();
    const message = text.value.trim();
    if (!message) return;
    text.value = '';
    // What could not be sent goes back in the box, to be sent again.
    send(message).then((sent) => { if (!sent && !text.value) text.value = message; });
  });
  if (phone.value) open();
})();`;

export const SIMULATOR_STYLE = `body { font-family: system-ui, sans-serif; margin: 0; background: #ece5dd; }
header { background: #075e54; color: #fff; padding: .6rem 1rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
header h1 { font-size: 1rem; margin: 0 1rem 0 0; }
header input { padding: .3rem; }
main { max-width: 40rem; margin: 0 auto; padding: .5rem; padding-bottom: 5rem; }
.line { max-width: 85%; margin: .3rem 0; padding: .4rem .6rem; border-radius: .5rem; white-space: pre-wrap; }
.in { background: #dcf8c6; margin-left: auto; }
.out { background: #fff; }
.choices button { margin: .2rem .2rem 0 0; }
form#send { position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: .5rem; padding: .5rem; background: #f0f0f0; }
form#send input { flex: 1; padding: .5rem; }
.error { color: #b00020; }
`;
