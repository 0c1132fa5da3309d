import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ack, JoinAck } from '#src/transcription/transcription.events.js';
import { call, createSession, register, userSocket, type ClientSocket, type User } from './transcription-client.js';
import { useGatewayApp } from './gateway.harness.js';
import { withLimits } from './socket-limits.js';

/** Codes a bad payload may be answered with: anything else (INTERNAL above all) is a bug. */
const EXPECTED_CODES = new Set([
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'LIMIT_EXCEEDED',
]);

/** Values that broke or could break a parser: wrong types, edges of numbers, NUL, big and nested things, binary. */
const nasty = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, -0, 0.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e308, Number.MIN_VALUE, 4_294_967_296),
  fc.constantFrom(null, undefined, true, false, '', '\0', 'pcm16\0', '00000000-0000-0000-0000-000000000000\0', '__proto__', 'constructor'),
  fc.constant('x'.repeat(200_000)),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.uint8Array({ maxLength: 70_000 }).map((a) => Buffer.from(a)),
  fc.constant(Buffer.alloc(65 * 1024)),
  fc.constant(Buffer.alloc(3)),
  fc.array(fc.integer(), { maxLength: 20 }),
  fc.anything({ maxDepth: 4 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.letrec<{ deep: unknown }>((tie) => ({ deep: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.record({ a: tie('deep') })) })).deep,
);

/** The same without the large values, for bursts of hundreds. */
const light = fc.oneof(
  fc.constantFrom(NaN, -1, 2 ** 53, null, undefined, '', '\0', true),
  fc.string({ maxLength: 20 }),
  fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
  fc.anything({ maxDepth: 2 }),
);

const EVENTS = ['session:join', 'audio:chunk', 'session:end'] as const;

interface Emission {
  event: string;
  shape: { kind: 'field' | 'drop' | 'extra' | 'whole' | 'args'; field?: string; value?: unknown; args?: unknown[] };
  seq: number;
}

describe('transcription gateway: property sweep of every client event with bad values', () => {
  const gw = useGatewayApp();
  let user: User;
  let sessionId: string;
  let socket: ClientSocket;
  beforeAll(async () => {
    user = await register(gw.app, 'sweep');
    sessionId = await createSession(gw.app, user);
    socket = await userSocket(gw.app, user);
    expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
  });

  const valid = (event: (typeof EVENTS)[number], seq: number): Record<string, unknown> =>
    event === 'audio:chunk' ? { sessionId, seq, format: 'pcm16', sampleRate: 16_000, data: Buffer.alloc(320) } : { sessionId };

  /** One emit: a valid payload with one field replaced or dropped, a field added, or something else entirely. */
  const emission = fc.record({
    event: fc.oneof(fc.constantFrom(...EVENTS), fc.constantFrom('session:leave', 'audio:chunk ', '', 'x'.repeat(5_000))),
    shape: fc.oneof(
      fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom('sessionId', 'seq', 'format', 'sampleRate', 'data', 'lastSeq'), value: nasty }),
      fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom('sessionId', 'seq', 'format', 'sampleRate', 'data') }),
      fc.record({ kind: fc.constant('extra' as const), value: nasty }),
      fc.record({ kind: fc.constant('whole' as const), value: nasty }),
      fc.record({ kind: fc.constant('args' as const), args: fc.array(nasty, { maxLength: 3 }) }),
    ),
    seq: fc.nat({ max: 200 }),
  });
  const lightEmission = fc.record({
    event: fc.constantFrom(...EVENTS, 'session:leave'),
    shape: fc.oneof(
      fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom('sessionId', 'seq', 'sampleRate', 'data'), value: light }),
      fc.record({ kind: fc.constant('whole' as const), value: light }),
    ),
    seq: fc.nat({ max: 200 }),
  });

  const expectAcked = (acks: Ack[]) => {
    for (const ack of acks) {
      expect(typeof ack).toBe('object');
      if (!ack.ok) expect(EXPECTED_CODES, `unexpected code ${ack.error.code}: ${ack.error.message}`).toContain(ack.error.code);
    }
  };
  const emitAll = (s: ClientSocket, emissions: Emission[]) =>
    Promise.all(emissions.map((e) => (s as unknown as Socket).timeout(20_000).emitWithAck(e.event, ...argsOf(e)) as Promise<Ack>));

  function argsOf(e: Emission): unknown[] {
    const base = (EVENTS as readonly string[]).includes(e.event) ? valid(e.event as (typeof EVENTS)[number], e.seq) : { sessionId };
    switch (e.shape.kind) {
      case 'field':
        return [{ ...base, [e.shape.field!]: e.shape.value }];
      case 'drop': {
        const copy = { ...base };
        delete copy[e.shape.field!];
        return [copy];
      }
      case 'extra':
        return [{ ...base, extra: e.shape.value, nested: { deeper: e.shape.value } }];
      case 'whole':
        return [e.shape.value];
      case 'args':
        return e.shape.args!;
    }
  }

  it('acks every emit (ok, or ok:false with an expected code), drops no connection, and the API still answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(emission, { minLength: 1, maxLength: 12 }), async (burst) => {
        // Sent at once, as a burst; each must come back acked.
        expectAcked(await emitAll(socket, burst));
        expect(socket.connected).toBe(true);
      }),
      { numRuns: 30, seed: 11, endOnFailure: true },
    );
    expect((await gw.app.http.get('/health/live')).status).toBe(200);
    await gw.app.http.get('/api/me').set('Authorization', `Bearer ${user.token}`).expect(200);
    expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
    socket.close();
  });

  it('acks a burst of 600 generated events sent at once (past the rate: RATE_LIMITED), and stays up', async () => {
    // A small bucket, so that the burst outruns it however slowly this machine reads the events.
    const other = await withLimits(gw, { burst: 50, eventsPerSecond: 10 }, () => userSocket(gw.app, user));
    const emissions = fc.sample(lightEmission, { numRuns: 600, seed: 11 });
    expectAcked(await emitAll(other, emissions));
    expect(other.connected).toBe(true);
    expect((await gw.app.http.get('/health/live')).status).toBe(200);
    other.close();
  });
});
