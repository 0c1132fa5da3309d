import { decodePcm16, encodePcm16 } from '#src/transcription/audio/pcm.js';
import { StreamingResampler } from '#src/transcription/audio/resampler.js';
import { ChunkSequencer } from '#src/transcription/processing/chunk-sequencer.js';
import type { AudioSpool, SpoolEntry } from '#src/transcription/spool/audio-spool.service.js';
import { RECORDING_SAMPLE_RATE } from './wav-header.js';

type Chunk = Required<SpoolEntry>['chunk'];

/**
 * A session's spooled chunks as 16 kHz mono PCM16, in seq order (the spool holds them in arrival
 * order), resampled as the processor does; gaps that never filled are left out, as there.
 */
export async function* spoolPcm(spool: AudioSpool, sessionId: string, batch = 256): AsyncGenerator<Buffer> {
  const sequencer = new ChunkSequencer<Chunk>(undefined);
  let resampler: StreamingResampler | undefined;
  const convert = (c: Chunk): Buffer[] => {
    const out: Buffer[] = [];
    if (!resampler || resampler.inputRate !== c.sampleRate) {
      if (resampler) out.push(encodePcm16(resampler.flush()));
      resampler = new StreamingResampler(c.sampleRate, RECORDING_SAMPLE_RATE);
    }
    out.push(encodePcm16(resampler.push(decodePcm16(c.data))));
    return out;
  };
  let after = '-';
  for (;;) {
    const entries = await spool.read(sessionId, after, batch);
    if (entries.length === 0) break;
    after = entries.at(-1)!.id;
    for (const entry of entries) {
      if (!entry.chunk) continue;
      for (const c of sequencer.push(entry.chunk)) yield* convert(c);
      // The spool has ended: a gap that many chunks wait behind will not fill any more.
      const gap = sequencer.stalled();
      if (gap) for (const c of sequencer.skipTo(gap.to)) yield* convert(c);
    }
  }
  for (const c of sequencer.flush()) yield* convert(c);
  if (resampler) yield encodePcm16(resampler.flush());
}
