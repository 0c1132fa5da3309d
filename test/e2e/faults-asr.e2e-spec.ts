import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { expectRevealedOnce, expectWholeTranscript, openStream, useScriptedFaultApp, waitRevealed } from './faults.harness.js';
import { chunks, finalSegments, loadFixture, until, words } from './transcription-client.js';

const OUTAGE_MS = 30_000;

/**
 * The ASR answers 500 to everything for 30 s while three meetings stream. A ends near the end of
 * the outage (its finalize waits for the spool to drain), B after it, C at its start (its finalize
 * gives up waiting after drainTimeoutMs).
 */
describe('fault: the ASR returns 500s for 30 s', () => {
  const env = useScriptedFaultApp();
  const fixture = loadFixture();
  const data = chunks(fixture, 400);

  it('keeps every acked chunk through the outage, transcribes each once afterwards, and reveals every session', async () => {
    const { app, fake, owner } = env;
    const [a, b, c] = [await openStream(app, owner), await openStream(app, owner), await openStream(app, owner)];
    const breakers = app.app.get(CircuitBreakers);
    const before = fake.requests.length;
    const outageEnds = Date.now() + OUTAGE_MS;
    fake.setFault({ kind: 'server-error', route: 'transcriptions', forMs: OUTAGE_MS });

    // C uploads its meeting at once and ends at the start of the outage: its finalize stops waiting
    // for the spool after drainTimeoutMs (20 s); the audio stays in the spool and the pipeline's
    // refinement waits for it, so the reveal covers the whole meeting.
    const cEnded = c.send(data, 0, data.length).then(async () => ({ ack: await c.end(), at: Date.now() }));
    // A and B stream the whole meeting (about 26 s, 4-5x real time) into the outage.
    await Promise.all([a.send(data, 0, data.length, { window: 1, paceMs: 80 }), b.send(data, 0, data.length, { window: 1, paceMs: 80 })]);
    expect(a.nacks + b.nacks + c.nacks).toBe(0);
    expect(Date.now()).toBeLessThan(outageEnds);
    // Tripped by the outage: open, or half-open when its reset timeout has passed and no probe has gone yet.
    expect(['open', 'half-open']).toContain(breakers.states().find((s) => s.name === 'asr')?.state);
    expect(await finalSegments(app, owner, a.sessionId)).toEqual([]);

    // A ends while the ASR is still down: session:end waits for the backlog after the recovery.
    const endA = await a.end();
    expect(Date.now()).toBeGreaterThan(outageEnds);
    expect(endA).toMatchObject({ ok: true, transcribed: true, status: 'processing' });
    await expectWholeTranscript(app, owner, a, fixture);

    // B ends after the outage.
    await until(async () => (await finalSegments(app, owner, b.sessionId)).length > 0, 20_000, 'B to be transcribed');
    expect(await b.end()).toMatchObject({ ok: true, transcribed: true, status: 'processing' });
    await expectWholeTranscript(app, owner, b, fixture);

    // C was finalized during the outage: every acked chunk is transcribed, once, and only then is
    // it revealed, with insights computed on the whole transcript (none of them refined late).
    const endC = await cEnded;
    expect(endC.ack).toMatchObject({ ok: true, status: 'processing' });
    if (endC.at < outageEnds) expect(endC.ack.transcribed).toBe(false);
    await waitRevealed(app, owner, c.sessionId, 60_000);
    const revealedC = await finalSegments(app, owner, c.sessionId);
    expect(words(revealedC.map((x) => x.text).join(' ')).length).toBeGreaterThanOrEqual(fixture.words.length);
    await expectWholeTranscript(app, owner, c, fixture);

    const asr = fake.requests.slice(before).filter((r) => r.route === 'transcriptions');
    expect(asr.filter((r) => r.status === 500).length).toBeGreaterThan(0);
    expect(asr.filter((r) => r.status === 500).every((r) => r.at < outageEnds + 100)).toBe(true);
    await expectRevealedOnce(app, owner, a.sessionId);
    await expectRevealedOnce(app, owner, b.sessionId);
    expect(breakers.states().find((s) => s.name === 'asr')?.state).toBe('closed');
    for (const x of [a, b, c]) x.socket.close();
  }, 100_000);
});
