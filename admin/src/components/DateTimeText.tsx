import { Typography, type TypographyProps } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import { formatDateTime, relativeTime } from '../format/time';

interface Props {
  value?: string | null;
  /** Shows "3 hours ago" with the absolute time as a tooltip. */
  relative?: boolean;
  variant?: TypographyProps['variant'];
}

export const DateTimeText = ({ value, relative, variant = 'body2' }: Props) => {
  const [locale] = useLocaleState();
  if (!value)
    return (
      <Typography variant={variant} component="span">
        –
      </Typography>
    );
  const absolute = formatDateTime(value, locale);
  return (
    <Typography variant={variant} component="span">
      <time dateTime={value} title={relative ? absolute : undefined}>
        {relative ? relativeTime(value, Date.now(), locale) : absolute}
      </time>
    </Typography>
  );
};

/** A record field rendered with {@link DateTimeText}, for DataTable columns and show layouts. */
export const DateTimeField = ({
  source,
  relative,
}: {
  source: string;
  relative?: boolean;
  label?: string;
}) => {
  const record = useRecordContext();
  const value = record?.[source] as string | null | undefined;
  return <DateTimeText value={value} relative={relative} />;
};
