export interface WindowStats {
  /** RMS of all samples in the window, linear and in dBFS. */
  rms: number;
  rmsDb: number;
  /** Power mean of the voiced frames in dBFS: how loud the speech itself was. */
  speechDb: number;
  /** The VAD's noise floor when the window closed. */
  noiseFloorDb: number;
  voicedMs: number;
}

/** A span of the 16 kHz stream; sample indices are exact, ms are samples / 16 (fractional only at a flushed tail). */
export interface AudioSpan {
  /** Unique per opened window; an interim, its final and a discard share it. */
  index: number;
  startSample: number;
  endSample: number;
  startMs: number;
  endMs: number;
}

/** A closed window, ready for a final ASR request. */
export interface AudioWindow extends AudioSpan {
  samples: Float32Array;
  /** Leading audio shared with the previous emitted window (after a force cut), else 0. */
  overlapMs: number;
  /** Cut at the maximum length rather than at a pause. */
  forceCut: boolean;
  stats: WindowStats;
}

/**
 * The open window has grown by about `interimEveryMs` of speech: a chance for an interim ASR
 * request. It carries no samples; the consumer copies just the stretch it wants
 * (`AudioWindower.copy`), so skipped interims cost nothing.
 */
export type InterimWindow = AudioSpan;

/**
 * `discarded` retracts a window that had opened (and may have produced interims) but will never
 * be final: it held no audio beyond the previous window's, or its "speech" was no louder than the
 * noise floor the VAD settled on (a step in background noise).
 */
export type WindowerEvent =
  | ({ kind: 'final' } & AudioWindow)
  | ({ kind: 'interim' } & InterimWindow)
  | ({ kind: 'discarded'; reason: 'no-new-audio' | 'low-snr' } & AudioSpan);
