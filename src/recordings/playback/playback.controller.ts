import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignedUrlOrAuthenticated } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { MinaException } from '#src/common/mina.exception.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { sendAudio } from './audio-response.js';
import { PlaybackService, type AudioMetadata } from './playback.service.js';

export const DEFAULT_PEAKS = 1000;
export const MAX_PEAKS = 10_000;

/** A session's recording for the player: the bytes (Range), a signed URL for `<audio>`, and its waveform. */
@ApiTags('sessions')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: false, description: 'required unless the URL is signed' })
@TenantScoped()
@Controller('api/sessions/:id')
export class PlaybackController {
  constructor(private readonly playback: PlaybackService) {}

  /** Bearer + X-Workspace-Id, or a URL from POST audio-url (what `<audio src>` uses). HEAD is answered too. */
  @Get('audio')
  @SignedUrlOrAuthenticated()
  @ApiQuery({ name: 'sig', required: false, description: 'with workspaceId, userId and expires: a signed URL from POST /api/sessions/:id/audio-url' })
  async audio(@Param('id', new UuidPipe('Session')) id: string, @Req() req: Request & { tenant?: TenantContext }, @Res() res: Response): Promise<void> {
    let recording;
    if (req.query.sig !== undefined) recording = await this.playback.forSignedUrl(id, req.query);
    else if (req.tenant) recording = await this.playback.forMember(req.tenant, id);
    else throw new MinaException('UNAUTHENTICATED', 'Sign in first, or use a signed audio URL');
    const stat = await this.playback.statFile(recording);
    await sendAudio(req, res, recording.contentType, stat, (range) => this.playback.read(recording, range));
  }

  @Post('audio-url')
  @HttpCode(200)
  @Can('read', 'Session')
  audioUrl(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string): Promise<{ url: string; expiresAt: string }> {
    return this.playback.signedUrl(tenant, id);
  }

  @Get('audio/metadata')
  @Can('read', 'Session')
  @ApiQuery({ name: 'peaks', required: false, description: `waveform buckets, 1–${MAX_PEAKS} (default ${DEFAULT_PEAKS}); fewer when the recording is shorter than that many 50 ms windows` })
  @ApiOkResponse({ description: '{ durationMs, contentType, sizeBytes, sampleRate, channels, format, peaks, peakBucketMs }' })
  metadata(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string, @Query('peaks') peaks?: unknown): Promise<AudioMetadata> {
    return this.playback.metadata(tenant, id, peakCount(peaks));
  }
}

function peakCount(raw: unknown): number {
  if (raw === undefined) return DEFAULT_PEAKS;
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PEAKS) {
    throw new MinaException('VALIDATION_FAILED', `peaks must be a whole number from 1 to ${MAX_PEAKS}`, { field: 'peaks' });
  }
  return n;
}
