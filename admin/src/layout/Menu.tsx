import QuestionAnswerIcon from '@mui/icons-material/QuestionAnswer';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import HubIcon from '@mui/icons-material/Hub';
import MicIcon from '@mui/icons-material/Mic';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import SearchIcon from '@mui/icons-material/Search';
import { Divider, ListSubheader } from '@mui/material';
import { CanAccess, Menu as RaMenu, usePermissions, useSidebarState, useTranslate } from 'react-admin';
import type { Permissions } from '../providers/canAccess';
import { WebhooksMenuItem } from '../webhooks/MenuItem';

const AdminSection = () => {
  const translate = useTranslate();
  const [open] = useSidebarState();
  const { permissions } = usePermissions<Permissions>();
  if (!permissions?.isInstanceAdmin) return null;
  return (
    <>
      <Divider sx={{ my: 1 }} />
      {open ? (
        <ListSubheader component="div" sx={{ bgcolor: 'transparent', lineHeight: 2 }}>
          {translate('mina.menu.instance')}
        </ListSubheader>
      ) : null}
      <RaMenu.ResourceItem name="users" />
      <RaMenu.ResourceItem name="dead-letters" />
      <CanAccess action="list" resource="slo">
        <RaMenu.Item to="/slo" primaryText={translate('mina.slo.title')} leftIcon={<MonitorHeartIcon />} />
      </CanAccess>
      <CanAccess action="list" resource="ai-providers">
        <RaMenu.Item
          to="/ai-providers"
          primaryText={translate('mina.ai_providers.menu')}
          leftIcon={<HubIcon />}
        />
      </CanAccess>
      <RaMenu.ResourceItem name="backups" />
      <RaMenu.ResourceItem name="audit" />
    </>
  );
};

export const Menu = () => {
  const translate = useTranslate();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <CanAccess action="create" resource="live">
        <RaMenu.Item to="/live" primaryText={translate('mina.live.menu')} leftIcon={<MicIcon />} />
      </CanAccess>
      <CanAccess action="create" resource="uploads">
        <RaMenu.Item
          to="/uploads"
          primaryText={translate('mina.uploads.menu')}
          leftIcon={<CloudUploadIcon />}
        />
      </CanAccess>
      <RaMenu.ResourceItem name="meetings" />
      <RaMenu.ResourceItem name="sessions" />
      <RaMenu.ResourceItem name="tasks" />
      <CanAccess action="list" resource="search">
        <RaMenu.Item to="/search" primaryText={translate('mina.search.menu')} leftIcon={<SearchIcon />} />
      </CanAccess>
      <CanAccess action="create" resource="ask">
        <RaMenu.Item to="/ask" primaryText={translate('mina.ask.menu')} leftIcon={<QuestionAnswerIcon />} />
      </CanAccess>
      <RaMenu.ResourceItem name="workspaces" />
      <RaMenu.ResourceItem name="templates" />
      <WebhooksMenuItem />
      <AdminSection />
    </RaMenu>
  );
};
