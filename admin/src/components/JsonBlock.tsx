import { Box } from '@mui/material';

export const CodeBlock = ({ label, children }: { label: string; children: string }) => (
  <Box
    component="pre"
    aria-label={label}
    tabIndex={0}
    sx={{
      m: 0,
      p: 1.5,
      maxHeight: 420,
      overflow: 'auto',
      fontSize: 12,
      lineHeight: 1.5,
      borderRadius: 1,
      bgcolor: 'action.hover',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
    }}
  >
    {children}
  </Box>
);

export const JsonBlock = ({ label, value }: { label: string; value: unknown }) => (
  <CodeBlock label={label}>{value === undefined ? '–' : JSON.stringify(value, null, 2)}</CodeBlock>
);
