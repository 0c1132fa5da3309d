import { once } from 'node:events';
import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, InstanceAdmin } from '../auth/decorators.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { AUDIT_CSV_COLUMNS, auditCsvRow } from './audit-csv.js';
import { AuditService, type AuditView } from './audit.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin/audit')
export class AuditController {
  private readonly logger = new Logger(AuditController.name);

  constructor(
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  @Get()
  @InstanceAdmin()
  @ApiListQuery()
  async list(
    @ListParams({ sortable: AuditService.sortable, defaultSort: ['at', 'DESC'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditView[]> {
    return sendPage(res, 'audit', query, await this.audit.list(query));
  }

  /**
   * The entries the same filters list, newest first, as CSV (at most MINA_AUDIT_EXPORT_MAX_ROWS; a
   * cut file ends with a line saying so). Streamed in batches: memory stays flat whatever the size.
   */
  @Get('export')
  @InstanceAdmin()
  @ApiListQuery()
  async export(
    @CurrentUser() actor: AuthUser,
    @ListParams({ sortable: AuditService.sortable, defaultSort: ['at', 'DESC'] }) query: ListQuery,
    @Res() res: Response,
  ): Promise<void> {
    const startedAt = new Date();
    const max = this.config.auditExportMaxRows;
    const matching = await this.audit.count(query.filter, startedAt);
    const truncated = matching > max;
    await this.audit.record({ actorId: actor.id, action: 'audit.exported', target: 'audit', data: { filter: query.filter, rows: Math.min(matching, max), truncated } });

    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="mina-audit-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z.csv"`);
    res.setHeader('X-Total-Count', String(matching));
    res.setHeader('X-Mina-Export-Truncated', String(truncated));
    const csv = stringify({ header: true, columns: AUDIT_CSV_COLUMNS });
    csv.pipe(res);
    let gone = false;
    res.once('close', () => (gone = true));
    const write = async (row: string[]): Promise<void> => {
      if (!csv.write(row)) await Promise.race([once(csv, 'drain'), once(res, 'close')]);
    };
    try {
      for await (const batch of this.audit.export(query.filter, max, startedAt)) {
        for (const entry of batch) {
          if (gone) return void csv.destroy();
          await write(auditCsvRow(entry));
        }
      }
      if (truncated) await write([`# truncated: ${matching} entries match, this file holds the newest ${max} (MINA_AUDIT_EXPORT_MAX_ROWS); narrow the filters`]);
      csv.end();
    } catch (error) {
      // The status line is gone already: cutting the connection is the only honest answer, so the
      // download fails instead of looking complete.
      this.logger.error(`Audit export failed after ${String(res.getHeader('X-Total-Count'))} matching entries were announced: ${String(error)}`);
      csv.destroy();
      res.destroy();
    }
  }
}
