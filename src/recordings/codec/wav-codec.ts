import { open } from 'node:fs/promises';
import { RECORDING_SAMPLE_RATE, WAV_HEADER_BYTES, wavHeader } from '../wav-header.js';
import type { AudioCodec, StoredFormat } from './audio-codec.js';

/** PCM16 in a WAV container: needs no external program. */
export class WavCodec implements AudioCodec {
  readonly formats = ['wav'] as const;

  async encodeToFile(pcm: AsyncIterable<Buffer>, format: StoredFormat, file: string): Promise<void> {
    if (format !== 'wav') throw new Error(`The WAV codec cannot write ${format}`);
    const handle = await open(file, 'w');
    try {
      let dataBytes = 0;
      // The header's sizes are known only at the end: a placeholder first, the real one written last.
      await handle.write(wavHeader(0), 0, WAV_HEADER_BYTES, 0);
      for await (const piece of pcm) {
        if (piece.length === 0) continue;
        await handle.write(piece, 0, piece.length, WAV_HEADER_BYTES + dataBytes);
        dataBytes += piece.length;
      }
      await handle.write(wavHeader(dataBytes, RECORDING_SAMPLE_RATE), 0, WAV_HEADER_BYTES, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async *decode(bytes: AsyncIterable<Buffer>, format: StoredFormat): AsyncIterable<Buffer> {
    if (format !== 'wav') throw new Error(`The WAV codec cannot read ${format}`);
    // Our own files: a 44-byte header, then the samples.
    let skip = WAV_HEADER_BYTES;
    for await (const chunk of bytes) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      yield skip > 0 ? chunk.subarray(skip) : chunk;
      skip = 0;
    }
  }
}
