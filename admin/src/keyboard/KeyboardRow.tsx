import type { SxProps, Theme } from '@mui/material';
import { forwardRef, type KeyboardEvent } from 'react';
import {
  DataTableRow,
  useDataTableCallbacksContext,
  useResourceDefinition,
  type DataTableRowProps,
} from 'react-admin';

const FOCUS: SxProps<Theme> = {
  '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
};

/** Enter on the row itself (not on a button inside it) does what a click does. */
const openOnEnter = (e: KeyboardEvent<HTMLTableRowElement>) => {
  if (e.key !== 'Enter' || e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  e.currentTarget.click();
};

/**
 * react-admin's DataTable row, reachable with Tab and opened with Enter when a click on it does
 * something (`rowClick`, or a show/edit view by default); other rows stay out of the tab order.
 * Installed for every DataTable through the theme (RaDataTableBody's `row`).
 */
export const KeyboardRow = forwardRef<HTMLTableRowElement, DataTableRowProps>(({ sx, ...props }, ref) => {
  const { rowClick } = useDataTableCallbacksContext();
  const definition = useResourceDefinition();
  const clickable = rowClick === undefined ? definition.hasShow || definition.hasEdit : Boolean(rowClick);
  if (!clickable) return <DataTableRow ref={ref} sx={sx} {...props} />;
  return (
    <DataTableRow
      ref={ref}
      {...props}
      tabIndex={0}
      onKeyDown={openOnEnter}
      sx={(Array.isArray(sx) ? [FOCUS, ...(sx as unknown[])] : [FOCUS, sx ?? {}]) as SxProps<Theme>}
    />
  );
});
KeyboardRow.displayName = 'KeyboardRow';
