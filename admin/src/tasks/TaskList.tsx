import {
  BooleanInput,
  CreateButton,
  DataTable,
  DateInput,
  ExportButton,
  Link,
  List,
  SelectInput,
  TopToolbar,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import { StatusChipField } from '../components/StatusChip';
import type { Task } from '../types';
import { taskStatusChoices } from './choices';
import { DueDate } from './DueDate';
import { TaskFilterSidebar } from './TaskFilterSidebar';
import { TaskStatusSelect } from './TaskStatusSelect';
import { useAssigneeLabel } from './useAssignees';

const filters = [
  <SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.tasks.search" />,
  <BooleanInput
    key="mine"
    source="mine"
    label="mina.tasks.assigned_to_me"
    alwaysOn
    parse={(v: boolean) => v || undefined}
  />,
  <SelectInput key="status" source="status" choices={taskStatusChoices} alwaysOn />,
  <DateInput key="dueBefore" source="dueBefore" alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <CreateButton />
    <ExportButton />
  </TopToolbar>
);

/** The title doubles as a keyboard-reachable link to the task. */
const TitleLink = (_: { source?: string }) => {
  const task = useRecordContext<Task>();
  const createPath = useCreatePath();
  if (!task) return null;
  return (
    <Link
      to={createPath({ resource: 'tasks', type: 'show', id: task.id })}
      onClick={(e: React.MouseEvent) => e.stopPropagation()}
    >
      {task.title}
    </Link>
  );
};

const AssigneeCell = (_: { source?: string }) => {
  const task = useRecordContext<Task>();
  const assignee = useAssigneeLabel();
  return <>{task ? (assignee(task) ?? '–') : null}</>;
};

const TaskList = () => (
  <List<Task>
    sort={{ field: 'createdAt', order: 'DESC' }}
    filters={filters}
    actions={<Actions />}
    aside={<TaskFilterSidebar />}
    error={<ListError />}
  >
    <DataTable<Task> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="title" field={TitleLink} />
      <DataTable.Col source="status" render={() => <TaskStatusSelect />} />
      <DataTable.Col
        source="priority"
        field={(p: { source: string }) => <StatusChipField {...p} prefix="mina.priority" />}
      />
      <DataTable.Col source="assigneeName" disableSort field={AssigneeCell} />
      <DataTable.Col source="dueDate" field={DueDate} />
      <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
    </DataTable>
  </List>
);

export default TaskList;
