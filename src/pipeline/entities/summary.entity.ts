import { Entity, Index, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import type { SummaryItem } from '@mina/contract/views';
import type { SummarySectionView, SummaryTemplateRef } from '@mina/contract/templates';

export type { SummaryItem };

@Entity({ tableName: 'summary' })
@Index({ name: 'summary_tsv_idx', expression: 'create index "summary_tsv_idx" on "summary" using gin ("tsv")' })
export class Summary extends BaseEntity<
  'overview' | 'keyPoints' | 'decisions' | 'risks' | 'questions' | 'model' | 'provider' | 'fallbackUsed' | 'language' | 'requestedLanguage' | 'tsv' | 'template' | 'sections'
> {
  @OneToOne(() => TranscriptionSession, { owner: true, unique: true, deleteRule: 'cascade' })
  session!: TranscriptionSession;

  @Property({ type: 'text' })
  overview: string = '';

  @Property({ type: 'json', columnType: 'jsonb' })
  keyPoints: SummaryItem[] = [];

  @Property({ type: 'json', columnType: 'jsonb' })
  decisions: SummaryItem[] = [];

  @Property({ type: 'json', columnType: 'jsonb' })
  risks: SummaryItem[] = [];

  @Property({ type: 'json', columnType: 'jsonb' })
  questions: SummaryItem[] = [];

  /** The summary template it was written with; null for summaries from before templates. */
  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  template?: SummaryTemplateRef | null;

  @Property({ type: 'json', columnType: 'jsonb', default: "'[]'" })
  sections: SummarySectionView[] = [];

  @Property({ type: 'string', length: 100, nullable: true })
  model?: string;

  /** The LLM provider (chain name) that wrote it; null for the local fallback. */
  @Property({ type: 'string', length: 200, nullable: true })
  provider?: string;

  @Property({ type: 'boolean' })
  fallbackUsed: boolean = false;

  /** Written in this language at the workspace's request (settings.summaryLanguage); null = the meeting's own language. */
  @Property({ type: 'string', length: 16, nullable: true })
  language?: string | null;

  /** The workspace's summaryLanguage when the summary was made, honoured or not (the local fallback cannot translate). */
  @Property({ type: 'string', length: 16, nullable: true })
  requestedLanguage?: string | null;

  /** Overview and every section's text, for GET /api/search. */
  @Property({
    columnType: 'tsvector',
    generated: `(to_tsvector('english', "overview" || ' ' || jsonb_path_query_array("key_points" || "decisions" || "risks" || "questions", '$[*].text')::text)) stored`,
    hidden: true,
    lazy: true,
    nullable: true,
  })
  tsv?: string;
}
