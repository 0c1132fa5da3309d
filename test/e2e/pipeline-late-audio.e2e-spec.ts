import { describe, expect, it } from 'vitest';
import { insights, openStream, useScriptedFaultApp, waitRevealed } from './faults.harness.js';
import { chunks, finalSegments, loadFixture, until } from './transcription-client.js';

const OUTAGE_MS = 26_000;

/**
 * A session ends at the start of an ASR outage longer than finalize's wait for the spool (20 s):
 * finalize gives up waiting and starts the pipeline with the audio still untranscribed. The
 * pipeline must hold refinement back until those segments land, so the insights cover them.
 */
describe('pipeline: audio still being transcribed after finalize', () => {
  const env = useScriptedFaultApp();
  const data = chunks(loadFixture(), 400);

  it('waits for the late segments before refining, then reveals insights over the whole transcript', async () => {
    const { app, fake, owner } = env;
    const c = await openStream(app, owner);
    fake.setFault({ kind: 'server-error', route: 'transcriptions', forMs: OUTAGE_MS });
    await c.send(data, 0, data.length);
    const ack = await c.end();
    expect(ack).toMatchObject({ ok: true, status: 'processing', transcribed: false });
    expect(await finalSegments(app, owner, c.sessionId)).toEqual([]);

    // Refinement says what it is doing while the ASR is still down.
    await until(async () => (await insights(app, owner, c.sessionId)).stages.refinement.status === 'waiting', 5_000, 'refinement to wait');
    expect((await insights(app, owner, c.sessionId)).status).toBe('processing');

    const revealed = await waitRevealed(app, owner, c.sessionId, 60_000);
    const finals = await finalSegments(app, owner, c.sessionId);
    expect(finals.length).toBeGreaterThan(0);
    expect(revealed.transcript.map((s) => s.text)).toEqual(finals.map((s) => s.text));
    expect(revealed.transcript.every((s) => s.refinedText !== null)).toBe(true);
    expect(Object.values(revealed.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(revealed.tasks.filter((t) => t.extracted)).toHaveLength(1);
    expect(revealed.analytics?.wordsPerMinute).toBeGreaterThan(0);
    c.socket.close();
  }, 100_000);
});
