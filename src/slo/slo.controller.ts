import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InstanceAdmin } from '#src/auth/decorators.js';
import { WindowQuery } from './dto/window.query.js';
import { type MetricsSeries, type SloReport } from './slo-report.js';
import { SloService } from './slo.service.js';

/** SLOs and the series behind the admin console's dashboards, across every process of the deployment. */
@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin')
export class SloController {
  constructor(private readonly slo: SloService) {}

  @Get('slo')
  @InstanceAdmin()
  report(@Query() query: WindowQuery): Promise<SloReport[]> {
    return this.slo.report(query.window);
  }

  @Get('metrics/series')
  @InstanceAdmin()
  series(@Query() query: WindowQuery): Promise<MetricsSeries> {
    return this.slo.metrics(query.window);
  }
}
