import { expect, test, type CDPSession } from '@playwright/test';

/**
 * The screenshot baselines hold only what the project itself serves: every
 * character the gallery draws, in the page and in each element's shadow tree,
 * comes from a web font of the npm packages the gallery imports (demo/gallery.ts),
 * never from a font installed on the machine. A machine with other system fonts
 * then takes the same pictures. Chromium's DevTools protocol names the font each
 * text run was really drawn with (`CSS.getPlatformFontsForNode`), for text
 * nodes and for generated content (the monogram is a `::before`). Pictures are
 * checked too: an SVG shown by `<img>` cannot load a web font, so its `<text>`
 * would be drawn in whatever font the machine has.
 */

/** The families the gallery's @font-face rules load, as their font files name themselves. */
const SERVED = ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Mono'];

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  /** Flat name, value, name, value… */
  attributes?: string[];
  pseudoType?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  pseudoElements?: DomNode[];
}

/** Every node of the tree, shadow trees and pseudo-elements included. */
const allNodes = (node: DomNode, found: DomNode[] = []): DomNode[] => {
  found.push(node);
  for (const child of [...(node.pseudoElements ?? []), ...(node.shadowRoots ?? []), ...(node.children ?? [])])
    allNodes(child, found);
  return found;
};

const attribute = (node: DomNode, name: string) => {
  const list = node.attributes ?? [];
  const at = list.findIndex((value, index) => index % 2 == 0 && value == name);
  return at < 0 ? undefined : list[at + 1];
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
  const everything = allNodes(root as DomNode);
  // Text nodes, and ::before / ::after boxes (whose generated text has no node of its own).
  const generated = everything.filter((node) => node.pseudoType == 'before' || node.pseudoType == 'after');
  const nodes = [...everything.filter((node) => node.nodeType == 3 && node.nodeValue.trim()), ...generated];
  // The gallery draws hundreds of labels; an empty list would prove nothing.
  expect(nodes.length).toBeGreaterThan(200);
  const used = new Map<string, Set<string>>();
  const offenders: string[] = [];
  let drawn = 0;
  let drawnGenerated = 0;
  for (const node of nodes) {
    const fonts = await fontsOf(cdp, node);
    const name = node.pseudoType ? `::${node.pseudoType}` : JSON.stringify(node.nodeValue.trim().slice(0, 40));
    if (fonts.length) {
      drawn++;
      if (node.pseudoType) drawnGenerated++;
    }
    for (const font of fonts) {
      const key = `${font.familyName}${font.isCustomFont ? '' : ' (system)'}`;
      if (!used.has(key)) used.set(key, new Set());
      used.get(key)!.add(name);
      if (!font.isCustomFont || !SERVED.includes(font.familyName))
        offenders.push(`${name}: ${key}, ${font.glyphCount} glyphs`);
    }
  }
  // Text that is laid out (visible or clipped for screen readers) reports its fonts.
  expect(drawn).toBeGreaterThan(200);
  // The monograms (U, Acme's A…) are generated content: they were looked at, not skipped.
  expect(drawnGenerated).toBeGreaterThan(50);
  expect(offenders, `system fonts in the gallery; fonts used: ${[...used.keys()].join(', ')}`).toEqual([]);
  // Each served family is really in use (Arabic for dir="rtl", mono for the captions).
  expect([...used.keys()].sort()).toEqual([...SERVED].sort());
});

test("gallery: no picture draws text (an SVG in <img> has only the machine's fonts)", async ({ page }) => {
  await page.goto('/gallery.html');
  await page.waitForSelector('html[data-ready]');
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const sources = allNodes(root as DomNode)
    .filter((node) => node.nodeName == 'IMG')
    .map((node) => attribute(node, 'src'))
    .filter((src): src is string => !!src);
  // The connected look shows an account picture in each theme.
  expect(sources.length).toBeGreaterThan(0);
  for (const src of sources) {
    const { type, body } = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { type: response.headers.get('content-type') ?? '', body: await response.text() };
    }, src);
    if (type.includes('svg')) expect(body, `${src.slice(0, 60)}… draws text`).not.toMatch(/<(text|tspan|textPath)\b/);
  }
});
