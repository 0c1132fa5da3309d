import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN = { email: 'root@bad-input.test', password: 'admin-password-1' };

let t: TestApp;
let owner: SignedIn;
let admin: Record<string, string>;
let ids: { meeting: string; session: string; task: string; marker: string; member: string; workspace: string };

beforeAll(async () => {
  // A backup key, so backup routes answer for the input rather than 503 for the missing key.
  t = await startTestApp({ env: { MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password, MINA_BACKUP_KEY: randomBytes(32).toString('base64') } });
  owner = await registerUser(t.url, 'Olive Owner');
  const login = await t.http.post('/api/auth/login').send(ADMIN);
  admin = { Authorization: `Bearer ${login.body.accessToken}`, 'X-Workspace-Id': owner.workspaceId };
  const h = as(owner);
  const meeting = await t.http.post('/api/meetings').set(h).send({ title: 'Planning', scheduledStart: '2026-03-02T10:00:00.000Z' });
  const session = await t.http.post('/api/sessions').set(h).send({ title: 'Planning call', meetingId: meeting.body.id });
  const task = await t.http.post('/api/tasks').set(h).send({ title: 'Write the plan', dueDate: '2026-03-10', sessionId: session.body.id, sourceStartMs: 1500 });
  const marker = await t.http.post('/api/markers').set(h).send({ sessionId: session.body.id, type: 'decision', content: 'Decision here', atMs: 10 });
  const members = await t.http.get(`/api/workspaces/${owner.workspaceId}/members`).set(h);
  ids = { meeting: meeting.body.id, session: session.body.id, task: task.body.id, marker: marker.body.id, member: members.body[0].id, workspace: owner.workspaceId };
  for (const id of Object.values(ids)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** A 4xx with a stable code in the contract's error shape. */
function expectRefused(res: request.Response, status?: number, code?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  if (status) expect(res.status).toBe(status);
  expect(typeof res.body.code).toBe('string');
  if (code) expect(res.body.code).toBe(code);
}

const LISTS = ['/api/meetings', '/api/sessions', '/api/tasks', '/api/markers', '/api/workspaces', '/api/search?q=plan'];
const ADMIN_LISTS = ['/api/admin/users', '/api/admin/dead-letters', '/api/admin/audit', '/api/admin/backups'];

describe('issue 11 item 4: bad input is a 4xx with a code', () => {
  it.each([...LISTS, ...ADMIN_LISTS, `/api/workspaces/{ws}/members`])('range beyond bigint on %s', async (path) => {
    const url = path.replace('{ws}', owner.workspaceId);
    const res = await t.http.get(url).query({ range: '[1e20,1e20]' }).set(path.startsWith('/api/admin') ? admin : as(owner));
    expectRefused(res, 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['/api/sessions', { id: ['nope'] }],
    ['/api/sessions', { meetingId: 'nope' }],
    ['/api/sessions', { userId: 'nope' }],
    ['/api/markers', { id: ['nope'] }],
    ['/api/markers', { sessionId: 'nope' }],
    ['/api/workspaces', { id: ['nope'] }],
    ['/api/workspaces/{ws}/members', { id: ['nope'] }],
    ['/api/workspaces/{ws}/members', { userId: 'nope' }],
    ['/api/tasks', { assignedToId: 'nope' }],
    ['/api/admin/users', { id: ['nope'] }],
    ['/api/admin/dead-letters', { id: ['nope'] }],
    ['/api/admin/dead-letters', { sessionId: 'nope' }],
    ['/api/admin/dead-letters', { workspaceId: 'nope' }],
    ['/api/admin/audit', { actorId: 'nope' }],
    ['/api/admin/audit', { workspaceId: 'nope' }],
  ])('non-UUID id in the filter of %s: %j', async (path, filter) => {
    const url = path.replace('{ws}', owner.workspaceId);
    const res = await t.http.get(url).query({ filter: JSON.stringify(filter) }).set(path.startsWith('/api/admin') ? admin : as(owner));
    expectRefused(res, 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['POST', '/api/auth/login', { email: 'a\u0000@example.com', password: 'x\u0000y' }],
    ['POST', '/api/auth/register', { email: 'nul@example.com', password: 'correct horse battery', name: 'N\u0000L' }],
    ['POST', '/api/meetings', { title: 'a\u0000b' }],
    ['POST', '/api/tasks', { title: 'a\u0000b' }],
    ['PUT', '/api/workspaces/{ws}', { settings: { note: 'a\u0000b' } }],
  ])('NUL in a string body: %s %s', async (method, path, body) => {
    const url = path.replace('{ws}', owner.workspaceId);
    const res = await t.http[method === 'POST' ? 'post' : 'put'](url).set(as(owner)).send(body);
    expectRefused(res, 400, 'INVALID_CHARACTER');
  });

  it.each(['/api/search?q=a%00b', '/api/meetings?filter=%7B%22q%22%3A%22a%5Cu0000b%22%7D', '/api/tasks?filter=%7B%22q%22%3A%22a%00%22%7D'])(
    'NUL in the query: %s',
    async (url) => {
      expectRefused(await t.http.get(url).set(as(owner)), 400, 'INVALID_CHARACTER');
    },
  );

  const IMPOSSIBLE = ['2026-02-31', '0000-00-00', '+275760-09-13', '-000001-01-01', '2026-13-01', '2026-02-29T10:00:00Z'];
  it.each(IMPOSSIBLE)('impossible date %s in filters, bodies, trends and token usage', async (date) => {
    const h = as(owner);
    expectRefused(await t.http.get('/api/meetings').query({ filter: JSON.stringify({ scheduledAfter: date }) }).set(h), 400);
    expectRefused(await t.http.get('/api/tasks').query({ filter: JSON.stringify({ dueBefore: date }) }).set(h), 400);
    expectRefused(await t.http.get('/api/analytics/trends').query({ from: date }).set(h), 400);
    expectRefused(await t.http.get('/api/analytics/trends').query({ to: date }).set(h), 400);
    expectRefused(await t.http.get(`/api/workspaces/${owner.workspaceId}/token-usage`).query({ from: date }).set(h), 400);
    expectRefused(await t.http.post('/api/meetings').set(h).send({ title: 'x', scheduledStart: date }), 400, 'VALIDATION_FAILED');
    expectRefused(await t.http.put(`/api/meetings/${ids.meeting}`).set(h).send({ scheduledEnd: date }), 400, 'VALIDATION_FAILED');
    expectRefused(await t.http.post('/api/tasks').set(h).send({ title: 'x', dueDate: date }), 400, 'VALIDATION_FAILED');
  });

  it('refuses scheduledStart 2026-02-30 instead of storing March 2', async () => {
    const res = await t.http.post('/api/meetings').set(as(owner)).send({ title: 'Leap', scheduledStart: '2026-02-30' });
    expectRefused(res, 400, 'VALIDATION_FAILED');
    const ok = await t.http.post('/api/meetings').set(as(owner)).send({ title: 'Leap', scheduledStart: '2028-02-29' });
    expect(ok.status).toBe(201);
    expect(ok.body.scheduledStart).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses a task sourceStartMs beyond the column', async () => {
    const res = await t.http.post('/api/tasks').set(as(owner)).send({ title: 'x', sessionId: ids.session, sourceStartMs: 3e9 });
    expectRefused(res, 400, 'VALIDATION_FAILED');
  });

  it('refuses JSON nested beyond the limit anywhere in a body', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await t.http.put(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).set('Content-Type', 'application/json').send(`{"settings":${deep}}`);
    expectRefused(res, 400, 'JSON_TOO_DEEP');
    const deepArray = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expectRefused(await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(`{"email":${deepArray}}`), 400, 'JSON_TOO_DEEP');
    const deepFilter = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
    expectRefused(await t.http.get('/api/meetings').query({ filter: deepFilter }).set(as(owner)), 400, 'JSON_TOO_DEEP');
  });

  it('refuses Content-Encoding gzip on a plain body with a 4xx', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"email":"a@b.c","password":"x"}');
    expectRefused(res, 400, 'MALFORMED_BODY');
    const br = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{}');
    expectRefused(br, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: { type?: string } }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, { properties?: Record<string, { type?: string }> }> };
}
interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  op: OpenApiOperation;
}

// Routes the sweep must not call with good values: they would run a real backup or end the caller's own access.
const SKIP = new Set(['post /api/admin/backups', 'post /api/auth/logout', 'post /api/auth/logout-all']);

// URLs carry UTF-8, which a lone surrogate cannot be encoded as.
const LONE_SURROGATE = /\p{Cs}/gu;
const IMPOSSIBLE_DATES = ['2026-02-30', '0000-00-00', '+275760-09-13', '-000001-01-01', '2026-02-29T25:61:00Z', '9999-99-99'];
const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Values that have reached a 500 somewhere, and the shapes around them. */
const BIG = [1e20, -1e20, 3e9, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, 1.5, -1];
const hostile = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom('a\u0000b', '\u0000', '', 'nope', '%00', "'; drop table task; --", '😀'.repeat(300), 'x'.repeat(70_000)),
    fc.constantFrom(...BIG),
    fc.constantFrom(...IMPOSSIBLE_DATES),
    fc.constantFrom(true, null, [], {}, ['nope'], { $ne: 1 }, { __proto__: { polluted: 1 } }),
    fc.constant(deep(200)),
    fc.uuid().map((u) => [u]),
    fc.string({ maxLength: 40 }),
    fc.jsonValue({ maxDepth: 3 }),
  );

const FILTER_KEYS = ['id', 'q', 'status', 'meetingId', 'sessionId', 'userId', 'workspaceId', 'actorId', 'organizerId', 'assignedToId', 'jobId', 'type', 'scheduledAfter', 'dueBefore', 'all', 'mine', 'open', 'priority', 'isActive', 'kind', 'target', 'action'];

function queryValue(name: string): fc.Arbitrary<string> {
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v) ?? 'null');
  if (name === 'range') return fc.oneof(json(fc.tuple(fc.constantFrom(...BIG, 0), fc.constantFrom(...BIG, 24))), json(fc.tuple(hostile(), hostile())), fc.string());
  if (name === 'sort') return fc.oneof(json(fc.tuple(fc.constantFrom('createdAt', 'title', 'x\u0000', 'id', 'atMs', 'failedAt'), hostile())), fc.string());
  if (name === 'filter') return fc.oneof({ weight: 4, arbitrary: json(fc.dictionary(fc.constantFrom(...FILTER_KEYS), hostile(), { minKeys: 1, maxKeys: 3 })) }, json(hostile()), fc.string());
  return fc.oneof(hostile().map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')), fc.constantFrom(...IMPOSSIBLE_DATES));
}

const DEEP_BODY = `${'{"a":['.repeat(2500)}1${']}'.repeat(2500)}`;

/** The body as sent: JSON text, since a 5,000-deep document is past what JSON.stringify can write. */
function bodyFor(doc: OpenApiDocument, op: OpenApiOperation): fc.Arbitrary<string> {
  const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
  const schema = ref ? doc.components?.schemas?.[ref.split('/').pop()!] : undefined;
  const keys = Object.keys(schema?.properties ?? {});
  const shaped = keys.length ? fc.dictionary(fc.constantFrom(...keys, 'id', 'createdAt', 'unknownField'), hostile(), { maxKeys: keys.length + 1 }) : fc.constant({});
  const text = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v) ?? 'null');
  return fc.oneof({ weight: 4, arbitrary: text(shaped) }, { weight: 1, arbitrary: text(hostile()) }, { weight: 1, arbitrary: fc.constant(DEEP_BODY) });
}

describe('issue 11 item 4: a sweep of every documented route with hostile input answers no 5xx', () => {
  let routes: Route[];
  beforeAll(async () => {
    const doc = (await t.http.get('/docs-json')).body as OpenApiDocument;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method) && !SKIP.has(`${method} ${path}`))
        .map(([method, op]) => ({ method: method as Route['method'], path, op })),
    );
    sweepDoc = doc;
  });
  let sweepDoc: OpenApiDocument;

  const request$ = (route: Route) => {
    const realIds = Object.values(ids);
    // DELETE with a real id would remove the fixtures the rest of the sweep reads.
    const idValue = route.method === 'delete' ? fc.oneof(fc.uuid(), queryValue('id')) : fc.oneof(fc.constantFrom(...realIds), fc.uuid(), queryValue('id'));
    const pathParams = (route.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    const queryParams = (route.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    return fc.record({
      path: fc.tuple(...pathParams.map(() => idValue)),
      query: fc.tuple(...queryParams.map((name) => fc.option(queryValue(name), { nil: undefined }))),
      body: bodyFor(sweepDoc, route.op),
      contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
    }).map(({ path, query, body, contentType }) => {
      let url = route.path;
      pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, encodeURIComponent(path[i].replace(LONE_SURROGATE, '\uFFFD').slice(0, 3000)))));
      const qs = new URLSearchParams();
      // Each value stays well under Node's 16 KiB header limit, past which the server answers 431 and hangs up by design.
      queryParams.forEach((name, i) => query[i] !== undefined && qs.append(name, query[i].replace(LONE_SURROGATE, '\uFFFD').slice(0, 3000)));
      return { url: qs.size ? `${url}?${qs.toString()}` : url, body, contentType };
    });
  };

  // A fixed seed and a fixed number of requests per route: the same sweep on every run, well under 30 s.
  it.each([
    ['workspace owner', 1],
    ['instance admin', 2],
  ])('as %s', async (who, seed) => {
    const headers = who === 'instance admin' ? admin : as(owner);
    const failures: string[] = [];
    const perRoute = Math.max(6, Math.floor(450 / routes.length));
    for (const route of routes) {
      for (const { url, body, contentType } of fc.sample(request$(route), { numRuns: perRoute, seed })) {
        const shown = `${route.method.toUpperCase()} ${url.slice(0, 300)} ${contentType} ${body.slice(0, 300)}`;
        try {
          let req = t.http[route.method](url).set(headers).timeout(10_000);
          if (route.method !== 'get' && route.method !== 'delete') req = req.set('Content-Type', contentType).send(body);
          const res = await req;
          if (res.status >= 500) failures.push(`${shown} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        } catch (error) {
          failures.push(`${shown} → ${String(error)}`);
        }
      }
    }
    expect(routes.length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('issue 12 item 5: PUT takes back what GET returned', () => {
  // Each resource the console edits, read and sent back whole as ra-data-simple-rest's update does.
  const resources = (): [string, string, Record<string, string>, string, unknown][] => [
    ['task', `/api/tasks/${ids.task}`, as(owner), 'evidence', 'made up'],
    ['task', `/api/tasks/${ids.task}`, as(owner), 'createdAt', '2020-01-01T00:00:00.000Z'],
    ['meeting', `/api/meetings/${ids.meeting}`, as(owner), 'organizerId', ids.member],
    ['marker', `/api/markers/${ids.marker}`, as(owner), 'atMs', 99],
    ['workspace', `/api/workspaces/${ids.workspace}`, as(owner), 'slug', 'another-slug'],
    ['member', `/api/workspaces/${ids.workspace}/members/${ids.member}`, as(owner), 'email', 'someone@else.test'],
    ['admin user', `/api/admin/users/${owner.userId}`, admin, 'email', 'someone@else.test'],
  ];

  const CASES = [
    ['task', 'evidence'],
    ['task', 'createdAt'],
    ['meeting', 'organizerId'],
    ['marker', 'atMs'],
    ['workspace', 'slug'],
    ['member', 'email'],
    ['admin user', 'email'],
  ] as const;

  it.each(CASES.filter(([, field], i) => i === 0 || field !== 'createdAt'))('%s: GET then PUT of the same body is 200 and changes nothing', async (name) => {
    const [, url, headers] = resources().find(([n]) => n === name)!;
    const read = await t.http.get(url).set(headers);
    expect(read.status).toBe(200);
    const put = await t.http.put(url).set(headers).send(read.body);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const { updatedAt: _a, ...before } = read.body as Record<string, unknown>;
    const { updatedAt: _b, ...after } = put.body as Record<string, unknown>;
    expect(after).toEqual(before);
  });

  it.each(CASES)('%s: changing read-only %s is READ_ONLY_FIELD', async (name, field) => {
    const [, url, headers, , value] = resources().find(([n, , , f]) => n === name && f === field)!;
    const read = await t.http.get(url).set(headers);
    const put = await t.http.put(url).set(headers).send({ ...read.body, [field]: value });
    expectRefused(put, 400, 'READ_ONLY_FIELD');
    expect(put.body.details).toEqual({ field });
    expect((await t.http.get(url).set(headers)).body[field]).toEqual(read.body[field]);
  });

  it('meeting participants come back with their names and still may change role', async () => {
    const h = as(owner);
    await t.http.put(`/api/meetings/${ids.meeting}`).set(h).send({ participants: [{ userId: owner.userId, role: 'attendee' }] });
    const read = await t.http.get(`/api/meetings/${ids.meeting}`).set(h);
    expect(read.body.participants[0]).toMatchObject({ userId: owner.userId, name: 'Olive Owner' });
    const promoted = { ...read.body, participants: [{ ...read.body.participants[0], role: 'presenter' }] };
    const put = await t.http.put(`/api/meetings/${ids.meeting}`).set(h).send(promoted);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.participants[0].role).toBe('presenter');
    const renamed = { ...read.body, participants: [{ ...read.body.participants[0], name: 'Someone Else' }] };
    expectRefused(await t.http.put(`/api/meetings/${ids.meeting}`).set(h).send(renamed), 400, 'READ_ONLY_FIELD');
  });

  it('still refuses a property no representation has', async () => {
    const read = await t.http.get(`/api/tasks/${ids.task}`).set(as(owner));
    expectRefused(await t.http.put(`/api/tasks/${ids.task}`).set(as(owner)).send({ ...read.body, bogus: 1 }), 400, 'VALIDATION_FAILED');
  });
});
