/**
 * The page's `<oauth-connect>` elements while they are connected: to render them all again (the
 * page's language changed, a language or a mode arrived) and to choose which one a returned
 * redirect result is for.
 */
// Typed by what rendering needs, not as `ModeElement`: the language code renders them too, and the
// modes' types import the language's, so naming the modes' element here would make a cycle.
export const live = new Set<HTMLElement & { requestUpdate(): void }>();

/** Renders every element again. */
export const renderAll = (): void => live.forEach((el) => el.requestUpdate());
