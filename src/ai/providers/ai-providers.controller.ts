import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AiProviderView } from '@mina/contract/ai-providers';
import { InstanceAdmin } from '#src/auth/decorators.js';
import { AiProviders } from './ai-providers.service.js';

/** The AI provider chains as this process sees them: breaker state, latency, error rate, tokens. */
@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin/ai/providers')
export class AiProvidersController {
  constructor(private readonly providers: AiProviders) {}

  @Get()
  @InstanceAdmin()
  list(): AiProviderView[] {
    return this.providers.views();
  }
}
