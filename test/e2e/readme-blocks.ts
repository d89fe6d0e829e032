import { readFileSync } from 'node:fs';

/** The README's fenced code blocks, in order: `{ language, code }`. */
export const readmeBlocks = (): { language: string; code: string }[] =>
  [...readFileSync(new URL('../../README.md', import.meta.url), 'utf8').matchAll(/^```(\w*)\n([\s\S]*?)\n```$/gm)].map(
    ([, language, code]) => ({ language: language!, code: code! }),
  );

/** The one README block in `language` that contains `text`. */
export const readmeBlock = (language: string, text: string): string => {
  const found = readmeBlocks().filter((block) => block.language == language && block.code.includes(text));
  if (found.length != 1) throw new Error(`README: ${found.length} ${language} blocks contain ${text}`);
  return found[0]!.code;
};

/**
 * The README blocks that run in a page (test/e2e/script-tag.ui.spec.ts,
 * readme-server-bound.ui.spec.ts and auto-mode.ui.spec.ts), each
 * found by a text it contains (readme-snippets.api.spec.ts checks every other
 * block is a tested file's region).
 */
export const PAGE_BLOCKS = {
  element: ['html', '<oauth-connect provider="ulule" client-id='],
  // Run by readme-server-bound.ui.spec.ts against the README's Express server (the Quick start's page,
  // with the same element, is run by test/recipes/quick-start.test.js).
  serverBound: [
    'html',
    '<script type="module" src="/oauth-connect.js"></script>\n<oauth-connect provider="ulule" server="/auth">',
  ],
  selfHosted: ['html', 'src="/assets/oauth-connect.js"'],
  callbackPage: ['html', 'src="/assets/callback.js"'],
  cdn: ['html', 'cdn.jsdelivr.net'],
  integrity: ['sh', 'openssl dgst -sha384'],
  reserve: ['css', ':not(:defined)'],
  whenDefined: ['html', 'customElements.whenDefined'],
  // Run by auto-mode.ui.spec.ts with the script-tag bundle, as an Instagram visitor.
  auto: ['html', 'mode="auto"'],
} as const;
