// The server-bound demo page: the element and a log of its events (no token is ever in one).
import '../src/define.js';

const log = document.querySelector('#log');
for (const type of ['connect-start', 'connect-success', 'connect-error', 'connect-cancel', 'connect-disconnect'])
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${type} ${JSON.stringify((event as CustomEvent).detail)}`;
    log?.append(item);
  });
