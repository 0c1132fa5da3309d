import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { CopilotItemState, CopilotKind, CopilotOutcome } from '@mina/contract/copilot';
import { inTransaction } from '#src/retention/retention.repository.js';
import type { FinalRow } from './copilot-batch.js';
import type { CopilotCandidate } from './copilot-local.js';

/** A copilot item as stored (dates as the driver gives them). */
export interface CopilotItemRow {
  id: string;
  sessionId: string;
  kind: CopilotKind;
  text: string;
  owner: string | null;
  /** yyyy-mm-dd */
  due: string | null;
  startMs: number;
  state: CopilotItemState;
  source: string;
  outcome: CopilotOutcome | null;
  taskId: string | null;
  createdAt: Date | string;
}

/** What a scan needs to know about its session. */
export interface ScanSession {
  id: string;
  workspaceId: string;
  status: string;
  source: string;
  speakerNames: Record<string, string>;
  meetingDate: Date;
  lastSeq: number;
  closed: boolean;
}

export interface Resolution {
  id: string;
  outcome: CopilotOutcome;
  taskId: string | null;
}

const ITEM_COLUMNS = `i."id", i."session_id" as "sessionId", i."kind", i."text", i."owner", to_char(i."due", 'YYYY-MM-DD') as "due", i."start_ms" as "startMs", i."state", i."source",
  i."outcome", i."task_id" as "taskId", i."created_at" as "createdAt"`;

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The copilot's rows: items and the per-session cursor. Every read a client can cause is scoped by workspace. */
@Injectable()
export class CopilotRepository {
  constructor(private readonly em: EntityManager) {}

  private run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute(sql, params) as Promise<T[]>;
  }

  /** By session id alone: the scan job is scheduled by the transcript processor, which knows no workspace. */
  async scanSession(sessionId: string): Promise<ScanSession | null> {
    const rows = await this.run<
      Omit<ScanSession, 'speakerNames' | 'meetingDate'> & {
        speakerNames: ScanSession['speakerNames'] | string;
        meetingDate: Date | string;
      }
    >(
      `select s."id", s."workspace_id" as "workspaceId", s."status", s."source", s."speaker_names" as "speakerNames",
              coalesce(m."scheduled_start", s."started_at", s."created_at") as "meetingDate",
              coalesce(c."last_seq", -1) as "lastSeq", c."closed_at" is not null as "closed"
         from "session" s left join "meeting" m on m."id" = s."meeting_id" left join "copilot_cursor" c on c."session_id" = s."id"
        where s."id" = ?`,
      [sessionId],
    );
    const row = rows[0];
    return row
      ? { ...row, speakerNames: parsed(row.speakerNames) ?? {}, meetingDate: new Date(row.meetingDate) }
      : null;
  }

  /**
   * Claims this interval's scan of the session: true when no scan started within `intervalMs`
   * (decided in one statement, so two workers never both call the LLM for one interval).
   */
  async claimScan(sessionId: string, now: Date, intervalMs: number): Promise<boolean> {
    const rows = await this.run(
      `insert into "copilot_cursor" ("session_id", "scanned_at") values (?, ?)
       on conflict ("session_id") do update set "scanned_at" = excluded."scanned_at"
        where "copilot_cursor"."closed_at" is null and ("copilot_cursor"."scanned_at" is null or "copilot_cursor"."scanned_at" <= ?)
       returning 1`,
      [sessionId, now, new Date(now.getTime() - intervalMs)],
    );
    return rows.length > 0;
  }

  async lastScanAt(sessionId: string): Promise<Date | null> {
    const rows = await this.run<{ scannedAt: Date | string | null }>(
      `select "scanned_at" as "scannedAt" from "copilot_cursor" where "session_id" = ?`,
      [sessionId],
    );
    const at = rows[0]?.scannedAt;
    return at ? new Date(at) : null;
  }

  /** Final segments after `seq`, in order, at most `limit`. */
  finalsAfter(sessionId: string, seq: number, limit: number): Promise<FinalRow[]> {
    return this.run<FinalRow>(
      `select "id", "seq", "speaker", "text", "start_ms" as "startMs", "end_ms" as "endMs", "confidence"
         from "segment" where "session_id" = ? and "kind" = 'final' and "seq" > ? order by "seq" limit ?`,
      [sessionId, seq, limit],
    );
  }

  /** Kind and text of the session's items, for deduplication. */
  known(sessionId: string): Promise<{ kind: CopilotKind; text: string }[]> {
    return this.run(`select "kind", "text" from "copilot_item" where "session_id" = ?`, [sessionId]);
  }

  /**
   * Moves the cursor from `fromSeq` to `toSeq` and stores the items, in one transaction; nothing
   * when the session was reconciled meanwhile (closed) or another scan moved the cursor first.
   */
  save(
    session: { id: string; workspaceId: string },
    fromSeq: number,
    toSeq: number,
    items: readonly CopilotCandidate[],
    source: string,
  ): Promise<CopilotItemRow[]> {
    return this.em.transactional(async (em) => {
      const run = inTransaction(em);
      const moved = await run(
        `update "copilot_cursor" set "last_seq" = ? where "session_id" = ? and "last_seq" = ? and "closed_at" is null returning 1`,
        [toSeq, session.id, fromSeq],
      );
      if (moved.length === 0 || items.length === 0) return [];
      return run<CopilotItemRow>(
        `insert into "copilot_item" as i ("id", "created_at", "updated_at", "session_id", "workspace_id", "kind", "text", "owner", "due", "start_ms", "state", "source")
         select gen_random_uuid(), now(), now(), ?::uuid, ?::uuid, v.kind, v.text, v.owner, v.due::date, v.start_ms::int, 'open', ?
           from (values ${items.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}) as v(n, kind, text, owner, due, start_ms)
          order by v.n::int
         returning ${ITEM_COLUMNS}`,
        [
          session.id,
          session.workspaceId,
          source,
          ...items.flatMap((item, n) => [
            n,
            item.kind,
            item.text,
            item.owner,
            item.due,
            Math.round(item.startMs),
          ]),
        ],
      );
    });
  }

  list(workspaceId: string, sessionId: string): Promise<CopilotItemRow[]> {
    return this.run<CopilotItemRow>(
      `select ${ITEM_COLUMNS} from "copilot_item" i where i."workspace_id" = ? and i."session_id" = ? order by i."start_ms", i."created_at", i."id"`,
      [workspaceId, sessionId],
    );
  }

  async find(workspaceId: string, sessionId: string, id: string): Promise<CopilotItemRow | null> {
    const rows = await this.run<CopilotItemRow>(
      `select ${ITEM_COLUMNS} from "copilot_item" i where i."workspace_id" = ? and i."session_id" = ? and i."id" = ?`,
      [workspaceId, sessionId, id],
    );
    return rows[0] ?? null;
  }

  /** Whether the session was reconciled (its copilot closed). */
  async closed(sessionId: string): Promise<boolean> {
    const rows = await this.run<{ closed: boolean }>(
      `select "closed_at" is not null as "closed" from "copilot_cursor" where "session_id" = ?`,
      [sessionId],
    );
    return rows[0]?.closed ?? false;
  }

  /**
   * Moves an open item to `state` while the session's copilot is open, in one statement with the
   * marker pinning made; null when the item was not open or the copilot closed meanwhile.
   */
  async transition(
    workspaceId: string,
    sessionId: string,
    id: string,
    state: CopilotItemState,
    markerId: string | null,
  ): Promise<CopilotItemRow | null> {
    const rows = await this.run<CopilotItemRow>(
      `update "copilot_item" i set "state" = ?, "marker_id" = coalesce(?::uuid, i."marker_id"), "updated_at" = now()
        where i."workspace_id" = ? and i."session_id" = ? and i."id" = ? and i."state" = 'open'
          and not exists (select 1 from "copilot_cursor" c where c."session_id" = i."session_id" and c."closed_at" is not null)
        returning ${ITEM_COLUMNS}`,
      [state, markerId, workspaceId, sessionId, id],
    );
    return rows[0] ?? null;
  }

  /** Closes the session's copilot: scans that finish later store nothing. Idempotent. */
  async close(sessionId: string): Promise<void> {
    await this.run(
      `insert into "copilot_cursor" ("session_id", "closed_at") values (?, now()) on conflict ("session_id") do update set "closed_at" = coalesce("copilot_cursor"."closed_at", excluded."closed_at")`,
      [sessionId],
    );
  }

  /** The session's items of these kinds that were not dismissed. */
  forReconciliation(
    workspaceId: string,
    sessionId: string,
    kinds: readonly CopilotKind[],
  ): Promise<CopilotItemRow[]> {
    return this.run<CopilotItemRow>(
      `select ${ITEM_COLUMNS} from "copilot_item" i where i."workspace_id" = ? and i."session_id" = ? and i."kind" in (${kinds.map(() => '?').join(', ')})
          and i."state" <> 'dismissed' order by i."start_ms", i."created_at"`,
      [workspaceId, sessionId, ...kinds],
    );
  }

  async resolve(resolutions: readonly Resolution[]): Promise<void> {
    if (resolutions.length === 0) return;
    await this.run(
      `update "copilot_item" i set "outcome" = v.outcome, "task_id" = v.task::uuid, "updated_at" = now()
         from (values ${resolutions.map(() => '(?, ?, ?)').join(', ')}) as v(id, outcome, task) where i."id" = v.id::uuid`,
      resolutions.flatMap((r) => [r.id, r.outcome, r.taskId]),
    );
  }

  /** The session's tasks (id and title), scoped by workspace. */
  tasksOf(workspaceId: string, sessionId: string): Promise<{ id: string; title: string }[]> {
    return this.run(
      `select "id", "title" from "task" where "workspace_id" = ? and "session_id" = ? order by "source_start_ms", "created_at"`,
      [workspaceId, sessionId],
    );
  }

  /** A pinned action item the final tasks lacked, as an extracted task (a re-run of the stage replaces it like the others). */
  async addTask(
    session: { id: string; workspaceId: string; meetingId: string | null; userId: string },
    item: CopilotItemRow,
  ): Promise<string> {
    const rows = await this.run<{ id: string }>(
      `insert into "task" ("id", "created_at", "updated_at", "workspace_id", "meeting_id", "session_id", "title", "description", "status", "priority",
                           "assignee_name", "due_date", "evidence", "source_start_ms", "extracted", "created_by_id")
       values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, 'open', 'medium', ?, ?::date, ?, ?, true, ?) returning "id"`,
      [
        session.workspaceId,
        session.meetingId,
        session.id,
        item.text.slice(0, 500),
        'Pinned from the live copilot during the meeting.',
        item.owner,
        item.due,
        item.text,
        item.startMs,
        session.userId,
      ],
    );
    return rows[0].id;
  }
}
