/**
 * The pages' one style sheet (inline: the CSP allows no other). Compact enough
 * that every page fits the element's 500×650 popup without scrolling.
 */
export const STYLES = `
:root { color-scheme: light dark; --accent: #4338ca; --accent-ink: #fff; --ink: #111827; --muted: #4b5563;
  --line: #d1d5db; --card: #fff; --page: #f3f4f6; --danger: #b91c1c; --tint: #eef2ff; }
@media (prefers-color-scheme: dark) { :root { --accent: #818cf8; --accent-ink: #111827; --ink: #f9fafb;
  --muted: #cbd5e1; --line: #374151; --card: #1f2937; --page: #111827; --danger: #fca5a5; --tint: #312e81; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: start center; background: var(--page);
  color: var(--ink); font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: min(100% - 1.5rem, 26rem); margin: .75rem 0; background: var(--card); border: 1px solid var(--line);
  border-radius: 12px; padding: 1.1rem 1.4rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); }
header.brand { display: flex; align-items: center; gap: .6rem; margin-bottom: .8rem; }
.logo { width: 1.75rem; height: 1.75rem; border-radius: 8px; background: var(--accent); color: var(--accent-ink);
  display: grid; place-items: center; font-weight: 700; }
.brand strong { font-size: 1rem; }
.badge { margin-left: auto; font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); border: 1px dashed var(--line); border-radius: 999px; padding: .1rem .6rem; }
h1 { font-size: 1.25rem; line-height: 1.25; margin: 0 0 .4rem; }
h1:focus { outline: none; }
p { margin: 0 0 .7rem; color: var(--muted); }
form { margin: 0; }
label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
input { width: 100%; font: inherit; padding: .5rem .7rem; border: 1px solid var(--line); border-radius: 8px;
  background: transparent; color: inherit; }
input[aria-invalid="true"] { border-color: var(--danger); }
.hint-text { font-size: .85rem; color: var(--muted); margin: .3rem 0 0; }
button, .button { font: inherit; font-weight: 600; min-height: 44px; padding: .55rem 1.1rem; border-radius: 8px;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer; }
button.secondary { background: transparent; color: var(--ink); border-color: var(--line); }
button.link { background: none; border: 0; color: var(--accent); padding: 0; min-height: 0; font-weight: 600;
  text-decoration: underline; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1rem; }
.actions.full button { flex: 1; }
.alert { border: 1px solid var(--danger); color: var(--danger); border-radius: 8px; padding: .4rem .7rem;
  margin: 0 0 .5rem; }
.note { background: var(--tint); border-radius: 8px; padding: .4rem .7rem; font-size: .85rem; margin: .7rem 0 0; }
.note code { font-size: .85rem; white-space: nowrap; }
.switch { margin: .8rem 0 0; text-align: center; color: var(--muted); }
.switch a, a { color: var(--accent); font-weight: 600; }
ul.scopes { list-style: none; padding: 0; margin: 0 0 .7rem; border: 1px solid var(--line); border-radius: 8px; }
ul.scopes li { padding: .4rem .7rem; display: flex; gap: .6rem; align-items: baseline; }
ul.scopes li + li { border-top: 1px solid var(--line); }
ul.scopes code { margin-left: auto; font-size: .8rem; color: var(--muted); }
.account { display: flex; align-items: center; gap: .75rem; margin: 0 0 .7rem; flex-wrap: wrap; }
.avatar { width: 2.25rem; height: 2.25rem; border-radius: 50%; background: var(--tint); display: grid;
  place-items: center; font-weight: 700; }
.account div span { display: block; font-size: .9rem; color: var(--muted); }
.account form { margin-left: auto; }
footer { margin-top: .9rem; font-size: .75rem; color: var(--muted); text-align: center; }
main.wide { width: min(100% - 2rem, 44rem); }
h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
td code { word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
td, th { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
`;
