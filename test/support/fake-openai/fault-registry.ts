import type { FakeRoute, FaultKind, FaultSpec } from './fake-openai.types.js';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  until: number;
}

export interface TakenFaults {
  delayMs: number;
  fault?: FaultSpec;
}

/** Faults and latency set by tests; each request takes what applies to it. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private readonly latency = new Map<FakeRoute | 'all', number>();

  add(spec: FaultSpec): void {
    this.faults.push({
      spec,
      remaining: spec.times ?? Infinity,
      until: spec.forMs === undefined ? Infinity : Date.now() + spec.forMs,
    });
  }

  clear(route?: FakeRoute): void {
    this.faults = route ? this.faults.filter((f) => f.spec.route !== route) : [];
  }

  setLatency(ms: number, route?: FakeRoute): void {
    this.latency.set(route ?? 'all', ms);
  }

  /**
   * Consumes the latency faults (when `withLatency`) and the oldest fault among `kinds` that
   * applies to this route; a fault is spent only where it applies.
   */
  take(route: FakeRoute, kinds: readonly FaultKind[], withLatency = true): TakenFaults {
    const now = Date.now();
    this.faults = this.faults.filter((f) => f.remaining > 0 && f.until > now);
    const mine = this.faults.filter((f) => !f.spec.route || f.spec.route === route);
    let delayMs = withLatency ? (this.latency.get('all') ?? 0) + (this.latency.get(route) ?? 0) : 0;
    if (withLatency) {
      for (const f of mine.filter((f) => f.spec.kind === 'latency')) {
        delayMs += f.spec.latencyMs ?? 0;
        f.remaining--;
      }
    }
    const hit = mine.find((f) => f.spec.kind !== 'latency' && kinds.includes(f.spec.kind));
    if (hit) hit.remaining--;
    return { delayMs, fault: hit?.spec };
  }
}
