import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixtureAudio } from '../../../test/support/fixtures.js';
import { FfmpegCodec } from './ffmpeg-codec.js';
import { FFMPEG_NICE } from './ffmpeg-process.js';
import { decodeToPcm } from './ffmpeg.js';

/** Niceness of this process's running ffmpeg children (field 19 of /proc/<pid>/stat). */
function ffmpegChildrenNice(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (stat.includes('(ffmpeg)') && Number(fields[1]) === process.pid) out.push(Number(fields[16]));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Reads the first piece (ffmpeg is then running, held by the full pipe), looks, and stops. */
async function niceWhileRunning(pieces: AsyncIterable<Buffer>): Promise<number[]> {
  const reader = pieces[Symbol.asyncIterator]();
  expect((await reader.next()).done).toBe(false);
  try {
    return ffmpegChildrenNice();
  } finally {
    await reader.return?.();
  }
}

describe.runIf(process.platform === 'linux')('ffmpeg children run at a lower CPU priority than the server', () => {
  it('when decoding an upload', async () => {
    const nice = await niceWhileRunning(decodeToPcm(fixtureAudio('es2002a-2min'), { maxDurationMs: 3_600_000 }));
    expect(nice).toEqual([FFMPEG_NICE]);
  });

  it('when reading a FLAC recording back', async () => {
    const codec = new FfmpegCodec();
    const dir = mkdtempSync(join(tmpdir(), 'mina-nice-'));
    let flac: Buffer;
    try {
      // Encoded by a run that has ended, so only the reader's ffmpeg is looked at below.
      const file = join(dir, 'r.flac');
      await codec.encodeToFile(decodeToPcm(fixtureAudio('es2002a-2min'), { maxDurationMs: 3_600_000 }), 'flac', file);
      flac = readFileSync(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const nice = await niceWhileRunning(codec.decode(Readable.from([flac]), 'flac'));
    expect(nice).toEqual([FFMPEG_NICE]);
  });
});
