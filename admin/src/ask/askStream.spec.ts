import type { AskAnswer, Citation } from '@mina/contract/ask';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerParts,
  applyAskEvent,
  BAD_STREAM,
  citationTarget,
  endAskStream,
  INITIAL_ASK_STATE,
  readAskStream,
  stateOfTurn,
  type AskStreamState,
} from './askStream';

const cite = (sessionId: string, startMs: number, quote: string): Citation => ({
  sessionId,
  segmentId: `seg-${startMs}`,
  startMs,
  endMs: startMs + 4_000,
  speaker: 'Project Manager',
  quote,
});
const SLOGAN = cite('s1', 106_000, 'our slogan is we put the fashion in electronics');
const BATTERY = cite('s1', 124_500, 'kinetic battery');

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const ANSWER: AskAnswer = {
  conversationId: 'c1',
  answer: 'The slogan is "we put the fashion in electronics" [1]. They chose a kinetic battery [2].',
  citations: [SLOGAN, BATTERY],
  found: true,
  provider: 'openai',
  fallbackUsed: false,
};
const WHOLE = [
  sse('meta', { conversationId: 'c1' }),
  sse('delta', { text: 'The slogan is "we put the fashion in electronics" [1].' }),
  sse('delta', { text: ' They chose a kinetic battery [2].' }),
  sse('citations', { citations: [SLOGAN, BATTERY] }),
  sse('done', ANSWER),
].join('');

/** A body that delivers `text` in the given chunk sizes (bytes, so that characters may be split). */
function body(text: string, sizes: number[] = [text.length], keepOpen = false): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        if (!keepOpen) controller.close();
        return new Promise(() => undefined);
      }
      const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
      return undefined;
    },
  });
}

const ev = (event: string, data: unknown) => ({ event, data: JSON.stringify(data) });

describe('applyAskEvent', () => {
  const rows: [name: string, events: { event: string; data: string }[], expected: Partial<AskStreamState>][] =
    [
      [
        'meta gives the conversation',
        [ev('meta', { conversationId: 'c9' })],
        { conversationId: 'c9', status: 'streaming' },
      ],
      [
        'deltas are joined in order',
        [ev('delta', { text: 'Hel' }), ev('delta', { text: 'lo' })],
        { text: 'Hello' },
      ],
      [
        'citations arrive once, after the text',
        [ev('delta', { text: 'x [1]' }), ev('citations', { citations: [SLOGAN] })],
        { citations: [SLOGAN] },
      ],
      [
        'done replaces the text with the whole answer',
        [ev('delta', { text: 'partial' }), ev('done', ANSWER)],
        { text: ANSWER.answer, status: 'done', answer: ANSWER, conversationId: 'c1' },
      ],
      [
        'error keeps the code and message',
        [ev('delta', { text: 'a' }), ev('error', { code: 'SERVICE_UNAVAILABLE', message: 'AI down' })],
        { text: 'a', status: 'error', error: { code: 'SERVICE_UNAVAILABLE', message: 'AI down' } },
      ],
      [
        'nothing changes after the end',
        [ev('done', ANSWER), ev('delta', { text: 'more' }), ev('error', { code: 'X', message: 'y' })],
        { text: ANSWER.answer, status: 'done', error: null },
      ],
      [
        'an unknown event is ignored',
        [ev('heartbeat', {}), ev('delta', { text: 'ok' })],
        { text: 'ok', status: 'streaming' },
      ],
      [
        'a delta without text is a broken stream',
        [ev('delta', { words: 'no' })],
        {
          status: 'error',
          error: { code: BAD_STREAM, message: 'The server sent an unreadable "delta" event' },
        },
      ],
      [
        'citations that are not citations are a broken stream',
        [ev('citations', { citations: [{ sessionId: 1 }] })],
        { status: 'error', citations: [] },
      ],
    ];
  it.each(rows)('%s', (_name, events, expected) => {
    const state = events.reduce(applyAskEvent, INITIAL_ASK_STATE);
    expect(state).toMatchObject(expected);
  });

  it('data that is not JSON is a broken stream, not a crash', () => {
    const state = applyAskEvent(INITIAL_ASK_STATE, { event: 'delta', data: '{"text": "unterminated' });
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe(BAD_STREAM);
  });
});

describe('endAskStream', () => {
  it.each([
    ['streaming', true, 'stopped'],
    ['streaming', false, 'interrupted'],
    ['done', true, 'done'],
    ['error', false, 'error'],
  ] as const)('%s, aborted=%s → %s', (status, aborted, expected) => {
    expect(endAskStream({ ...INITIAL_ASK_STATE, status }, aborted).status).toBe(expected);
  });
});

describe('readAskStream', () => {
  it('assembles the answer whatever the chunking (events and characters split anywhere)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        async (sizes) => {
          const seen: AskStreamState[] = [];
          const final = await readAskStream(body(WHOLE.replace('fashion', 'fashión'), sizes), (s) =>
            seen.push(s),
          );
          expect(final.status).toBe('done');
          expect(final.text).toBe(ANSWER.answer);
          expect(final.citations).toEqual([SLOGAN, BATTERY]);
          expect(seen.map((s) => s.text).filter(Boolean)[0]).toBe(
            'The slogan is "we put the fashión in electronics" [1].',
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reports every step: conversation, deltas, citations, end', async () => {
    const seen: AskStreamState[] = [];
    await readAskStream(body(WHOLE, [7]), (s) => seen.push(s));
    expect(seen.map((s) => [s.conversationId, s.text.length, s.citations.length, s.status])).toEqual([
      ['c1', 0, 0, 'streaming'],
      ['c1', 54, 0, 'streaming'],
      ['c1', ANSWER.answer.length, 0, 'streaming'],
      ['c1', ANSWER.answer.length, 2, 'streaming'],
      ['c1', ANSWER.answer.length, 2, 'done'],
    ]);
  });

  it('an error event ends the stream with its code, keeping the text that came before', async () => {
    const text =
      sse('meta', { conversationId: 'c2' }) +
      sse('delta', { text: 'Partly' }) +
      sse('error', { code: 'AI_FAILED', message: 'The model stopped' });
    const final = await readAskStream(body(text, [5], true), () => undefined);
    expect(final).toMatchObject({
      status: 'error',
      text: 'Partly',
      error: { code: 'AI_FAILED', message: 'The model stopped' },
    });
  });

  it('a stream that closes before its end event is interrupted', async () => {
    const final = await readAskStream(body(sse('delta', { text: 'Half an ans' })), () => undefined);
    expect(final).toMatchObject({ status: 'interrupted', text: 'Half an ans' });
  });

  it('Stop aborts a stream that is still open: stopped, with what had arrived', async () => {
    const controller = new AbortController();
    const seen: AskStreamState[] = [];
    const reading = readAskStream(
      body(sse('delta', { text: 'Still thinking' }), [1000], true),
      (s) => {
        seen.push(s);
        if (s.text) controller.abort();
      },
      controller.signal,
    );
    const final = await reading;
    expect(final).toMatchObject({ status: 'stopped', text: 'Still thinking' });
    expect(seen.at(-1)?.status).toBe('stopped');
  });

  it('a body that fails mid-read is interrupted, not thrown', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('network error'));
        sent = true;
        controller.enqueue(new TextEncoder().encode(sse('delta', { text: 'Before the cut' })));
      },
    });
    await expect(readAskStream(broken, () => undefined)).resolves.toMatchObject({
      status: 'interrupted',
      text: 'Before the cut',
    });
  });
});

describe('answerParts', () => {
  const rows: [text: string, citations: Citation[], expected: unknown[]][] = [
    ['No markers at all.', [SLOGAN], [{ kind: 'text', text: 'No markers at all.' }]],
    [
      'Slogan [1]. Battery [2].',
      [SLOGAN, BATTERY],
      [
        { kind: 'text', text: 'Slogan ' },
        { kind: 'cite', n: 1, citation: SLOGAN },
        { kind: 'text', text: '. Battery ' },
        { kind: 'cite', n: 2, citation: BATTERY },
        { kind: 'text', text: '.' },
      ],
    ],
    [
      'Both [1, 2][2]',
      [SLOGAN, BATTERY],
      [
        { kind: 'text', text: 'Both ' },
        { kind: 'cite', n: 1, citation: SLOGAN },
        { kind: 'cite', n: 2, citation: BATTERY },
        { kind: 'cite', n: 2, citation: BATTERY },
      ],
    ],
    [
      'Before the citations [1]',
      [],
      [
        { kind: 'text', text: 'Before the citations ' },
        { kind: 'cite', n: 1, citation: null },
      ],
    ],
    [
      'Out of range [3] and [0]',
      [SLOGAN],
      [
        { kind: 'text', text: 'Out of range ' },
        { kind: 'cite', n: 3, citation: null },
        { kind: 'text', text: ' and ' },
        { kind: 'cite', n: 0, citation: null },
      ],
    ],
    ['Not markers: [a], [ 1 ], [1', [SLOGAN], [{ kind: 'text', text: 'Not markers: [a], [ 1 ], [1' }]],
  ];
  it.each(rows)('%j', (text, citations, expected) => {
    expect(answerParts(text, citations)).toEqual(expected);
  });

  it('loses no text and invents none: the parts spell the answer back', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const spelled = answerParts(text, [SLOGAN])
          .map((p) => (p.kind === 'text' ? p.text : `[${p.n}]`))
          .join('');
        const oneMarkerEach = text.replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (_m, ns: string) =>
          ns
            .split(',')
            .map((n) => `[${Number(n)}]`)
            .join(''),
        );
        expect(spelled).toBe(oneMarkerEach);
      }),
    );
  });
});

describe('citationTarget', () => {
  it.each([
    [SLOGAN, '/sessions/s1/show?t=106000'],
    [{ sessionId: 'a/b', startMs: 12.7 }, '/sessions/a%2Fb/show?t=12'],
    [{ sessionId: 's', startMs: -5 }, '/sessions/s/show?t=0'],
  ])('%j → %s', (citation, expected) => {
    expect(citationTarget(citation)).toBe(expected);
  });
});

describe('stateOfTurn', () => {
  it('a saved turn reads like a finished stream: same text, sources and labels', async () => {
    const streamed = await readAskStream(body(WHOLE), () => undefined);
    const saved = stateOfTurn('c1', {
      id: 't1',
      question: 'What is the slogan?',
      answer: ANSWER.answer,
      citations: ANSWER.citations,
      found: true,
      provider: 'openai',
      fallbackUsed: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(saved).toEqual(streamed);
  });
});
