// The bench's own logic in bench/flows.js and bench/old-build.js: the comparison with the element
// as of commit b9709de (finding the commit, pointing the bench pages at its build, the verdict),
// the parts to run, and the 100 buttons' CPU time read from a trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitAvailability, comparison, oldBuildDir, pagesFor, versusOldRow } from '../../bench/old-build.js';
import { partsFromEnv, PARTS, threadTimes } from '../../bench/flows.js';

const git = (cwd, ...args) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  }).trim();

test('a commit in the repository is available; one missing from a shallow clone says to unshallow', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'old-build-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const origin = join(dir, 'origin');
  execFileSync('mkdir', [origin]);
  git(origin, 'init', '-q');
  writeFileSync(join(origin, 'a.txt'), 'a');
  git(origin, 'add', '.');
  git(origin, 'commit', '-qm', 'first');
  const first = git(origin, 'rev-parse', 'HEAD');
  writeFileSync(join(origin, 'a.txt'), 'b');
  git(origin, 'commit', '-qam', 'second');

  assert.deepEqual(commitAvailability(origin, first.slice(0, 7)), { ok: true });

  const shallow = join(dir, 'shallow');
  git(dir, 'clone', '-q', '--depth=1', `file://${origin}`, shallow);
  const missing = commitAvailability(shallow, first.slice(0, 7));
  assert.equal(missing.ok, false);
  assert.match(missing.reason, /shallow clone: run `git fetch --unshallow`/);

  const full = commitAvailability(origin, 'deadbee');
  assert.equal(full.ok, false);
  assert.match(full.reason, /not in this repository: fetch it/);

  const notGit = join(dir, 'plain');
  execFileSync('mkdir', [notGit]);
  assert.match(commitAvailability(notGit, first).reason, /is not a git checkout/);
});

test("the bench pages load the old build's bundle and callback script, nothing from today's dist/", () => {
  const dir = oldBuildDir('b9709de');
  const pages = pagesFor(dir, {
    flows: '<body>\n  <script type="module" src="/dist/oauth-connect.js"></script>\n</body>',
    callback:
      '<script src="/bench/callback-marks.js"></script>\n<script type="module" src="/dist/callback.js"></script>',
  });
  assert.equal(
    pages.flows,
    '<body>\n  <script type="module" src="/node_modules/.cache/oauth-connect-bench/old-b9709de/dist/oauth-connect.js"></script>\n</body>',
  );
  assert.match(pages.callback, /src="\/bench\/callback-marks\.js"/);
  assert.match(pages.callback, /src="\/node_modules\/\.cache\/oauth-connect-bench\/old-b9709de\/dist\/callback\.js"/);
  assert.doesNotMatch(pages.flows + pages.callback, /src="\/dist\//);
  assert.throws(
    () => pagesFor(dir, { flows: '<script src="/bundle.js"></script>', callback: 'src="/dist/callback.js"' }),
    /bench\/flows\.html loads nothing from \/dist\//,
  );
});

test('the comparison takes the medians of each build and divides today by the old build', () => {
  const result = comparison([1, 2, 3, 100], [2, 3, 4]);
  assert.equal(result.first, 2.5);
  assert.equal(result.second, 3);
  assert.equal(result.ratio, 1.2);
  assert.deepEqual(result.means, [26.5, 3]);
  assert.deepEqual(result.counts, [4, 3]);
  assert.throws(() => comparison([], [1]), /no samples/);
});

test('the row says ok up to 1.2×, over beyond, and why when the old build could not be made', () => {
  const row = (first, second) => versusOldRow({ commit: 'b9709de', ...comparison(first, second) });
  assert.match(row([1], [1.2])[3], /^1\.20× \(ok\)$/);
  assert.match(row([1], [1.25])[3], /^1\.25× \(\*\*over\*\*\)$/);
  assert.match(row([0.5, 0.7], [0.6])[1], /median 0\.60 ms today, 0\.60 ms then/);
  const withHandling = versusOldRow({ commit: 'b9709de', ...comparison([1], [1]), handling: comparison([0.2], [0.3]) });
  assert.match(withHandling[1], /host's own handling .* median 0\.30 ms and 0\.20 ms \(1\.50×\)/);
  const missing = versusOldRow({ missing: 'commit b9709de is not in this shallow clone: …' });
  assert.match(missing[1], /^not measured: commit b9709de is not in this shallow clone/);
  assert.equal(missing[3], '–');
});

test('BENCH_PARTS picks parts, all when unset, and refuses a part that does not exist', () => {
  assert.deepEqual(partsFromEnv(undefined), PARTS);
  assert.deepEqual(partsFromEnv(''), PARTS);
  assert.deepEqual(partsFromEnv('4, 5'), ['4', '5']);
  assert.throws(() => partsFromEnv('4,6'), /BENCH_PARTS names no part 6/);
});

test("the 100 buttons' CPU times come from the thread timestamps of each part's two marks", () => {
  const mark = (name, tts, cat = 'blink.user_timing') => ({ name, cat, ph: 'I', ts: tts * 3, tts });
  const events = [
    mark('plain:start', 1000),
    mark('plain:end', 1500),
    mark('ours:start', 2000),
    { name: 'ours:end', cat: 'blink.user_timing', ph: 'I', ts: 1 }, // no thread time: not a mark to use
    mark('ours:end', 14500),
    mark('ours:start', 99999, 'devtools.timeline'), // another category's event of that name
  ];
  assert.deepEqual(threadTimes(events, ['plain', 'ours']), { plain: 0.5, ours: 12.5 });
  assert.throws(() => threadTimes(events, ['baseline']), /no thread time for baseline/);
});
