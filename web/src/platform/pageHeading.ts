// Each page's title and, after a navigation inside the app, the keyboard focus follow the page's
// heading (the first h1 or h2 in <main>): the browser tab and the history list name the page
// ("Data catalogue · JHA Hub"), and a screen reader announces the page that opened instead of
// staying silent on the link that was clicked. Set here once for every route rather than by each
// page, since pages know their heading only once their data has loaded.
import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router-dom';

/** How long a page may take to show its heading after a navigation before the focus is left alone. */
const GIVE_UP_MS = 10_000;
/** A page that keeps its heading element across a navigation (another partner's profile) gets the focus after this. */
const SAME_HEADING_MS = 600;

function pageHeading(main: HTMLElement): HTMLElement | null {
  return main.querySelector<HTMLElement>('h1, h2');
}

export function usePageHeading(main: RefObject<HTMLElement | null>, appName: string, ready: boolean): void {
  const { pathname } = useLocation();
  const firstPage = useRef(true);

  useEffect(() => {
    const root = main.current;
    if (!ready || root === null) return;
    // The first page of a visit keeps the browser's focus (the top of the document).
    const moveFocus = !firstPage.current;
    firstPage.current = false;
    const previous = moveFocus ? pageHeading(root) : null;
    const started = Date.now();
    let focusDone = !moveFocus;

    const update = () => {
      const heading = pageHeading(root);
      const text = heading?.textContent?.trim();
      const title = text ? `${text} · ${appName}` : appName;
      if (document.title !== title) document.title = title;
      if (focusDone || heading === null || root.querySelector('.mantine-Loader-root') !== null) return;
      if (heading === previous && Date.now() - started < SAME_HEADING_MS) return;
      focusDone = true;
      // A page that put the focus somewhere itself (a field to type in) keeps it there.
      const active = document.activeElement;
      if (active !== null && active !== root && root.contains(active)) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    };

    update();
    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    const again = window.setTimeout(update, SAME_HEADING_MS);
    const giveUp = window.setTimeout(() => {
      focusDone = true;
    }, GIVE_UP_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(again);
      window.clearTimeout(giveUp);
    };
  }, [main, appName, ready, pathname]);
}
