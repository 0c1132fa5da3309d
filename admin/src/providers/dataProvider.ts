import type { AiProviderView } from '@mina/contract/ai-providers';
import { CREATE_FIELDS } from '@mina/contract/inputs';
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, DeleteManyParams, DeleteParams, Identifier, UpdateParams } from 'react-admin';
import type { BackupVerification, Insights, Member, MetricSeries, Segment, Slo, SloWindow, SpeechRecognition } from '../types';
import { httpClient, httpSend } from './httpClient';
import { getMe } from './me';
import { getWorkspaceId } from './workspace';
import type { CopilotItemView } from '@mina/contract/copilot';

const API = '/api';
const base = simpleRestProvider(API, httpClient);

/** Console resource names → API paths; instance-admin resources live under /api/admin. */
const PATHS: Record<string, string> = {
  users: 'admin/users',
  audit: 'admin/audit',
  'dead-letters': 'admin/dead-letters',
  backups: 'admin/backups',
};
const pathOf = (resource: string): string => PATHS[resource] ?? resource;

/**
 * What each create endpoint accepts (the server's DTOs declare the same fields); a create form
 * holds defaults and helpers the API does not take. Updates send the record back whole: the API
 * ignores read-only fields left as they were.
 */
const CREATABLE: Record<string, readonly string[]> = CREATE_FIELDS;

// Cleared inputs mean "no value", which the API spells null.
const cleared = (value: unknown): unknown => (value === '' ? null : value);

function forCreate(resource: string, data: Record<string, unknown>): Record<string, unknown> {
  const fields = CREATABLE[resource];
  if (!fields) return data;
  return Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, cleared(data[field])]));
}

/** The record as read, with cleared inputs as null; member records lose what `inWorkspace` added here. */
function forUpdate(resource: string, data: Record<string, unknown>): Record<string, unknown> {
  const { workspaceId: _workspaceId, callerRole: _callerRole, ...rest } = data;
  const record = resource === 'members' ? rest : data;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, cleared(value)]));
}

const membersPath = (workspaceId: Identifier): string =>
  `workspaces/${encodeURIComponent(String(workspaceId))}/members`;
/** Tags member records with their workspace (for later URLs) and the caller's role in it (for canAccess). */
async function inWorkspace(workspaceId: Identifier): Promise<(m: Record<string, unknown>) => Member> {
  const me = await getMe().catch(() => null);
  const callerRole = me?.memberships.find((x) => x.workspaceId === String(workspaceId))?.role ?? null;
  return (m) => ({ ...m, workspaceId: String(workspaceId), callerRole }) as unknown as Member;
}

function memberWorkspace(params: {
  meta?: { workspaceId?: Identifier };
  previousData?: unknown;
  data?: unknown;
}) {
  const fromRecord = (value: unknown) =>
    typeof value === 'object' && value !== null && 'workspaceId' in value
      ? ((value as { workspaceId: Identifier }).workspaceId ?? undefined)
      : undefined;
  const id =
    params.meta?.workspaceId ??
    fromRecord(params.previousData) ??
    fromRecord(params.data) ??
    getWorkspaceId();
  if (!id) throw new Error('mina.workspace.none_selected');
  return id;
}

function isRetry(params: DeleteParams | DeleteManyParams): boolean {
  return (params.meta as { action?: string } | undefined)?.action === 'retry';
}

export interface MinaDataProvider extends DataProvider {
  resetPassword(userId: Identifier, password: string): Promise<void>;
  runBackup(): Promise<{ id: string }>;
  verifyBackup(id: Identifier): Promise<BackupVerification>;
  getSlo(window: SloWindow): Promise<Slo[]>;
  getAiProviders(): Promise<AiProviderView[]>;
  getMetricSeries(window: SloWindow): Promise<MetricSeries>;
  getSegments(sessionId: Identifier): Promise<Segment[]>;
  getInsights(sessionId: Identifier): Promise<Insights>;
  finalizeSession(sessionId: Identifier): Promise<void>;
  transcribeSession(sessionId: Identifier): Promise<void>;
  getSpeechRecognition(): Promise<SpeechRecognition>;
  getMembers(workspaceId: Identifier): Promise<Member[]>;
  getCopilot(sessionId: Identifier): Promise<CopilotItemView[]>;
  copilotAction(sessionId: Identifier, itemId: Identifier, action: 'pin' | 'dismiss'): Promise<CopilotItemView>;
}

const enc = (id: Identifier) => encodeURIComponent(String(id));

export const dataProvider: MinaDataProvider = {
  getList: async (resource, params) => {
    if (resource === 'members') {
      const { workspaceId, ...filter } = (params.filter ?? {}) as Record<string, unknown>;
      const ws = (workspaceId as Identifier | undefined) ?? memberWorkspace({});
      const result = await base.getList(membersPath(ws), { ...params, filter });
      return { ...result, data: result.data.map(await inWorkspace(ws)) } as never;
    }
    return base.getList(pathOf(resource), params);
  },

  getOne: (resource, params) => base.getOne(pathOf(resource), params),

  getMany: (resource, params) => base.getMany(pathOf(resource), params),

  getManyReference: async (resource, params) => {
    if (resource === 'members' && params.target === 'workspaceId') {
      const result = await base.getList(membersPath(params.id), {
        pagination: params.pagination,
        sort: params.sort,
        filter: params.filter,
        signal: params.signal,
      });
      return { ...result, data: result.data.map(await inWorkspace(params.id)) } as never;
    }
    return base.getManyReference(pathOf(resource), params);
  },

  create: async (resource, params) => {
    if (resource === 'members') {
      const ws = memberWorkspace(params);
      const result = await base.create(membersPath(ws), {
        ...params,
        data: forCreate(resource, params.data),
      });
      return { data: (await inWorkspace(ws))(result.data) } as never;
    }
    const data = forCreate(resource, params.data);
    const result = await base.create(pathOf(resource), { ...params, data });
    // Some creates answer only {id} (sessions): echo what was sent, never a password.
    const { password: _password, ...echo } = data;
    return { data: { ...echo, ...result.data } } as never;
  },

  update: async (resource, params: UpdateParams) => {
    const data = forUpdate(resource, params.data);
    if (resource === 'members') {
      const ws = memberWorkspace(params);
      const result = await base.update(membersPath(ws), { ...params, data });
      return { data: (await inWorkspace(ws))({ ...params.previousData, ...result.data }) } as never;
    }
    const result = await base.update(pathOf(resource), { ...params, data });
    // Some endpoints answer 204; keep the optimistic record then.
    return { data: result.data ?? { ...params.previousData, ...data, id: params.id } } as never;
  },

  updateMany: (resource, params) =>
    base.updateMany(pathOf(resource), { ...params, data: forUpdate(resource, params.data) }),

  delete: async (resource, params) => {
    const fallback = { data: params.previousData ?? { id: params.id } } as never;
    if (resource === 'dead-letters' && isRetry(params)) {
      await httpSend(`${API}/admin/dead-letters/${enc(params.id)}/retry`, 'POST');
      return fallback;
    }
    if (resource === 'members') {
      await httpSend(`${API}/${membersPath(memberWorkspace(params))}/${enc(params.id)}`, 'DELETE');
      return fallback;
    }
    await httpSend(`${API}/${pathOf(resource)}/${enc(params.id)}`, 'DELETE');
    return fallback;
  },

  deleteMany: async (resource, params) => {
    const retry = resource === 'dead-letters' && isRetry(params);
    const results = await Promise.allSettled(
      params.ids.map((id) =>
        retry
          ? httpSend(`${API}/admin/dead-letters/${enc(id)}/retry`, 'POST')
          : httpSend(`${API}/${pathOf(resource)}/${enc(id)}`, 'DELETE'),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { data: params.ids };
  },

  async resetPassword(userId, password) {
    await httpSend(`${API}/admin/users/${enc(userId)}/reset-password`, 'POST', { password });
  },

  async runBackup() {
    const { json } = await httpSend(`${API}/admin/backups`, 'POST', {});
    return json as { id: string };
  },

  async verifyBackup(id) {
    const { json } = await httpSend(`${API}/admin/backups/${enc(id)}/verify`, 'POST', {});
    return json as BackupVerification;
  },

  async getAiProviders() {
    const { json } = await httpClient(`${API}/admin/ai/providers`);
    return json as AiProviderView[];
  },
  async getSlo(window) {
    const { json } = await httpClient(`${API}/admin/slo?window=${enc(window)}`);
    return json as Slo[];
  },

  async getMetricSeries(window) {
    const { json } = await httpClient(`${API}/admin/metrics/series?window=${enc(window)}`);
    return json as MetricSeries;
  },

  async getSegments(sessionId) {
    const { json } = await httpClient(`${API}/sessions/${enc(sessionId)}/segments`);
    return json as Segment[];
  },

  async getInsights(sessionId) {
    const { json } = await httpClient(`${API}/sessions/${enc(sessionId)}/insights`);
    return json as Insights;
  },

  async finalizeSession(sessionId) {
    await httpSend(`${API}/sessions/${enc(sessionId)}/finalize`, 'POST');
  },

  async transcribeSession(sessionId) {
    await httpSend(`${API}/sessions/${enc(sessionId)}/transcribe`, 'POST');
  },

  async getSpeechRecognition() {
    const { json } = await httpClient(`${API}/speech-recognition`);
    return json as SpeechRecognition;
  },

  async getCopilot(sessionId) {
    const { json } = await httpClient(`${API}/sessions/${enc(sessionId)}/copilot`);
    return json as CopilotItemView[];
  },

  async copilotAction(sessionId, itemId, action) {
    const { json } = await httpSend(`${API}/sessions/${enc(sessionId)}/copilot/${enc(itemId)}/${action}`, 'POST');
    return json as CopilotItemView;
  },

  async getMembers(workspaceId) {
    const { data } = await base.getList(membersPath(workspaceId), {
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'createdAt', order: 'ASC' },
      filter: {},
    });
    return data.map(await inWorkspace(workspaceId));
  },
};
