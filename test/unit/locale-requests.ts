/**
 * Records the page's requests for language files (`…/locales/<lang>.json`), by URL, from
 * the test file's start; `answer` stands in for the server when it returns a response, and
 * `server` is the real one (an answer that only delays it calls this, to be recorded once).
 * The records start empty for each test.
 */
export function watchLocaleRequests() {
  const realFetch = window.fetch;
  const requests = {
    server: (url: string) => realFetch.call(window, url),
    urls: [] as string[],
    answer: undefined as ((url: string) => Promise<Response> | undefined) | undefined,
  };
  before(() => {
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!/\/locales\/[^/]*\.json/.test(url)) return realFetch.call(window, input, init);
      requests.urls.push(url);
      return requests.answer?.(url) ?? realFetch.call(window, input, init);
    };
  });
  after(() => (window.fetch = realFetch));
  beforeEach(() => {
    requests.urls = [];
    requests.answer = undefined;
  });
  return requests;
}
