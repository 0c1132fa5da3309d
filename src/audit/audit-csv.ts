import type { AuditView } from './audit.service.js';

export const AUDIT_CSV_COLUMNS = ['at', 'action', 'actor email', 'actor id', 'target', 'workspace', 'address', 'data'];

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or CR before one) as a formula: a leading
 * quote keeps it text (OWASP's advice for CSV injection). Actions, targets and data carry text that
 * users chose (names, emails), so every cell goes through this.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function auditCsvRow(entry: AuditView): string[] {
  return [
    entry.at.toISOString(),
    entry.action,
    entry.actorEmail ?? '',
    entry.actorId ?? '',
    entry.target ?? '',
    entry.workspaceId ?? '',
    entry.ip ?? '',
    JSON.stringify(entry.data),
  ].map(neutralizeFormula);
}
