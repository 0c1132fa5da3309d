/* Shared by the fault specs: an app on private servers, a client that resends what was not acked, and the end-state checks. */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Ack, ChunkAck, EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import type { InsightsBody } from './pipeline.harness.js';
import { FAST } from './pipeline.harness.js';
import { scriptLlm } from './pipeline.fake-llm.js';
import { call, collectSegments, createSession, ES2002A, finalSegments, register, uniqueFinals, userSocket, words, type ClientSocket, type Fixture, type User } from './transcription-client.js';

export interface FaultAppOptions {
  fake: FakeOpenAI;
  redisUrl?: string;
  databaseUrl?: string;
  redisPrefix?: string;
  pipeline?: Partial<typeof FAST>;
}

/** One `all` process (gateway, transcription, pipeline workers) with the fake OpenAI for ASR and LLM. */
export function startFaultApp(o: FaultAppOptions): Promise<TestApp> {
  return startTestApp({
    databaseUrl: o.databaseUrl,
    redisPrefix: o.redisPrefix,
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: o.fake.baseURL,
      MINA_ASR_MODEL: 'whisper-1',
      ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
    },
    config: { pipeline: { ...FAST, ...o.pipeline } },
  });
}

export interface ScriptedFaultApp {
  fake: FakeOpenAI;
  app: TestApp;
  owner: User;
}

/**
 * For a describe block: the fake OpenAI speaking the ES2002A meeting (its LLM naming Laura as the
 * assignee), one fault app on it, and Laura signed in. Filled in by beforeAll, closed by afterAll.
 */
export function useScriptedFaultApp(): ScriptedFaultApp {
  const ctx = {} as ScriptedFaultApp;
  beforeAll(async () => {
    ctx.fake = await startFakeOpenAI({ scripts: [ES2002A] });
    scriptLlm(ctx.fake, { assignee: 'Laura' });
    ctx.app = await startFaultApp({ fake: ctx.fake });
    ctx.owner = await register(ctx.app, 'Laura');
  });
  afterAll(async () => {
    await ctx.app?.close().catch(() => undefined);
    await ctx.fake?.close();
  });
  return ctx;
}

export interface Streamer {
  socket: ClientSocket;
  sessionId: string;
  seen: ReturnType<typeof collectSegments>;
  /** Chunks the server refused or did not answer in time (then sent again). */
  nacks: number;
  /** Sends chunks [from, to) with `window` in flight, each again until the server acks it. */
  send(data: Buffer[], from: number, to: number, opts?: { window?: number; paceMs?: number }): Promise<void>;
  end(): Promise<EndAck>;
}

/** A microphone client as the contract asks it to behave: a chunk not acked is sent again (the server dedupes by seq). */
export async function openStream(app: TestApp, user: User, sessionId?: string): Promise<Streamer> {
  const id = sessionId ?? (await createSession(app, user));
  const socket = await userSocket(app, user, { clientId: `fault-mic-${id.slice(0, 8)}` });
  const seen = collectSegments(socket);
  const join = await call<JoinAck>(socket, 'session:join', { sessionId: id });
  expect(join.ok).toBe(true);
  const s: Streamer = {
    socket,
    sessionId: id,
    seen,
    nacks: 0,
    async send(data, from, to, opts = {}) {
      let next = from;
      const worker = async () => {
        while (next < to) {
          const seq = next++;
          for (;;) {
            const ack: Ack<ChunkAck> = await (socket as unknown as Socket)
              .timeout(5_000)
              .emitWithAck('audio:chunk', { sessionId: id, seq, format: 'pcm16', sampleRate: 16_000, data: data[seq] })
              .catch(() => ({ ok: false, error: { code: 'INTERNAL', message: 'no ack in time' } }));
            if (ack.ok) {
              expect(ack.seq).toBe(seq);
              break;
            }
            s.nacks++;
            await sleep(200);
          }
          if (opts.paceMs) await sleep(opts.paceMs);
        }
      };
      await Promise.all(Array.from({ length: opts.window ?? 8 }, worker));
    },
    async end() {
      const ack = await call<EndAck>(socket, 'session:end', { sessionId: id });
      expect(ack.ok).toBe(true);
      return ack as EndAck;
    },
  };
  return s;
}

/** Every acked chunk's words in the stored transcript, each exactly once, in order; seqs 0..n-1; what the client saw agrees. */
export async function expectWholeTranscript(app: TestApp, user: User, s: Streamer, fixture: Fixture): Promise<void> {
  const persisted = await finalSegments(app, user, s.sessionId);
  expect(words(persisted.map((x) => x.text).join(' '))).toEqual(fixture.words);
  expect(persisted.map((x) => x.seq)).toEqual(persisted.map((_, i) => i));
  // Live events may be lost while Redis is down (the adapter's publish); replay on join covers them.
  const live = uniqueFinals(s.seen);
  expect(new Set(live.map((x) => x.seq)).size).toBe(live.length);
  for (const e of live) expect(persisted[e.seq!]?.text).toBe(e.text);
}

export async function insights(app: TestApp, user: User, sessionId: string): Promise<InsightsBody> {
  const res = await app.http.get(`/api/sessions/${sessionId}/insights`).set('Authorization', `Bearer ${user.token}`).set('X-Workspace-Id', user.workspaceId);
  return res.body as InsightsBody;
}

export async function waitRevealed(app: TestApp, user: User, sessionId: string, timeoutMs = 30_000): Promise<InsightsBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await insights(app, user, sessionId).catch(() => undefined);
    if (body?.status === 'completed') return body;
    if (Date.now() > deadline) throw new Error(`session ${sessionId} not revealed: ${JSON.stringify(body?.stages ?? body)}`);
    await sleep(200);
  }
}

/** The reveal with every stage run once to the end: no dead letter, no duplicated rows. */
export async function expectRevealedOnce(app: TestApp, user: User, sessionId: string, timeoutMs = 30_000): Promise<InsightsBody> {
  const body = await waitRevealed(app, user, sessionId, timeoutMs);
  expect(Object.fromEntries(Object.entries(body.stages).map(([k, v]) => [k, v.status]))).toEqual({ refinement: 'ready', analytics: 'ready', tasks: 'ready', summary: 'ready' });
  expect(body.tasks.filter((t) => t.extracted)).toHaveLength(1);
  expect(body.summary).not.toBeNull();
  const db = new pg.Client({ connectionString: app.config.databaseUrl });
  await db.connect();
  try {
    const q = async (sql: string) => Number((await db.query<{ n: string }>(sql, [sessionId])).rows[0].n);
    expect(await q(`select count(*) as n from "task" where "session_id" = $1`)).toBe(1);
    expect(await q(`select count(*) as n from "pipeline_stage" where "session_id" = $1`)).toBe(4);
    expect(await q(`select count(*) as n from "summary" where "session_id" = $1`)).toBe(1);
    expect(await q(`select count(*) as n from "dead_letter" where "session_id" = $1`)).toBe(0);
    expect(await q(`select count(*) - count(distinct "seq") as n from "segment" where "session_id" = $1`)).toBe(0);
  } finally {
    await db.end();
  }
  return body;
}
