/** The instance admins' audit log page (mina.audit_log.*). */
export const auditMessages = {
  audit_log: {
    action_help: 'Exact, or a prefix such as auth.*',
    actor_help: 'Email or id',
    export: 'Export CSV',
    export_failed: 'The export failed: %{message}',
    export_truncated: '%{total} entries match: the file holds the newest ones only (see its last line). Narrow the filters.',
    detail: 'Audit entry %{action}',
  },
};
