import { Logger } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AudioParts } from './audio-parts.js';
import type { LiveAudioArchive } from './live-audio-archive.js';

/** An archive in memory whose writes fail while `failing` is set. */
function memoryArchive(partSamples: number) {
  const written: { start: number; samples: number[] }[] = [];
  const archive = {
    partSamples,
    failing: 0,
    attempts: 0,
    gate: undefined as Promise<void> | undefined,
    keeps: () => Promise.resolve(true),
    async writePart(_id: string, start: number, pcm: Buffer) {
      archive.attempts++;
      await archive.gate;
      if (archive.failing > 0) {
        archive.failing--;
        throw new Error('disk full');
      }
      written.push({ start, samples: [...new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2)] });
    },
  } satisfies LiveAudioArchive & Record<string, unknown>;
  return { archive, written };
}

const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => (from + i) / 32768);
const logger = new Logger('test');
logger.warn = () => undefined;

describe('AudioParts', () => {
  it('cuts the stream into parts at the given start, whatever the chunk sizes, and stores the rest at close', async () => {
    const { archive, written } = memoryArchive(4);
    const parts = new AudioParts('s', 100, archive, new AbortController().signal, logger);
    for (const [from, n] of [[0, 3], [3, 6], [9, 1], [10, 1]]) await parts.add(ramp(from, n));
    expect(await parts.close()).toBe(true);
    expect(written.map((w) => w.start)).toEqual([100, 104, 108]);
    expect(written.flatMap((w) => w.samples)).toEqual([...Array(11).keys()]);
    expect(parts.archivedEnd).toBe(111);
  });

  it('retries a failed write until it is stored, in order, and only then moves archivedEnd', async () => {
    const { archive, written } = memoryArchive(2);
    archive.failing = 2;
    const parts = new AudioParts('s', 0, archive, new AbortController().signal, logger);
    await parts.add(ramp(0, 2));
    expect(parts.archivedEnd).toBe(0);
    await parts.add(ramp(2, 2));
    expect(await parts.close()).toBe(true);
    expect(archive.attempts).toBe(4);
    expect(written.map((w) => w.start)).toEqual([0, 2]);
    expect(parts.archivedEnd).toBe(4);
  });

  it('makes the processor wait when too many parts wait for their write', async () => {
    const { archive } = memoryArchive(1);
    let open!: () => void;
    archive.gate = new Promise<void>((r) => (open = r));
    const parts = new AudioParts('s', 0, archive, new AbortController().signal, logger, 2);
    // Two parts waiting (one of them being written) are fine; a third waits for the first to be stored.
    await parts.add(ramp(0, 2));
    let done = false;
    const third = parts.add(ramp(2, 1)).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    open();
    await third;
    expect(await parts.close()).toBe(true);
    expect(parts.archivedEnd).toBe(3);
  });

  it('gives up on stop: close says the audio is not all archived (the spool still holds it)', async () => {
    const { archive } = memoryArchive(2);
    archive.failing = 1_000;
    const abort = new AbortController();
    const parts = new AudioParts('s', 0, archive, abort.signal, logger);
    await parts.add(ramp(0, 3));
    const closing = parts.close();
    setTimeout(() => abort.abort(new Error('lease lost')), 30);
    expect(await closing).toBe(false);
    expect(parts.archivedEnd).toBe(0);
  });
});
