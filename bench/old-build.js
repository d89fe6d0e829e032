// The element as it was before modes became modules (commit b9709de), built in the same bench run
// as today's, so that "callback → connect-success ≤ 1.2× that build" compares the two on one
// machine, one browser and one load. Its own sources and its own vite.config.ts, extracted with
// `git archive` into node_modules/.cache (the working tree is not touched) and built with this
// checkout's node_modules (the build tools are the same versions).
// A clone without that commit (a shallow one, as CI checkouts often are) cannot build it: the
// bench then says so, and how to get it, instead of comparing against something else.
// Also the verdict: both builds' medians, their ratio, and the table's row (bench/flows.js, part 5).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';

/** The last commit before modes became modules: "today's build" for the callback comparison. */
export const OLD_COMMIT = 'b9709de';

/** Where that build goes, relative to the project root (served by the bench's static server). */
export const oldBuildDir = (commit = OLD_COMMIT) => `node_modules/.cache/oauth-connect-bench/old-${commit}`;

/**
 * Whether `commit` can be read in the git repository at `root`: `{ ok: true }` or `{ ok: false,
 * reason }`, the reason saying what to do (a shallow clone: fetch its history).
 */
export function commitAvailability(root, commit = OLD_COMMIT) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: 'pipe' }).trim();
  try {
    git('rev-parse', '--git-dir');
  } catch {
    return { ok: false, reason: `${root} is not a git checkout, so commit ${commit} cannot be built` };
  }
  try {
    git('cat-file', '-e', `${commit}^{commit}`);
    return { ok: true };
  } catch {
    let shallow = false;
    try {
      shallow = git('rev-parse', '--is-shallow-repository') == 'true';
    } catch {
      // an old git without the flag: say the general thing
    }
    return {
      ok: false,
      reason: shallow
        ? `commit ${commit} is not in this shallow clone: run \`git fetch --unshallow\` to compare against it`
        : `commit ${commit} is not in this repository: fetch it (\`git fetch origin ${commit}\`) to compare against it`,
    };
  }
}

/**
 * The bench pages for a build under `dir` (relative to the root): bench/flows.html and
 * bench/callback.html with their `/dist/…` scripts pointing into that build. Throws when a page
 * no longer loads a file from /dist/ (the rewrite would silently measure today's build).
 */
export function pagesFor(dir, { flows, callback }) {
  const rewrite = (html, name) => {
    const pattern = /(src=")\/dist\//g;
    if (!pattern.test(html)) throw new Error(`bench: ${name} loads nothing from /dist/ to point at the old build`);
    return html.replace(pattern, `$1/${dir}/dist/`);
  };
  return { flows: rewrite(flows, 'bench/flows.html'), callback: rewrite(callback, 'bench/callback.html') };
}

/**
 * Extracts `commit` into its cache directory and builds its dist/oauth-connect.js and
 * dist/callback.js with its own vite config. Returns the two pages' paths (from the root), or
 * `{ missing: reason }` when the commit is not available or does not build.
 */
export function buildOldBundle(root, commit = OLD_COMMIT) {
  const availability = commitAvailability(root, commit);
  if (!availability.ok) return { missing: availability.reason };
  const dir = oldBuildDir(commit);
  const target = join(root, dir);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', target], { input: archive });
  symlinkSync(relative(target, join(root, 'node_modules')), join(target, 'node_modules'));
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  try {
    for (const mode of ['production', 'callback'])
      execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
        cwd: target,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
  } catch (error) {
    // Its config or sources no longer build with today's tools: the rest of the bench still runs.
    return { missing: `commit ${commit} did not build with this checkout's tools (${error.message.split('\n')[0]})` };
  }
  const pages = pagesFor(dir, {
    flows: readFileSync(join(root, 'bench/flows.html'), 'utf8'),
    callback: readFileSync(join(root, 'bench/callback.html'), 'utf8'),
  });
  writeFileSync(join(target, 'bench-flows.html'), pages.flows);
  writeFileSync(join(target, 'bench-callback.html'), pages.callback);
  return { commit, flowsPage: `/${dir}/bench-flows.html`, callbackPage: `/${dir}/bench-callback.html` };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Medians of two builds' samples taken in the same run, and how many times the first's median the
 * second's is (`ratio`: 1.1 is 10 % slower than the first); also the means, which a page without
 * cross-origin isolation needs beside the medians: its clock has 0.1 ms steps, and a median of
 * sub-millisecond times moves by whole steps, while a mean of many steps does not.
 */
export function comparison(first, second) {
  if (!first.length || !second.length) throw new Error('bench: a build has no samples to compare');
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [a, b] = [median(first), median(second)];
  return {
    first: a,
    second: b,
    ratio: b / a,
    means: [mean(first), mean(second)],
    counts: [first.length, second.length],
  };
}

/** Part 5's row: the callback's result posted → `connect-success`, today's build against the old one. */
export function versusOldRow(versus, ms = (value) => `${value.toFixed(2)} ms`) {
  const measure = 'Callback page posts its result → `connect-success`, today against the element as of commit';
  if (versus.missing) return [`${measure} ${OLD_COMMIT}`, `not measured: ${versus.missing}`, '≤ 1.2×', '–'];
  return [
    `${measure} ${versus.commit} (${versus.counts[1]} and ${versus.counts[0]} flows, taken in turn in one browser)`,
    `median ${ms(versus.second)} today, ${ms(versus.first)} then; mean ${ms(versus.means[1])} and ${ms(versus.means[0])}` +
      (versus.handling
        ? `; of which the host's own handling (its \`message\` event → \`connect-success\`) median ${ms(versus.handling.second)} and ${ms(versus.handling.first)} (${versus.handling.ratio.toFixed(2)}×)`
        : ''),
    '≤ 1.2× that build',
    `${versus.ratio.toFixed(2)}× ${versus.ratio <= 1.2 ? '(ok)' : '(**over**)'}`,
  ];
}
