import DownloadIcon from '@mui/icons-material/Download';
import { Divider, ListSubheader, Menu, MenuItem } from '@mui/material';
import { useId, useState, type MouseEvent } from 'react';
import { Button, useGetList, useNotify, useTranslate } from 'react-admin';
import { errorMessage } from '../providers/errors';
import { downloadExport } from './download';
import {
  EXPORT_FORMATS,
  MEETING_EXPORT_FORMATS,
  SUBTITLE_FORMATS,
  type ExportFormat,
} from '@mina/contract/exports';

/** The menu lists the printable documents first; the contract's lists are in the server's order. */
const MENU_ORDER: readonly ExportFormat[] = ['pdf', 'docx', 'md', 'txt', 'json', 'srt', 'vtt'];
const menuRank = (format: ExportFormat): number => {
  const rank = MENU_ORDER.indexOf(format);
  return rank === -1 ? MENU_ORDER.length : rank;
};
const inMenuOrder = (formats: readonly ExportFormat[]): ExportFormat[] =>
  [...formats].sort((a, b) => menuRank(a) - menuRank(b));
const SESSION_MENU = inMenuOrder(EXPORT_FORMATS);
const MEETING_MENU = inMenuOrder(MEETING_EXPORT_FORMATS);

interface SessionSummary {
  id: string;
  title: string | null;
}

/** Subtitles are one timeline: a meeting offers each of its sessions' SRT and WebVTT. */
const MeetingSubtitles = ({
  meetingId,
  onPick,
}: {
  meetingId: string;
  onPick: (id: string, format: ExportFormat) => void;
}) => {
  const translate = useTranslate();
  const { data = [], isPending } = useGetList<SessionSummary>('sessions', {
    filter: { meetingId },
    sort: { field: 'startedAt', order: 'ASC' },
    pagination: { page: 1, perPage: 50 },
  });
  if (isPending) return null;
  return [
    <Divider key="divider" />,
    <ListSubheader key="head" role="presentation">
      {translate('mina.exports.subtitles_per_session')}
    </ListSubheader>,
    ...(data.length === 0
      ? [
          <MenuItem key="none" disabled>
            {translate('mina.exports.no_sessions')}
          </MenuItem>,
        ]
      : data.flatMap((s) =>
          SUBTITLE_FORMATS.map((f) => (
            <MenuItem key={`${s.id}-${f}`} onClick={() => onPick(s.id, f)}>
              {translate('mina.exports.session_format', {
                title: s.title || translate('mina.sessions.untitled'),
                format: f.toUpperCase(),
              })}
            </MenuItem>
          )),
        )),
  ];
};

/** The "Export" button of the session and meeting pages: each format downloads with the server's file name. */
export const ExportMenu = ({ resource, id }: { resource: 'sessions' | 'meetings'; id: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const formats = resource === 'sessions' ? SESSION_MENU : MEETING_MENU;

  const pick = async (target: 'sessions' | 'meetings', targetId: string, format: ExportFormat) => {
    setAnchor(null);
    setBusy(true);
    notify('mina.exports.preparing', { type: 'info', messageArgs: { format: format.toUpperCase() } });
    try {
      const name = await downloadExport(target, targetId, format);
      notify('mina.exports.downloaded', { type: 'success', messageArgs: { name } });
    } catch (e) {
      notify('mina.exports.failed', { type: 'error', messageArgs: { message: errorMessage(e) } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label="mina.exports.button"
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        disabled={busy}
        onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
      >
        <DownloadIcon />
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        MenuListProps={{ 'aria-label': translate('mina.exports.menu_label') }}
      >
        {formats.map((f) => (
          <MenuItem key={f} onClick={() => void pick(resource, id, f)}>
            {translate(`mina.exports.format.${f}`)}
          </MenuItem>
        ))}
        {resource === 'meetings' && anchor ? (
          <MeetingSubtitles meetingId={id} onPick={(sid, f) => void pick('sessions', sid, f)} />
        ) : null}
      </Menu>
    </>
  );
};
