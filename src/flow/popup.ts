/**
 * Opens the sign-in popup centered over the current window. Returns null when
 * a blocker refuses it. The window keeps its opener (no `noopener`): the
 * callback page needs `window.opener` to post the result back. It has no name:
 * every page shown in the popup can read `window.name`, so it tells nothing
 * about the flow (and two flows never share a window).
 */
export const openCenteredPopup = (
  url: string,
  { popupWidth, popupHeight }: { popupWidth?: number | undefined; popupHeight?: number | undefined },
): Window | null => {
  // The defaults for a size that is not set or not a number.
  const width = popupWidth || 500;
  const height = popupHeight || 650;
  const left = Math.round(screenX + (outerWidth - width) / 2);
  const top = Math.round(screenY + (outerHeight - height) / 2);
  return open(url, '', `popup,width=${width},height=${height},left=${left},top=${top}`);
};
