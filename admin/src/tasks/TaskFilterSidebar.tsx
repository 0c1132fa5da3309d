import AccessTimeIcon from '@mui/icons-material/AccessTime';
import FlagIcon from '@mui/icons-material/Flag';
import { Card, CardContent } from '@mui/material';
import { FilterList, FilterListItem, useTranslate } from 'react-admin';
import { isoDate } from '../format/time';
import { TASK_STATUSES } from '../types';

export const TaskFilterSidebar = () => {
  const translate = useTranslate();
  return (
    <Card
      component="aside"
      aria-label={translate('mina.tasks.quick_filters')}
      sx={{ order: -1, mr: 2, mt: 2, width: 220, flexShrink: 0, display: { xs: 'none', md: 'block' } }}
    >
      <CardContent>
        <FilterList label="resources.tasks.fields.status" icon={<FlagIcon />}>
          {TASK_STATUSES.map((status) => (
            <FilterListItem key={status} label={`mina.status.${status}`} value={{ status }} />
          ))}
        </FilterList>
        <FilterList label="mina.tasks.due" icon={<AccessTimeIcon />}>
          {/* dueBefore is inclusive; `open` keeps done and cancelled tasks out. */}
          <FilterListItem label="mina.tasks.overdue" value={{ dueBefore: isoDate(-1), open: true }} />
          <FilterListItem label="mina.tasks.due_this_week" value={{ dueBefore: isoDate(7) }} />
          <FilterListItem label="mina.tasks.due_this_month" value={{ dueBefore: isoDate(30) }} />
        </FilterList>
      </CardContent>
    </Card>
  );
};
