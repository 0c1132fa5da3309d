import { lazy } from 'react';
import { Admin, CustomRoutes, localStorageStore, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import audit from './audit';
import backups from './backups';
import deadLetters from './dead-letters';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { darkTheme, lightTheme } from './layout/themes';
import meetings from './meetings';
import members from './members';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { queryClient } from './providers/queryClient';
import sessions from './sessions';
import tasks from './tasks';
import templates from './templates';
import users from './users';
import workspaces from './workspaces';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const SloDashboard = lazy(() => import('./slo/SloDashboard'));
const AiProvidersPage = lazy(() => import('./ai-providers/AiProvidersPage'));
const LivePage = lazy(() => import('./live/LivePage'));
const SearchPage = lazy(() => import('./search/SearchPage'));
const AskPage = lazy(() => import('./ask/AskPage'));
const UploadsPage = lazy(() => import('./uploads/UploadsPage'));
const ApiKeysPage = lazy(() => import('./api-keys/ApiKeysPage'));
const WebhooksPage = lazy(() => import('./webhooks/WebhooksPage'));
const WebhookPage = lazy(() => import('./webhooks/WebhookPage'));

export const App = () => (
  <Admin
    title="Mina"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    queryClient={queryClient}
    store={localStorageStore('1', 'mina')}
    layout={Layout}
    loginPage={LoginPage}
    dashboard={Dashboard}
    theme={lightTheme}
    darkTheme={darkTheme}
    requireAuth
    disableTelemetry
  >
    <Resource name="meetings" {...meetings} />
    <Resource name="sessions" {...sessions} />
    <Resource name="tasks" {...tasks} />
    <Resource name="workspaces" {...workspaces} />
    <Resource name="templates" {...templates} />
    <Resource name="members" {...members} />
    <Resource name="users" {...users} />
    <Resource name="dead-letters" {...deadLetters} />
    <Resource name="backups" {...backups} />
    <Resource name="audit" {...audit} />
    <CustomRoutes>
      <Route path="/slo" element={<SloDashboard />} />
      <Route path="/ai-providers" element={<AiProvidersPage />} />
      <Route path="/live" element={<LivePage />} />
      <Route path="/search" element={<SearchPage />} />
      <Route path="/ask" element={<AskPage />} />
      <Route path="/uploads" element={<UploadsPage />} />
      <Route path="/api-keys" element={<ApiKeysPage />} />
      <Route path="/webhooks" element={<WebhooksPage />} />
      <Route path="/webhooks/:id" element={<WebhookPage />} />
    </CustomRoutes>
  </Admin>
);
