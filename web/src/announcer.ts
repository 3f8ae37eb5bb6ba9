/**
 * The page's one polite live region. One region, so the form's and the assistant's news never talk
 * over each other; emptied first, so the same words twice in a row are still read out.
 */
export type Announce = (message: string) => void;

export function createAnnouncer(region: HTMLElement): Announce {
  let pending: number | undefined;
  return (message) => {
    window.clearTimeout(pending);
    region.textContent = '';
    if (message === '') return;
    pending = window.setTimeout(() => {
      region.textContent = message;
    }, 50);
  };
}
