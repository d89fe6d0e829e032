// The benchmark's redirect pages (bench/callback.html, bench/callback-channel.html) run this
// classic script first, before dist/callback.js. It records, on the opener's clock
// (performance.timeOrigin + performance.now(); the two pages are same-origin, so one renderer
// process and one clock), when:
//   __callbackStart         this page's first script runs;
//   __callbackScriptStart   dist/callback.js is running: its first step is history.replaceState, to
//                           take the code out of the address bar;
//   __callbackStorageRead   it has read sessionStorage (is this a redirect flow?), if it does;
//   __callbackChannelOpened it opens the flow's BroadcastChannel (the second way, for when the
//                           opener is cut off).
// When it posted to the opener, the host reads from its message event's timeStamp (bench/probes.js).
// With <html data-via="channel"> (bench/callback-channel.html) it first cuts the page off from the
// opener (window.opener = null), as a Cross-Origin-Opener-Policy would: the result can then only go
// over the BroadcastChannel.
(() => {
  const host = window.opener;
  if (document.documentElement.dataset.via == 'channel') window.opener = null;
  const now = () => performance.timeOrigin + performance.now();
  const mark = (name, time) => {
    try {
      if (host && host[name] === undefined) host[name] = time;
    } catch {
      // no opener: nothing to measure
    }
  };
  mark('__callbackStart', now());
  const { replaceState } = history;
  history.replaceState = function (...args) {
    mark('__callbackScriptStart', now());
    history.replaceState = replaceState;
    return replaceState.apply(this, args);
  };
  const { getItem } = Storage.prototype;
  Storage.prototype.getItem = function (...args) {
    try {
      return getItem.apply(this, args);
    } finally {
      mark('__callbackStorageRead', now());
    }
  };
  const Channel = window.BroadcastChannel;
  window.BroadcastChannel = function BroadcastChannel(...args) {
    mark('__callbackChannelOpened', now());
    return new Channel(...args);
  };
})();
