import type { PartRow } from './recording-parts.repository.js';

/** Silence is written a second at a time, however long the hole. */
const SILENCE = Buffer.alloc(16_000 * 2);

/** What assembly found: samples written, and holes filled with silence (samples). */
export interface AssemblyReport {
  samples: number;
  silence: number;
}

/**
 * A live session's archived parts (in timeline order) as one 16 kHz PCM16 stream from sample 0.
 * Parts overlap where a new owner of the session archived again from its replay point: the
 * samples before what is assembled so far are skipped (they are the same audio). A hole between
 * parts (audio never archived; nothing in the live path leaves one) becomes silence of its exact
 * length, so that playback times stay the transcript's times. A part whose file is shorter or
 * longer than its row says fails the assembly: never a recording quietly cut short.
 */
export async function* assembleParts(
  parts: PartRow[],
  read: (key: string) => Promise<AsyncIterable<Buffer> | Iterable<Buffer>>,
  report: AssemblyReport = { samples: 0, silence: 0 },
): AsyncGenerator<Buffer> {
  for (const part of parts) {
    const partEnd = part.startSample + part.sampleCount;
    if (partEnd <= report.samples) continue;
    for (let hole = part.startSample - report.samples; hole > 0; hole -= SILENCE.length / 2) {
      const piece = SILENCE.subarray(0, Math.min(hole, SILENCE.length / 2) * 2);
      report.silence += piece.length / 2;
      report.samples += piece.length / 2;
      yield piece;
    }
    let skip = (report.samples - part.startSample) * 2;
    let bytes = 0;
    let carry: Buffer | undefined;
    for await (const chunk of await read(part.key)) {
      bytes += chunk.length;
      let piece = chunk;
      if (skip > 0) {
        const n = Math.min(skip, piece.length);
        skip -= n;
        piece = piece.subarray(n);
      }
      if (carry) {
        piece = Buffer.concat([carry, piece]);
        carry = undefined;
      }
      // Whole samples only, so the stream never splits one across pieces.
      if (piece.length % 2 === 1) {
        carry = piece.subarray(piece.length - 1);
        piece = piece.subarray(0, piece.length - 1);
      }
      if (piece.length === 0) continue;
      report.samples += piece.length / 2;
      yield piece;
    }
    if (bytes !== part.sampleCount * 2) throw new Error(`Audio part ${part.key} holds ${bytes} bytes, its row says ${part.sampleCount * 2}`);
  }
}
