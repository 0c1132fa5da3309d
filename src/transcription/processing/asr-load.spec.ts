import { describe, expect, it } from 'vitest';
import { AsrLoad } from './asr-load.js';

describe('AsrLoad', () => {
  it('lets interims out up to their own limit, and releases each once', () => {
    const load = new AsrLoad({ maxInterims: 2, busyAt: 10 });
    const a = load.tryInterim();
    const b = load.tryInterim();
    expect(a && b).toBeTruthy();
    expect(load.tryInterim()).toBeUndefined();
    a!();
    a!();
    expect(load.inFlight).toBe(1);
    expect(load.tryInterim()).toBeDefined();
  });

  it('sheds interims while finals fill the process, never the finals', () => {
    const load = new AsrLoad({ maxInterims: 8, busyAt: 3 });
    const finals = [load.final(), load.final(), load.final(), load.final()];
    expect(load.inFlight).toBe(4);
    expect(load.tryInterim()).toBeUndefined();
    finals.slice(0, 2).forEach((release) => release());
    expect(load.tryInterim()).toBeDefined();
  });
});
