import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import type { ListQuery, ListResult } from '#src/common/list-query.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import { acceptRepresentation } from '#src/common/read-only.js';
import { isUuid } from '#src/common/uuid.pipe.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import type { SummaryTemplate } from '#src/ai/summary-template.js';
import { DEFAULT_TEMPLATE_ID, type TemplateSectionView, type TemplateView } from '@mina/contract/templates';
import {
  BUILT_IN_TEMPLATES,
  builtInTemplate,
  STANDARD_TEMPLATE,
  type BuiltInTemplate,
} from './built-in-templates.js';
import type { SummaryTemplateRecord } from './entities/summary-template.entity.js';
import { sectionKeys } from './section-keys.js';
import type { CreateTemplateDto, UpdateTemplateDto } from './template.dto.js';
import { TemplatesRepository } from './templates.repository.js';
import { normalizeVocabulary } from './vocabulary.js';
import type { SettingsPatch } from '#src/workspaces/workspace-settings.js';

const builtInView = (t: BuiltInTemplate, defaultId: string): TemplateView => ({
  id: t.id,
  name: t.name,
  description: t.description,
  builtIn: true,
  isDefault: t.id === defaultId,
  sections: t.sections.map(({ key, title, instruction }) => ({ key, title, instruction })),
  createdAt: null,
  updatedAt: null,
});

const customView = (t: SummaryTemplateRecord, defaultId: string): TemplateView => ({
  id: t.id,
  name: t.name,
  description: t.description ?? null,
  builtIn: false,
  isDefault: t.id === defaultId,
  sections: t.sections,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

/** The six built-ins and a workspace's own templates; which one a meeting's summary uses. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly repo: TemplatesRepository,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  /** Built-ins first, in their order, then the workspace's own, oldest first; `filter.id` picks some (react-admin's getMany). */
  async list(tenant: TenantContext, query: ListQuery): Promise<ListResult<TemplateView>> {
    const [custom, defaultId] = await Promise.all([
      this.repo.list(tenant.workspaceId),
      this.defaultId(tenant.workspaceId),
    ]);
    const wanted =
      query.filter.id === undefined || query.filter.id === null
        ? null
        : new Set([query.filter.id].flat().map(String));
    const all = [
      ...BUILT_IN_TEMPLATES.map((t) => builtInView(t, defaultId)),
      ...custom.map((t) => customView(t, defaultId)),
    ].filter((t) => !wanted || wanted.has(t.id));
    return { total: all.length, items: all.slice(query.range.start, query.range.end + 1) };
  }

  async get(tenant: TenantContext, id: string): Promise<TemplateView> {
    const defaultId = await this.defaultId(tenant.workspaceId);
    const builtIn = builtInTemplate(id);
    if (builtIn) return builtInView(builtIn, defaultId);
    return customView(await this.load(tenant.workspaceId, id), defaultId);
  }

  async create(tenant: TenantContext, dto: CreateTemplateDto): Promise<TemplateView> {
    const limit = this.config.templates.maxPerWorkspace;
    if ((await this.repo.count(tenant.workspaceId)) >= limit) {
      throw new MinaException(
        'TEMPLATE_LIMIT',
        `A workspace keeps at most ${limit} templates of its own (MINA_MAX_TEMPLATES_PER_WORKSPACE); delete one first`,
        { limit },
      );
    }
    const name = await this.checkName(tenant.workspaceId, dto.name);
    const template = this.repo.create({
      workspaceId: tenant.workspaceId,
      name,
      description: dto.description?.trim() || null,
      sections: this.checkSections(dto.sections),
      createdBy: tenant.userId,
    });
    await this.repo.flush();
    await this.audit.record({
      actorId: tenant.userId,
      action: 'template.created',
      target: `template:${template.id}`,
      workspaceId: tenant.workspaceId,
      data: { name },
    });
    return customView(template, await this.defaultId(tenant.workspaceId));
  }

  async update(tenant: TenantContext, id: string, dto: UpdateTemplateDto): Promise<TemplateView> {
    const template = await this.loadCustom(tenant.workspaceId, id);
    acceptRepresentation(dto, customView(template, await this.defaultId(tenant.workspaceId)));
    if (dto.name !== undefined)
      template.name = await this.checkName(tenant.workspaceId, dto.name, template.id);
    if (dto.description !== undefined) template.description = dto.description?.trim() || null;
    if (dto.sections !== undefined) template.sections = this.checkSections(dto.sections);
    await this.repo.flush();
    await this.audit.record({
      actorId: tenant.userId,
      action: 'template.updated',
      target: `template:${template.id}`,
      workspaceId: tenant.workspaceId,
      data: { changed: Object.keys(dto) },
    });
    return customView(template, await this.defaultId(tenant.workspaceId));
  }

  async remove(tenant: TenantContext, id: string): Promise<void> {
    const template = await this.loadCustom(tenant.workspaceId, id);
    await this.repo.remove(template, tenant.workspaceId);
    await this.audit.record({
      actorId: tenant.userId,
      action: 'template.deleted',
      target: `template:${template.id}`,
      workspaceId: tenant.workspaceId,
      data: { name: template.name },
    });
  }

  /** Refuses an id that names no template of the workspace (TEMPLATE_UNKNOWN, naming `field`). */
  async assertExists(workspaceId: string, id: string, field: string): Promise<void> {
    if (builtInTemplate(id)) return;
    if (isUuid(id) && (await this.repo.findOne(workspaceId, id))) return;
    throw new MinaException(
      'TEMPLATE_UNKNOWN',
      `${field}: no template "${id.slice(0, 64)}" in this workspace (GET /api/templates lists them)`,
      { field },
    );
  }

  /** A workspace settings change as far as templates are concerned: the default must exist, the vocabulary fit the limits. */
  async checkSettings(workspaceId: string, patch: SettingsPatch): Promise<SettingsPatch> {
    if (patch.summaryTemplate)
      await this.assertExists(workspaceId, patch.summaryTemplate, 'settings.summaryTemplate');
    return patch.vocabulary
      ? { ...patch, vocabulary: normalizeVocabulary(patch.vocabulary, this.config.templates) }
      : patch;
  }

  /** The meeting's template, else the workspace default, else standard (a choice naming a deleted template falls through). */
  async resolve(workspaceId: string, meetingTemplateId: string | null): Promise<SummaryTemplate> {
    for (const id of [meetingTemplateId, await this.repo.defaultId(workspaceId)]) {
      if (!id) continue;
      const builtIn = builtInTemplate(id);
      if (builtIn) return builtIn;
      const custom = isUuid(id) ? await this.repo.findOne(workspaceId, id) : null;
      if (custom) return { id: custom.id, name: custom.name, sections: custom.sections };
    }
    return STANDARD_TEMPLATE;
  }

  private async defaultId(workspaceId: string): Promise<string> {
    return (await this.repo.defaultId(workspaceId)) ?? DEFAULT_TEMPLATE_ID;
  }

  private async load(workspaceId: string, id: string): Promise<SummaryTemplateRecord> {
    const template = isUuid(id) ? await this.repo.findOne(workspaceId, id) : null;
    if (!template) throw notFound('Template');
    return template;
  }

  private async loadCustom(workspaceId: string, id: string): Promise<SummaryTemplateRecord> {
    if (builtInTemplate(id))
      throw new MinaException(
        'TEMPLATE_BUILT_IN',
        `"${id}" is a built-in template and cannot change; create a template of your own instead`,
      );
    return this.load(workspaceId, id);
  }

  private async checkName(workspaceId: string, raw: string, exceptId?: string): Promise<string> {
    const name = raw.trim();
    if (!name) throw new MinaException('VALIDATION_FAILED', 'name must not be empty', { field: 'name' });
    const clash =
      BUILT_IN_TEMPLATES.some((t) => t.name.toLowerCase() === name.toLowerCase()) ||
      (await this.repo.nameTaken(workspaceId, name, exceptId));
    if (clash)
      throw new MinaException(
        'TEMPLATE_NAME_TAKEN',
        `A template named "${name}" exists already in this workspace`,
        { field: 'name' },
      );
    return name;
  }

  private checkSections(sections: readonly { title: string; instruction: string }[]): TemplateSectionView[] {
    const max = this.config.templates.maxSections;
    if (sections.length === 0 || sections.length > max) {
      throw new MinaException(
        'VALIDATION_FAILED',
        `sections must have 1 to ${max} entries (MINA_TEMPLATE_MAX_SECTIONS)`,
        { field: 'sections', max },
      );
    }
    const trimmed = sections.map((s, i) => {
      const title = s.title.trim();
      const instruction = s.instruction.trim();
      if (!title || !instruction)
        throw new MinaException('VALIDATION_FAILED', `sections[${i}] needs a title and an instruction`, {
          field: `sections.${i}`,
        });
      return { title, instruction };
    });
    const titles = new Set(trimmed.map((s) => s.title.toLowerCase()));
    if (titles.size !== trimmed.length)
      throw new MinaException('VALIDATION_FAILED', 'two sections have the same title', { field: 'sections' });
    const keys = sectionKeys(trimmed.map((s) => s.title));
    return trimmed.map((s, i) => ({ key: keys[i], ...s }));
  }
}
