import { useEffect } from 'react';
import { focusContent } from './SkipLink';

/** MUI's dialogs, menus and drawers while they are open. */
const MODAL = '.MuiModal-root:not(.MuiModal-hidden)';

interface Place {
  element: Element;
  /** The table body and row index the element sat in, to land on the row that takes its place. */
  body: Element | null;
  row: number;
}

function placeOf(element: Element): Place {
  const row = element.closest('tbody > tr');
  const body = row?.parentElement ?? null;
  return { element, body, row: body && row ? Array.prototype.indexOf.call(body.children, row) : -1 };
}

/**
 * Focus must not fall back to the document, where the next Tab starts over at the skip link. It
 * does when the focused element leaves the page (its row was retried or deleted, a row opened
 * another page) or when a dialog closes and cannot give focus back (a dialog that opened another
 * one, as "create API key" then "new key shown once"). Then: the control focused before the
 * dialog if it is still there, else the row now at the same place in the same table if it can
 * take focus, else the page's content.
 */
export function useFocusRescue(): void {
  useEffect(() => {
    let last: Place | null = null;
    let afterModal = false;
    // Focus inside a dialog or menu is not remembered: what matters is the opener under it.
    const onFocusIn = (e: FocusEvent) => {
      if (!(e.target instanceof Element) || e.target === document.body) return;
      if (e.target.closest(MODAL)) afterModal = true;
      else {
        last = placeOf(e.target);
        afterModal = false;
      }
    };
    const rescue = () => {
      if (!last || document.activeElement !== document.body || document.querySelector(MODAL)) return;
      const { element, body, row } = last;
      if (element.isConnected && !afterModal) return;
      last = null;
      afterModal = false;
      if (element.isConnected && element instanceof HTMLElement) return element.focus();
      const rows = body?.isConnected ? Array.from(body.children) : [];
      const target = rows[Math.min(row, rows.length - 1)];
      if (target instanceof HTMLElement && target.tabIndex >= 0) target.focus();
      else focusContent();
    };
    const observer = new MutationObserver(rescue);
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);
}
