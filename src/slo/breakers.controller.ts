import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InstanceAdmin } from '#src/auth/decorators.js';
import { SloService, type BreakerView } from './slo.service.js';

/** Circuit breakers of every live process (ASR in api processes, LLM and webhooks in workers). */
@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin/breakers')
export class BreakersController {
  constructor(private readonly slo: SloService) {}

  @Get()
  @InstanceAdmin()
  list(): Promise<BreakerView[]> {
    return this.slo.breakers();
  }
}
