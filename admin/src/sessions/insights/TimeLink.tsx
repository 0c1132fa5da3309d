import { Link } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatOffset } from '../../format/time';

/** A timestamp that scrolls the transcript to that moment. */
export const TimeLink = ({ ms, onSeek }: { ms: number | null | undefined; onSeek: (ms: number) => void }) => {
  const translate = useTranslate();
  if (ms === null || ms === undefined) return null;
  return (
    <Link
      component="button"
      type="button"
      variant="caption"
      onClick={() => onSeek(ms)}
      aria-label={translate('mina.transcript.jump_to', { time: formatOffset(ms) })}
      sx={{ fontVariantNumeric: 'tabular-nums', verticalAlign: 'baseline' }}
    >
      {formatOffset(ms)}
    </Link>
  );
};
