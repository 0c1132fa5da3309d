import { Body, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { ImportTranscriptDto } from './transcript-import.dto.js';
import { TranscriptImportService, type ImportResult, type UploadedTranscript } from './transcript-import.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/sessions')
export class TranscriptImportController {
  constructor(private readonly imports: TranscriptImportService) {}

  /** A WebVTT, SRT or Mina JSON transcript becomes a session whose pipeline runs at once. */
  @Post('import')
  @Can('create', 'Session')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: "WebVTT (`<v Speaker>` voices or Zoom's `Name:` lines), SRT, or Mina JSON" },
        title: { type: 'string', maxLength: 300, description: 'defaults to the file name' },
        meetingId: { type: 'string', format: 'uuid' },
        language: { type: 'string', example: 'en' },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  import(
    @Tenant() tenant: TenantContext,
    @UploadedFile() file: UploadedTranscript | undefined,
    @Body() dto: ImportTranscriptDto,
  ): Promise<ImportResult> {
    return this.imports.import(tenant, file, dto);
  }
}
