/*
 * Every page of the console, as data: the resources with the react-admin views each has, and the
 * custom routes. routes.ts maps these to components (the types make it exhaustive) and App.tsx
 * maps over that, so this is what the router serves. The accessibility browser test imports this
 * file (it imports nothing, so the API's TypeScript project can compile it too): a page added here
 * is checked by axe, or the test fails naming it.
 */
export type ResourceView = 'list' | 'show' | 'edit' | 'create';

export const RESOURCE_PAGES = {
  meetings: ['list', 'show', 'edit', 'create'],
  sessions: ['list', 'show'],
  tasks: ['list', 'show', 'edit', 'create'],
  workspaces: ['list', 'show', 'edit', 'create'],
  templates: ['list', 'edit', 'create'],
  // Members have no pages of their own: workspaces/WorkspaceShow manages them (members/MembersPanel).
  members: [],
  users: ['list', 'show', 'edit', 'create'],
  'dead-letters': ['list', 'show'],
  backups: ['list'],
  audit: ['list'],
} as const satisfies Record<string, readonly ResourceView[]>;

export type ResourceName = keyof typeof RESOURCE_PAGES;
export type ViewsOf<N extends ResourceName> = (typeof RESOURCE_PAGES)[N][number];

/** react-router paths of the pages outside resources, `:param` segments included. */
export const CUSTOM_PAGES = [
  '/slo',
  '/ai-providers',
  '/live',
  '/search',
  '/ask',
  '/uploads',
  '/api-keys',
  '/webhooks',
  '/webhooks/:id',
] as const;

export type CustomPath = (typeof CUSTOM_PAGES)[number];
