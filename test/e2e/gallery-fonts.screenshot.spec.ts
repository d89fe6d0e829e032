import { expect, test, type CDPSession } from '@playwright/test';

/**
 * The screenshot baselines hold only what the project itself serves: every
 * character the gallery draws, in the page and in each element's shadow tree,
 * comes from a web font of the npm packages the gallery imports (demo/gallery.ts),
 * never from a font installed on the machine. A machine with other system fonts
 * then takes the same pictures. Chromium's DevTools protocol names the font each
 * text run was really drawn with (`CSS.getPlatformFontsForNode`).
 */

/** The families the gallery's @font-face rules load, as their font files name themselves. */
const SERVED = ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Mono'];

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** Every text node with something to draw, shadow trees included. */
const textNodes = (node: DomNode, found: DomNode[] = []): DomNode[] => {
  if (node.nodeType == 3 && node.nodeValue.trim()) found.push(node);
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) textNodes(child, found);
  return found;
};

const fontsOf = async (cdp: CDPSession, node: DomNode) => {
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId });
  return fonts;
};

test('gallery: every character is drawn with a font the project serves', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/gallery.html');
  await page.waitForSelector('html[data-ready]');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const nodes = textNodes(root as DomNode).filter((node) => node.nodeValue.trim());
  // The gallery draws hundreds of labels; an empty list would prove nothing.
  expect(nodes.length).toBeGreaterThan(200);
  const used = new Map<string, Set<string>>();
  const offenders: string[] = [];
  let drawn = 0;
  for (const node of nodes) {
    const fonts = await fontsOf(cdp, node);
    if (fonts.length) drawn++;
    for (const font of fonts) {
      const key = `${font.familyName}${font.isCustomFont ? '' : ' (system)'}`;
      if (!used.has(key)) used.set(key, new Set());
      used.get(key)!.add(node.nodeValue.trim().slice(0, 40));
      if (!font.isCustomFont || !SERVED.includes(font.familyName))
        offenders.push(`${JSON.stringify(node.nodeValue.trim().slice(0, 40))}: ${key}, ${font.glyphCount} glyphs`);
    }
  }
  // Text that is laid out (visible or clipped for screen readers) reports its fonts.
  expect(drawn).toBeGreaterThan(200);
  expect(offenders, `system fonts in the gallery; fonts used: ${[...used.keys()].join(', ')}`).toEqual([]);
  // Each served family is really in use (Arabic for dir="rtl", mono for the captions).
  expect([...used.keys()].sort()).toEqual([...SERVED].sort());
});
