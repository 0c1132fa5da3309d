import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeOpenAI } from './fake-openai-server.js';
import type { FakeOpenAI } from './fake-openai-server.js';
import { fixtureAudio } from '../fixtures.js';
import { spokenWords, wordsBetween } from './spoken-script.js';
import type { Utterance } from './spoken-script.js';
import { pcmToBuffer, readWav, resampleLinear, sliceAudio } from './wav.js';
import type { PcmAudio } from './wav.js';

const WAV = fixtureAudio('es2002a-2min');
const utterances = (
  JSON.parse(readFileSync(WAV.replace(/\.wav$/, '.json'), 'utf8')) as { utterances: Utterance[] }
).utterances;

/** 100 ms base64 chunks of 24 kHz PCM16, as a browser worklet would send them. */
function chunks24k(audio: PcmAudio, fromMs: number, toMs: number): string[] {
  const pcm = pcmToBuffer(resampleLinear(sliceAudio(audio, fromMs, toMs), 24_000).samples);
  const out: string[] = [];
  for (let i = 0; i < pcm.length; i += 4_800) out.push(pcm.subarray(i, i + 4_800).toString('base64'));
  return out;
}

describe('fake OpenAI realtime transcription (the SDK realtime client over wss)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  let meeting: PcmAudio;
  const open: { close(): void }[] = [];

  const connect = async () => {
    const rt = new OpenAIRealtimeWS({ intent: 'transcription', options: { ca: fake.tlsCA } }, client);
    open.push(rt);
    const errors: Error[] = [];
    rt.on('error', (e) => errors.push(e));
    await new Promise<void>((resolve, reject) => {
      rt.socket.once('open', () => resolve());
      rt.socket.once('close', () => reject(errors[0] ?? new Error('closed before open')));
    });
    return { rt, errors };
  };

  beforeAll(async () => {
    [fake, meeting] = await Promise.all([startFakeOpenAI({ scripts: [WAV] }), readWav(WAV)]);
    client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterEach(() => {
    fake.clearFaults();
    open.splice(0).forEach((c) => c.close());
  });
  afterAll(() => fake.close());

  it('connects where the SDK dials, streams word deltas and completes with the spoken words', async () => {
    const { rt } = await connect();
    expect(rt.url.toString()).toBe(fake.realtimeURL);
    const deltas: string[] = [];
    rt.on('conversation.item.input_audio_transcription.delta', (e) => deltas.push(e.delta ?? ''));
    const committed = new Promise((resolve) => rt.on('input_audio_buffer.committed', resolve));
    const completed = new Promise<{ transcript: string; item_id: string }>((resolve) =>
      rt.on('conversation.item.input_audio_transcription.completed', resolve),
    );
    rt.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: 24_000 },
            transcription: { model: 'gpt-4o-transcribe', language: 'en' },
            turn_detection: null,
          },
        },
      },
    });
    for (const audio of chunks24k(meeting, 13_500, 18_600))
      rt.send({ type: 'input_audio_buffer.append', audio });
    rt.send({ type: 'input_audio_buffer.commit' });

    const expected = wordsBetween(spokenWords(utterances), 13_500, 18_600).map((w) => w.word);
    expect(expected[0]).toBe("I'm");
    const done = await completed;
    await committed;
    expect(done.transcript).toBe(expected.join(' '));
    expect(deltas).toHaveLength(expected.length);
    expect(deltas.join('')).toBe(done.transcript);
    expect(fake.requests.at(-1)).toMatchObject({
      route: 'realtime',
      event: 'input_audio_buffer.commit',
      model: 'gpt-4o-transcribe',
      audioMs: 5_100,
    });
  });

  it('refuses the upgrade on a rate-limit fault, reported through the SDK error event', async () => {
    fake.setFault({ kind: 'rate-limit', route: 'realtime', times: 1 });
    await expect(connect()).rejects.toThrow(/429/);
  });

  it('reports commit faults: transcription failure, and a connection that dies mid-transcript', async () => {
    fake.setFault({ kind: 'transcription-failed', route: 'realtime', times: 1 });
    fake.setFault({ kind: 'truncate', route: 'realtime', times: 1 });
    const { rt } = await connect();
    const failed = new Promise((resolve) =>
      rt.on('conversation.item.input_audio_transcription.failed', resolve),
    );
    const closed = new Promise<number>((resolve) => rt.socket.on('close', resolve));
    for (const audio of chunks24k(meeting, 13_500, 18_600))
      rt.send({ type: 'input_audio_buffer.append', audio });
    rt.send({ type: 'input_audio_buffer.commit' });
    await expect(failed).resolves.toMatchObject({ error: { code: 'audio_unintelligible' } });
    for (const audio of chunks24k(meeting, 13_500, 18_600))
      rt.send({ type: 'input_audio_buffer.append', audio });
    rt.send({ type: 'input_audio_buffer.commit' });
    expect(await closed).toBe(1006);
  });

  it('injects an error event for a commit, and spaces out the deltas of the next one', async () => {
    fake.setFault({ kind: 'error-event', route: 'realtime', times: 1 });
    fake.setFault({ kind: 'slow-deltas', route: 'realtime', times: 1, latencyMs: 60 });
    const { rt, errors } = await connect();
    const deltaTimes: number[] = [];
    rt.on('conversation.item.input_audio_transcription.delta', () => deltaTimes.push(Date.now()));
    const completed = new Promise<{ transcript: string }>((resolve) =>
      rt.on('conversation.item.input_audio_transcription.completed', resolve),
    );
    for (const audio of chunks24k(meeting, 13_500, 18_600))
      rt.send({ type: 'input_audio_buffer.append', audio });
    rt.send({ type: 'input_audio_buffer.commit' });
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toMatchObject({ error: { type: 'server_error' } });
    for (const audio of chunks24k(meeting, 13_500, 18_600))
      rt.send({ type: 'input_audio_buffer.append', audio });
    rt.send({ type: 'input_audio_buffer.commit' });
    const done = await completed;
    expect(done.transcript.split(' ')).toHaveLength(deltaTimes.length);
    // Without the fault they arrive in one burst; timers and socket reads blur each 60 ms gap a little.
    expect(deltaTimes.at(-1)! - deltaTimes[0]).toBeGreaterThan(40 * (deltaTimes.length - 1));
  });

  it('speaks the beta protocol to a plain ws client too, and errors on an empty commit', async () => {
    const ws = new WebSocket(fake.realtimeURL.replace('wss:', 'ws:'), {
      headers: { Authorization: 'Bearer test', 'OpenAI-Beta': 'realtime=v1' },
    });
    open.push(ws);
    const events: { type: string; error?: { code: string } }[] = [];
    ws.on('message', (m: Buffer) => events.push(JSON.parse(m.toString()) as (typeof events)[number]));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(
      JSON.stringify({
        type: 'transcription_session.update',
        session: {
          input_audio_format: 'pcm16',
          input_audio_transcription: { model: 'gpt-4o-mini-transcribe' },
        },
      }),
    );
    ws.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
    await expect
      .poll(() => events.map((e) => e.type))
      .toEqual(['session.created', 'transcription_session.updated', 'error']);
    expect(events[2]?.error?.code).toBe('input_audio_buffer_commit_empty');
  });
});
