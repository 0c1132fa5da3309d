import { readFileSync } from 'node:fs';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './fake-openai-server.js';
import type { FakeOpenAI } from './fake-openai-server.js';
import { fixtureAudio } from '../fixtures.js';
import { encodeWav, readWav, sliceAudio } from './wav.js';
import type { PcmAudio } from './wav.js';

interface Utterance {
  speaker: string;
  text: string;
  startMs: number;
  endMs: number;
}

const WAV = fixtureAudio('es2002a-2min');
const truth = (
  JSON.parse(readFileSync(WAV.replace(/\.wav$/, '.json'), 'utf8')) as { utterances: Utterance[] }
).utterances;

/** The test's own reading of the contract: words spread evenly, counted where their midpoint falls. */
function spoken(fromMs: number, toMs: number): { word: string; speaker: string; startMs: number }[] {
  return truth.flatMap((u) => {
    const words = u.text.split(/\s+/).filter(Boolean);
    const step = (u.endMs - u.startMs) / words.length;
    return words
      .map((word, k) => ({
        word,
        speaker: u.speaker,
        startMs: u.startMs + k * step,
        mid: u.startMs + (k + 0.5) * step,
      }))
      .filter((w) => w.mid >= fromMs && w.mid < toMs);
  });
}

describe('fake OpenAI transcriptions (real SDK, real HTTP)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  let meeting: PcmAudio;
  const upload = (fromMs: number, toMs: number, pad: { beforeMs?: number; afterMs?: number } = {}) =>
    toFile(encodeWav(sliceAudio(meeting, fromMs, toMs, pad)), 'a.wav', { type: 'audio/wav' });

  beforeAll(async () => {
    [fake, meeting] = await Promise.all([startFakeOpenAI({ scripts: [WAV] }), readWav(WAV)]);
    client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('json: returns exactly the words spoken in the window, with token usage', async () => {
    const res = await client.audio.transcriptions.create({
      file: await upload(10_000, 25_000),
      model: 'gpt-4o-transcribe',
    });
    const expected = spoken(10_000, 25_000).map((w) => w.word);
    expect(expected.length).toBeGreaterThan(20);
    expect(res.text).toBe(expected.join(' '));
    expect(res.usage).toMatchObject({ type: 'tokens', output_tokens: Math.ceil(res.text.length / 4) });
  });

  it('text: returns the plain transcript with a trailing newline', async () => {
    const res = await client.audio.transcriptions.create({
      file: await upload(30_000, 40_000),
      model: 'gpt-4o-mini-transcribe',
      response_format: 'text',
    });
    expect(res).toBe(
      `${spoken(30_000, 40_000)
        .map((w) => w.word)
        .join(' ')}\n`,
    );
  });

  it('verbose_json: words with window-relative times, whisper-style segments', async () => {
    const res = await client.audio.transcriptions.create({
      file: await upload(40_000, 55_000),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    const expected = spoken(40_000, 55_000);
    expect(res.words?.map((w) => w.word)).toEqual(expected.map((w) => w.word));
    expect(res.words?.[1]?.start).toBeCloseTo((expected[1].startMs - 40_000) / 1000, 2);
    expect(res).toMatchObject({ task: 'transcribe', language: 'english', duration: 15 });
    expect(res.segments?.map((s) => s.text.trim()).join(' ')).toBe(res.text);
    for (const s of res.segments ?? []) {
      expect(s).toMatchObject({
        avg_logprob: expect.any(Number),
        no_speech_prob: expect.any(Number),
        compression_ratio: expect.any(Number),
      });
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(15);
    }
  });

  it('diarized_json: one label per fixture speaker, or the known speaker names matched by voice', async () => {
    const file = await upload(13_300, 29_000);
    // The SDK's overloads type diarized_json as plain Transcription.
    const diarize = async (body: Omit<OpenAI.Audio.TranscriptionCreateParamsNonStreaming, 'model'>) =>
      (await client.audio.transcriptions.create({
        ...body,
        model: 'gpt-4o-transcribe-diarize',
        response_format: 'diarized_json',
      })) as OpenAI.Audio.TranscriptionDiarized;
    const plain = await diarize({ file });
    expect(plain.segments.map((s) => s.speaker)).toEqual(['A', 'B', 'C', 'D']);
    expect(plain.segments.map((s) => s.text).join(' ')).toBe(
      spoken(13_300, 29_000)
        .map((w) => w.word)
        .join(' '),
    );

    const clip = (from: number, to: number) =>
      `data:audio/wav;base64,${encodeWav(sliceAudio(meeting, from, to)).toString('base64')}`;
    const named = await diarize({
      file: await upload(13_300, 29_000),
      chunking_strategy: 'auto',
      known_speaker_names: ['David', 'Laura'],
      known_speaker_references: [clip(19_000, 22_000), clip(14_000, 17_000)],
    });
    expect(named.segments.map((s) => s.speaker)).toEqual(['Laura', 'David', 'C', 'D']);
    expect(fake.requests.at(-1)).toMatchObject({
      knownSpeakerNames: ['David', 'Laura'],
      chunkingStrategy: 'auto',
    });
  });

  it('abutting windows lose and double nothing; overlapping windows return the overlap twice', async () => {
    const edges = [0, 7_300, 14_100, 21_900, 29_000, 36_400, 45_000];
    const parts = [];
    for (let i = 1; i < edges.length; i++) {
      parts.push(
        (
          await client.audio.transcriptions.create({
            file: await upload(edges[i - 1], edges[i]),
            model: 'gpt-4o-transcribe',
          })
        ).text,
      );
    }
    expect(parts.filter(Boolean).join(' ')).toBe(
      spoken(0, 45_000)
        .map((w) => w.word)
        .join(' '),
    );

    const a = await client.audio.transcriptions.create({
      file: await upload(0, 12_000),
      model: 'gpt-4o-transcribe',
    });
    const b = await client.audio.transcriptions.create({
      file: await upload(10_000, 22_000),
      model: 'gpt-4o-transcribe',
    });
    const overlap = spoken(10_000, 12_000).map((w) => w.word);
    expect(overlap.length).toBeGreaterThan(2);
    expect(a.text.split(' ').slice(-overlap.length)).toEqual(overlap);
    expect(b.text.split(' ').slice(0, overlap.length)).toEqual(overlap);
  });

  it('finds a window wrapped in silence and times words from the window start', async () => {
    const res = await client.audio.transcriptions.create({
      file: await upload(40_000, 55_000, { beforeMs: 500, afterMs: 300 }),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['word'],
    });
    const expected = spoken(40_000, 55_000);
    expect(res.words?.map((w) => w.word)).toEqual(expected.map((w) => w.word));
    expect(res.words?.[1]?.start).toBeCloseTo((expected[1].startMs - 40_000 + 500) / 1000, 2);
    expect(res.segments).toBeUndefined();
  });

  it('returns empty text for audio that is in no script, like a model on noise', async () => {
    const samples = Int16Array.from({ length: 16_000 }, (_, i) => Math.round(Math.sin(i * 0.3) * 3000));
    const res = await client.audio.transcriptions.create({
      file: await toFile(encodeWav({ sampleRate: 16_000, samples }), 'tone.wav'),
      model: 'gpt-4o-transcribe',
    });
    expect(res.text).toBe('');
  });

  it('lets a test override what is heard, e.g. a model hallucinating on noise', async () => {
    const other = await startFakeOpenAI({
      scripts: [WAV],
      transcribe: ({ heard }) => (heard.length ? undefined : 'Thank you.'),
    });
    try {
      const otherClient = new OpenAI({ apiKey: 'test', baseURL: other.baseURL, maxRetries: 0 });
      const silence = await toFile(
        encodeWav({ sampleRate: 16_000, samples: new Int16Array(16_000) }),
        'a.wav',
      );
      expect(
        (await otherClient.audio.transcriptions.create({ file: silence, model: 'whisper-1' })).text,
      ).toBe('Thank you.');
      const speech = await otherClient.audio.transcriptions.create({
        file: await upload(30_000, 40_000),
        model: 'whisper-1',
      });
      expect(speech.text).toBe(
        spoken(30_000, 40_000)
          .map((w) => w.word)
          .join(' '),
      );
    } finally {
      await other.close();
    }
  });

  it('refuses what the real API refuses', async () => {
    const file = await upload(0, 5_000);
    await expect(
      client.audio.transcriptions.create({
        file,
        model: 'gpt-4o-transcribe',
        response_format: 'verbose_json',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'response_format' });
    await expect(
      client.audio.transcriptions.create({
        file: await upload(0, 5_000),
        model: 'gpt-4o-transcribe-diarize',
        prompt: 'names',
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const anonymous = await fetch(`${fake.baseURL}/audio/transcriptions`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.any(String) },
    });
  });

  it('logs every request with its model, format, prompt and audio size', async () => {
    await client.audio.transcriptions.create({
      file: await upload(0, 2_000),
      model: 'gpt-4o-transcribe',
      prompt: 'Mina',
      language: 'en',
    });
    expect(fake.requests.at(-1)).toMatchObject({
      route: 'transcriptions',
      path: '/v1/audio/transcriptions',
      status: 200,
      model: 'gpt-4o-transcribe',
      responseFormat: 'json',
      prompt: 'Mina',
      language: 'en',
      audioBytes: 44 + 2 * 32_000,
      audioMs: 2_000,
      at: expect.any(Number),
    });
  });
});
