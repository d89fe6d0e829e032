import type { ModeElement } from './modes/mode.js';

/**
 * The page's `<oauth-connect>` elements while they are connected: to render them all again (the
 * page's language changed, a language or a mode arrived) and to choose which one a returned
 * redirect result is for.
 */
export const live = new Set<ModeElement>();

/** Renders every element again. */
export const renderAll = (): void => live.forEach((el) => el.requestUpdate());
