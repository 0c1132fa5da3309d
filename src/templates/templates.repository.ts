import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { escapeLike } from '#src/common/sql-list.js';
import { Meeting } from '#src/meetings/entities/meeting.entity.js';
import { SummaryTemplateRecord } from './entities/summary-template.entity.js';

/** A workspace's own templates and its default; every query takes the workspace. */
@Injectable()
export class TemplatesRepository {
  constructor(private readonly em: EntityManager) {}

  list(workspaceId: string): Promise<SummaryTemplateRecord[]> {
    return this.em.find(
      SummaryTemplateRecord,
      { workspace: workspaceId },
      { orderBy: { createdAt: 'ASC', id: 'ASC' } },
    );
  }

  findOne(workspaceId: string, id: string): Promise<SummaryTemplateRecord | null> {
    return this.em.findOne(SummaryTemplateRecord, { id, workspace: workspaceId });
  }

  count(workspaceId: string): Promise<number> {
    return this.em.count(SummaryTemplateRecord, { workspace: workspaceId });
  }

  /** Whether another template of the workspace has this name, in any case (`%` and `_` are literal). */
  async nameTaken(workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
    const found = await this.em.findOne(
      SummaryTemplateRecord,
      { workspace: workspaceId, name: { $ilike: escapeLike(name) } },
      { fields: ['id'] },
    );
    return found !== null && found.id !== exceptId;
  }

  create(data: {
    workspaceId: string;
    name: string;
    description: string | null;
    sections: SummaryTemplateRecord['sections'];
    createdBy: string;
  }): SummaryTemplateRecord {
    return this.em.create(SummaryTemplateRecord, {
      workspace: data.workspaceId,
      name: data.name,
      description: data.description,
      sections: data.sections,
      createdBy: data.createdBy,
    });
  }

  /** The workspace's `settings.summaryTemplate`, if it set one. */
  async defaultId(workspaceId: string): Promise<string | null> {
    const rows = (await this.em
      .getConnection()
      .execute(`select "settings"->>'summaryTemplate' as "id" from "workspace" where "id" = ?`, [
        workspaceId,
      ])) as { id: string | null }[];
    return rows[0]?.id ?? null;
  }

  /**
   * Removes a template; meetings that chose it and a workspace default naming it go back to the
   * default, in the same transaction, so no setting names a template that is gone.
   */
  async remove(template: SummaryTemplateRecord, workspaceId: string): Promise<void> {
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(
        Meeting,
        { workspace: workspaceId, templateId: template.id },
        { templateId: null },
      );
      await em
        .getConnection()
        .execute(
          `update "workspace" set "settings" = "settings" - 'summaryTemplate' where "id" = ? and "settings"->>'summaryTemplate' = ?`,
          [workspaceId, template.id],
          'all',
          em.getTransactionContext(),
        );
      await em.nativeDelete(SummaryTemplateRecord, { id: template.id, workspace: workspaceId });
    });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
