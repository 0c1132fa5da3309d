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
 * When the focused element leaves the page (its row was retried or deleted, a dialog closed over
 * an opener that is gone, a row opened another page), focus would fall back to the document and
 * the next Tab would start over at the skip link. Instead: the row now at the same place in the
 * same table if it can take focus, else the page's content.
 */
export function useFocusRescue(): void {
  useEffect(() => {
    let last: Place | null = null;
    // Focus inside a dialog or menu is not remembered: what matters is the opener under it.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Element && e.target !== document.body && !e.target.closest(MODAL))
        last = placeOf(e.target);
    };
    const rescue = () => {
      if (!last || last.element.isConnected || document.activeElement !== document.body) return;
      // An open modal keeps focus to itself; on close MUI gives it back to the opener if it is there.
      if (document.querySelector(MODAL)) return;
      const { body, row } = last;
      last = null;
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
