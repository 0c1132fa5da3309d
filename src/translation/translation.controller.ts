import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import {
  TRANSLATION_LANGUAGES,
  type TranslationInput,
  type TranslationView,
} from '@mina/contract/translation';
import { TranslationService } from './translation.service.js';

export class TranslationDto implements TranslationInput {
  @ApiProperty({ enum: TRANSLATION_LANGUAGES.map((l) => l.code) })
  @IsString()
  @MaxLength(16)
  language!: string;
}

@ApiTags('translations')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/sessions/:id/translations')
export class TranslationController {
  constructor(private readonly translations: TranslationService) {}

  /**
   * 202 when this request started a translation (GET it until ready), 200 when it was made or
   * under way already. Whoever may read the session may read it in another language (like Ask,
   * it spends the workspace's AI tokens).
   */
  @Post()
  @Can('read', 'Session')
  async request(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
    @Body() dto: TranslationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TranslationView> {
    const { view, started } = await this.translations.request(
      tenant,
      id,
      TranslationService.parseLanguage(dto.language),
    );
    res.status(started ? 202 : 200);
    return view;
  }

  /** The session's translations without their texts. */
  @Get()
  @Can('read', 'Session')
  list(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
  ): Promise<TranslationView[]> {
    return this.translations.list(tenant, id);
  }

  @Get(':language')
  @Can('read', 'Session')
  get(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
    @Param('language') language: string,
  ): Promise<TranslationView> {
    return this.translations.get(tenant, id, TranslationService.parseLanguage(language));
  }
}
