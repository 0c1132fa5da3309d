import WorkspacesIcon from '@mui/icons-material/Workspaces';
import { InputAdornment, ListSubheader, MenuItem, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useGetList, useLocation, useNavigate, useTranslate } from 'react-admin';
import { useMe } from '../providers/useMe';
import { getWorkspaceId, setWorkspaceId } from '../providers/workspace';
import type { Workspace } from '../types';

/** Tenant data follows the X-Workspace-Id header, so switching resets every cached query. */
export const WorkspaceSwitcher = () => {
  const translate = useTranslate();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // Instance admins may open any workspace (the API treats them as its admin).
  const { data: all } = useGetList<Workspace>(
    'workspaces',
    { filter: { all: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: Boolean(me?.isInstanceAdmin), staleTime: 60_000 },
  );
  const memberships = me?.memberships ?? [];
  const others = (all ?? []).filter((w) => !memberships.some((m) => m.workspaceId === w.id));
  if (memberships.length === 0 && others.length === 0) return null;
  const current = getWorkspaceId() ?? '';
  const known = memberships.some((m) => m.workspaceId === current) || others.some((w) => w.id === current);

  const onChange = (id: string) => {
    if (id === current) return;
    setWorkspaceId(id);
    // Record pages belong to the old workspace: fall back to the resource's list.
    const [first, ...rest] = location.pathname.split('/').filter(Boolean);
    if (rest.length > 0 && first) navigate(`/${first}`);
    void queryClient.resetQueries();
  };

  return (
    <TextField
      select
      size="small"
      variant="standard"
      value={known ? current : ''}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{
        htmlInput: { 'aria-label': translate('mina.workspace.switcher') },
        input: {
          disableUnderline: true,
          startAdornment: (
            <InputAdornment position="start" sx={{ color: 'inherit' }}>
              <WorkspacesIcon fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
      sx={{
        minWidth: 170,
        mx: 1,
        '& .MuiInputBase-root': { color: 'inherit' },
        '& .MuiSvgIcon-root': { color: 'inherit' },
      }}
    >
      {memberships.map((m) => (
        <MenuItem key={m.workspaceId} value={m.workspaceId}>
          {m.workspaceName} · {translate(`mina.role.${m.role}`)}
        </MenuItem>
      ))}
      {others.length ? (
        <ListSubheader role="presentation">{translate('mina.workspace.other_workspaces')}</ListSubheader>
      ) : null}
      {others.map((w) => (
        <MenuItem key={w.id} value={w.id}>
          {w.name}
        </MenuItem>
      ))}
    </TextField>
  );
};
