import {
  meetingTurns,
  waitForStatus,
  type InsightsBody,
  type Member,
  type PipelineApp,
} from './pipeline.harness.js';

export interface ImportedMeeting {
  id: string;
  /** The stored segments, indexed like the QMSum turns (`transcript[109]` is turn 109). */
  transcript: InsightsBody['transcript'];
}

/** A QMSum meeting imported through POST /api/sessions/import (Mina JSON), its pipeline finished. */
export async function importMeeting(
  http: PipelineApp['http'],
  member: Member,
  file: string,
  title: string,
  turnCount = Infinity,
): Promise<ImportedMeeting> {
  const turns = meetingTurns(file, turnCount);
  const res = await http
    .post('/api/sessions/import')
    .set(member.auth)
    .field('title', title)
    .attach('file', Buffer.from(JSON.stringify({ segments: turns })), {
      filename: 'meeting.json',
      contentType: 'application/json',
    })
    .expect(201);
  const id = (res.body as { id: string }).id;
  const insights = await waitForStatus(http, member, id, 'completed', 60_000);
  const byStart = new Map(insights.transcript.map((s) => [s.startMs, s]));
  return {
    id,
    transcript: turns.map((t) => {
      const segment = byStart.get(t.startMs);
      if (!segment) throw new Error(`turn at ${t.startMs} ms was not imported`);
      return { ...segment, text: segment.refinedText ?? segment.text };
    }),
  };
}
