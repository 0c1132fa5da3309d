/** One audit log entry as GET /api/admin/audit lists it. */
export interface AuditLogEntry {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  target: string | null;
  workspaceId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}
