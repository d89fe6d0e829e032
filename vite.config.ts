import { defineConfig } from 'vite';

/**
 * `vite` (npm start) serves the demo; `vite build` writes the script-tag
 * bundle `dist/oauth-connect.js`, and `vite build --mode callback` the
 * callback page script `dist/callback.js`. They are separate builds so that
 * each file is self-contained (one build with two entries would share chunks).
 */
export default defineConfig(({ mode }) => ({
  root: 'demo',
  server: { port: 5173 },
  build: {
    outDir: '../dist',
    emptyOutDir: mode != 'callback',
    target: 'es2022',
    minify: true,
    lib:
      mode == 'callback'
        ? { entry: '../src/callback/index.ts', formats: ['es'], fileName: () => 'callback.js' }
        : { entry: '../src/define.ts', formats: ['es'], fileName: () => 'oauth-connect.js' },
  },
}));
