// The server-bound demo page: the element and a log of its events (no token is ever in one).
import '../src/define.js';

const log = document.querySelector<HTMLOListElement>('#log')!;
for (const type of ['connect-start', 'connect-success', 'connect-error', 'connect-cancel', 'connect-disconnect'])
  document.addEventListener(type, (event) => {
    log.querySelector('.log-empty')?.remove();
    const item = document.createElement('li');
    item.dataset.event = type;
    const time = document.createElement('time');
    time.dateTime = new Date().toISOString();
    time.textContent = new Date().toLocaleTimeString();
    const name = document.createElement('strong');
    name.textContent = type;
    // Pretty-printed and wrapped by the log's style: the authorize URL alone is wider than the page.
    const body = document.createElement('pre');
    body.textContent = JSON.stringify((event as CustomEvent).detail, null, 2);
    item.append(time, name, body);
    log.prepend(item);
  });
