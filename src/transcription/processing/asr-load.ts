export interface AsrLoadLimits {
  /** Interim requests in flight across all sessions of this process. */
  maxInterims: number;
  /** No new interim while this many requests (finals and interims) are in flight: finals come first. */
  busyAt: number;
}

/**
 * Process-wide count of ASR requests in flight. Interims are best effort: they are shed first when
 * the ASR (or this process) is busy, so finals keep their latency as the number of streams grows.
 */
export class AsrLoad {
  private finals = 0;
  private interims = 0;

  constructor(private readonly limits: AsrLoadLimits) {}

  get inFlight(): number {
    return this.finals + this.interims;
  }

  /** A release function when an interim may go out now, else undefined (skip it). */
  tryInterim(): (() => void) | undefined {
    if (this.interims >= this.limits.maxInterims || this.inFlight >= this.limits.busyAt) return undefined;
    this.interims++;
    return once(() => this.interims--);
  }

  final(): () => void {
    this.finals++;
    return once(() => this.finals--);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
