import type { TemplateView } from '@mina/contract/templates';
import { Chip, Stack } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DeleteButton,
  EditButton,
  List,
  TopToolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { ListError } from '../components/ErrorState';

const Actions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

const Kind = ({ record }: { record: TemplateView }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" gap={1}>
      <Chip
        size="small"
        label={translate(record.builtIn ? 'mina.templates.built_in' : 'mina.templates.custom')}
      />
      {record.isDefault ? (
        <Chip size="small" color="primary" label={translate('mina.templates.default')} />
      ) : null}
    </Stack>
  );
};

/** Built-ins are read-only: no edit or delete button on their rows. */
const RowButtons = ({ record }: { record: TemplateView }) => {
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'templates', record });
  if (record.builtIn || !canAccess) return null;
  return (
    <Stack direction="row">
      <EditButton record={record} aria-label={`Edit ${record.name}`} />
      <DeleteButton record={record} mutationMode="pessimistic" aria-label={`Delete ${record.name}`} />
    </Stack>
  );
};

const TemplateList = () => (
  <List<TemplateView>
    actions={<Actions />}
    error={<ListError />}
    sort={{ field: 'createdAt', order: 'ASC' }}
    perPage={100}
    pagination={false}
  >
    <DataTable<TemplateView> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="builtIn" disableSort render={(t: TemplateView) => <Kind record={t} />} />
      <DataTable.Col
        source="sections"
        disableSort
        render={(t: TemplateView) => t.sections.map((s) => s.title).join(' · ')}
      />
      <DataTable.Col source="description" disableSort />
      <DataTable.Col label="" disableSort render={(t: TemplateView) => <RowButtons record={t} />} />
    </DataTable>
  </List>
);

export default TemplateList;
