// The byte budget (issue 5): sizes are deterministic, so npm test enforces
// them. When a feature breaks the budget, make the code smaller; the numbers
// below do not move. Needs a build (npm run build).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { gzip9 } from '../../scripts/sizes.js';

const budgets = {
  'dist/oauth-connect.js': 10000,
  'dist/callback.js': 1200,
};

for (const [file, budget] of Object.entries(budgets)) {
  if (!existsSync(file)) {
    console.error(`size: ${file} is missing; run npm run build`);
    process.exitCode = 1;
    continue;
  }
  const bytes = gzip9(file);
  const over = bytes - budget;
  const verdict = over > 0 ? `OVER by ${over} bytes` : `ok, ${-over} bytes to spare`;
  (over > 0 ? console.error : console.log)(`size: ${file} ${bytes} bytes gzip -9 (budget ${budget}): ${verdict}`);
  if (over > 0) process.exitCode = 1;
}
