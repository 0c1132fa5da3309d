/*
 * The components of every page in pages.ts, which App.tsx maps over. The types require a
 * component for each view and custom path pages.ts lists, and the router gets only those views.
 */
import { lazy, type ComponentType } from 'react';
import type { ResourceProps } from 'react-admin';
import audit from './audit';
import backups from './backups';
import deadLetters from './dead-letters';
import meetings from './meetings';
import members from './members';
import { CUSTOM_PAGES, RESOURCE_PAGES, type CustomPath, type ResourceName, type ViewsOf } from './pages';
import sessions from './sessions';
import tasks from './tasks';
import templates from './templates';
import users from './users';
import workspaces from './workspaces';

type ResourceModule<N extends ResourceName> = { [V in ViewsOf<N>]: ComponentType } & Pick<
  ResourceProps,
  'icon' | 'recordRepresentation'
>;

const MODULES: { [N in ResourceName]: ResourceModule<N> } = {
  meetings,
  sessions,
  tasks,
  workspaces,
  templates,
  members,
  users,
  'dead-letters': deadLetters,
  backups,
  audit,
};

const PAGES: Record<CustomPath, ComponentType> = {
  '/slo': lazy(() => import('./slo/SloDashboard')),
  '/ai-providers': lazy(() => import('./ai-providers/AiProvidersPage')),
  '/live': lazy(() => import('./live/LivePage')),
  '/search': lazy(() => import('./search/SearchPage')),
  '/ask': lazy(() => import('./ask/AskPage')),
  '/uploads': lazy(() => import('./uploads/UploadsPage')),
  '/api-keys': lazy(() => import('./api-keys/ApiKeysPage')),
  '/webhooks': lazy(() => import('./webhooks/WebhooksPage')),
  '/webhooks/:id': lazy(() => import('./webhooks/WebhookPage')),
};

export const resources: ResourceProps[] = (Object.keys(RESOURCE_PAGES) as ResourceName[]).map((name) => {
  const module: Partial<Record<ViewsOf<ResourceName>, ComponentType>> & ResourceModule<'members'> =
    MODULES[name];
  const views = RESOURCE_PAGES[name] as readonly ViewsOf<ResourceName>[];
  return {
    name,
    icon: module.icon,
    recordRepresentation: module.recordRepresentation,
    ...Object.fromEntries(views.map((view) => [view, module[view]])),
  };
});

export const customRoutes = CUSTOM_PAGES.map((path) => ({ path, page: PAGES[path] }));
