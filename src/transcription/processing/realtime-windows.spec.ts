import { describe, expect, it } from 'vitest';
import type { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import type { AudioWindow } from '../audio/audio-window.js';
import type { RealtimeAsr } from '../asr/asr-provider.js';
import type { RealtimeAsrStream } from '../asr/realtime-asr-stream.js';
import { RealtimeWindows } from './realtime-windows.js';

/** Records what a connection was sent: the sample ranges appended, clears and commits. */
class RecordingStream {
  log: string[] = [];
  failed = false;
  constructor(private readonly fail?: Error) {}
  append(samples: Float32Array) {
    this.log.push(`append ${samples[0]}..${samples.at(-1)}`);
  }
  clear() {
    this.log.push('clear');
  }
  commit() {
    this.log.push('commit');
    if (this.fail) {
      this.failed = true;
      return Promise.reject(this.fail);
    }
    return Promise.resolve({ text: 'words' });
  }
  close() {
    this.log.push('close');
  }
}

/** Sample i of the stream has the value i, so appended ranges can be read back. */
const ramp = (from: number, to: number) => Float32Array.from({ length: to - from }, (_, i) => from + i);
const window = (index: number, start: number, end: number): AudioWindow => ({
  index,
  startSample: start,
  endSample: end,
  startMs: start / 16,
  endMs: end / 16,
  samples: ramp(start, end),
  overlapMs: 0,
  forceCut: false,
  stats: { rms: 0.1, rmsDb: -20, speechDb: -20, noiseFloorDb: -60, voicedMs: 0 },
});
const interim = (index: number, start: number, end: number) => ({ index, startSample: start, endSample: end, startMs: start / 16, endMs: end / 16 });
const copy = (from: number, to: number) => ramp(from, to);

function setup(streams: RecordingStream[], breakerOpen = false) {
  const asr: RealtimeAsr = { breaker: 'rt', open: () => streams.shift() as unknown as RealtimeAsrStream };
  const breakers = {
    isOpen: () => breakerOpen,
    run: <T>(_name: string, fn: (signal: AbortSignal) => Promise<T>) => fn(new AbortController().signal),
  } as unknown as CircuitBreakers;
  return new RealtimeWindows(asr, breakers, { breaker: 'rt', timeoutMs: 1_000, idleCloseMs: 60_000 });
}

describe('RealtimeWindows', () => {
  const signal = new AbortController().signal;

  it('appends a window as it grows and commits the rest when it closes', async () => {
    const s = new RecordingStream();
    const rt = setup([s]);
    rt.grow(interim(0, 100, 1_100), copy);
    rt.grow(interim(0, 100, 2_100), copy);
    await expect(rt.transcribe(window(0, 100, 2_500), () => undefined, signal)).resolves.toEqual({ text: 'words' });
    expect(s.log).toEqual(['append 100..1099', 'append 1100..2099', 'append 2100..2499', 'commit']);
    rt.close();
  });

  it('sends the whole window again when it was cut before what was appended, or when a discarded window left audio', async () => {
    const s = new RecordingStream();
    const rt = setup([s]);
    rt.grow(interim(0, 0, 3_000), copy);
    await rt.transcribe(window(0, 0, 2_800), () => undefined, signal);
    rt.grow(interim(1, 2_000, 4_000), copy);
    // Window 1 was discarded (no final); window 2 starts afresh.
    rt.grow(interim(2, 5_000, 6_000), copy);
    await rt.transcribe(window(2, 5_000, 6_500), () => undefined, signal);
    expect(s.log).toEqual([
      'append 0..2999',
      'clear',
      'append 0..2799',
      'commit',
      'append 2000..3999',
      'clear',
      'append 5000..5999',
      'append 6000..6499',
      'commit',
    ]);
    rt.close();
  });

  it('fails for good on the first error, and does not connect while the circuit is open', async () => {
    const s = new RecordingStream(new Error('realtime connection closed (1006)'));
    const rt = setup([s]);
    await expect(rt.transcribe(window(0, 0, 1_000), () => undefined, signal)).rejects.toThrow(/1006/);
    expect(rt.active).toBe(false);
    expect(rt.failure).toMatch(/1006/);
    await expect(rt.transcribe(window(1, 1_000, 2_000), () => undefined, signal)).rejects.toThrow(/1006/);
    expect(s.log).toEqual(['append 0..999', 'commit', 'close']);

    const unused = new RecordingStream();
    const open = setup([unused], true);
    open.grow(interim(0, 0, 1_000), copy);
    await expect(open.transcribe(window(0, 0, 1_000), () => undefined, signal)).rejects.toThrow(/circuit "rt" is open/);
    expect(unused.log).toEqual([]);
  });
});
