// Runs the mock provider's CLI from its TypeScript source, for development:
// `npm run mock-provider -- --port 5174`. Installed packages run the built
// `dist/mock-provider/cli.js` instead (`npx oauth-connect-mock`).
import { runnerImport } from 'vite';

await runnerImport(new URL('../src/mock-provider/cli.ts', import.meta.url).pathname, {
  configFile: false,
  logLevel: 'silent',
});
