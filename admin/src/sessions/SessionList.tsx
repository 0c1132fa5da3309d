import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import GraphicEqIcon from '@mui/icons-material/GraphicEq';
import MicIcon from '@mui/icons-material/Mic';
import { Stack } from '@mui/material';
import {
  Button,
  CanAccess,
  DataTable,
  ExportButton,
  Link,
  List,
  SelectInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { EmptyState } from '../components/EmptyState';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import { NotTranscribedChip } from './NotTranscribed';
import { formatSpan } from '../format/time';
import type { Session } from '../types';
import { ImportTranscriptButton } from './ImportTranscriptButton';
import { SessionStatusChip } from './SessionStatusChip';
import { sessionSourceChoices, sessionStatusChoices } from './statuses';

const filters = [
  <SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.sessions.search" />,
  <SelectInput key="status" source="status" choices={sessionStatusChoices} alwaysOn />,
  <SelectInput key="source" source="source" choices={sessionSourceChoices} alwaysOn />,
];

const StartLiveButton = () => (
  <CanAccess action="create" resource="live">
    <Button label="mina.live.start_new" component={Link} to="/live">
      <MicIcon />
    </Button>
  </CanAccess>
);

const UploadRecordingsButton = () => (
  <CanAccess action="create" resource="uploads">
    <Button label="mina.uploads.menu" component={Link} to="/uploads">
      <CloudUploadIcon />
    </Button>
  </CanAccess>
);

const Actions = () => (
  <TopToolbar>
    <StartLiveButton />
    <UploadRecordingsButton />
    <ImportTranscriptButton />
    <ExportButton />
  </TopToolbar>
);

/** With no session yet, the ways to get one: record live, upload a recording, or import a transcript. */
const Empty = () => {
  const translate = useTranslate();
  return (
    <EmptyState icon={<GraphicEqIcon />} title={translate('mina.sessions.empty')}>
      <Stack direction="row" spacing={1} justifyContent="center">
        <StartLiveButton />
        <UploadRecordingsButton />
        <ImportTranscriptButton />
      </Stack>
    </EmptyState>
  );
};

const duration = (s: Session) => formatSpan(s.durationMs);

const SessionList = () => (
  <List<Session>
    sort={{ field: 'createdAt', order: 'DESC' }}
    filters={filters}
    actions={<Actions />}
    empty={<Empty />}
    error={<ListError />}
  >
    <DataTable<Session> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="title" render={(s) => s.title || '–'} />
      <DataTable.Col
        source="status"
        render={(s: Session) => (
          <Stack direction="row" gap={0.5} flexWrap="wrap">
            <SessionStatusChip session={s} />
            <NotTranscribedChip session={s} />
          </Stack>
        )}
      />
      <DataTable.Col source="language" disableSort render={(s) => s.language ?? '–'} />
      <DataTable.Col source="startedAt" field={DateTimeField} sortByOrder="DESC" />
      <DataTable.Col source="duration" disableSort render={duration} />
      <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
    </DataTable>
  </List>
);

export default SessionList;
