import { Inject, Injectable } from '@nestjs/common';
import type { TenantContext } from '#src/authz/tenant.js';
import { assertSafeJson } from '#src/common/json-guard.js';
import { MinaException } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService, type SessionView } from '#src/sessions/sessions.service.js';
import type { ImportTranscriptDto } from './transcript-import.dto.js';
import { detectFormat, parseTranscript, TranscriptParseError, type TranscriptFormat } from './transcript-parser.js';

/** The part of a multer file the import reads (multer's memory storage, bounded by `MINA_IMPORT_MAX_BYTES`). */
export interface UploadedTranscript {
  originalname: string;
  buffer: Buffer;
}

export interface ImportResult extends SessionView {
  format: TranscriptFormat;
  segments: number;
}

/**
 * `POST /api/sessions/import`: a transcript made elsewhere becomes a session (`source: "import"`)
 * with those segments, finalized through the one finalize path, so the normal pipeline refines,
 * measures, extracts tasks and summarizes it.
 */
@Injectable()
export class TranscriptImportService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly repo: SessionsRepository,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async import(tenant: TenantContext, file: UploadedTranscript | undefined, dto: ImportTranscriptDto): Promise<ImportResult> {
    if (!file) throw new MinaException('VALIDATION_FAILED', 'send the transcript as multipart/form-data in the field "file"');
    // Form fields skip the JSON door's check (multer parses them later): the same rule, here.
    assertSafeJson({ ...dto, filename: file.originalname }, 4, 'form');
    const text = decodeUtf8(file.buffer);
    let format: TranscriptFormat;
    let segments;
    try {
      format = detectFormat(file.originalname, text);
      segments = parseTranscript(format, text, {
        maxSegments: this.config.importMaxSegments,
        maxSegmentChars: 10_000,
        maxDurationMs: this.config.importMaxDurationMs,
      });
    } catch (err) {
      if (err instanceof TranscriptParseError)
        throw new MinaException('TRANSCRIPT_INVALID', `${file.originalname || 'the file'}: ${err.message}`, err.line > 0 ? { line: err.line } : undefined);
      throw err;
    }
    const meeting = dto.meetingId ? await this.repo.findMeeting(tenant.workspaceId, dto.meetingId) : undefined;
    if (dto.meetingId && !meeting) throw new MinaException('VALIDATION_FAILED', 'meetingId names no meeting of this workspace');
    const title = dto.title?.trim() || file.originalname.replace(/\.[^.]+$/, '').slice(0, 300) || 'Imported transcript';
    const id = await this.repo.createImported(tenant.workspaceId, tenant.userId, { title, language: dto.language, meeting: meeting ?? undefined }, segments, {
      importedFrom: format,
      importedFile: file.originalname.slice(0, 300),
    });
    await this.sessions.finalizeLoaded(await this.sessions.load(tenant, id), 'import');
    return { ...(await this.sessions.get(tenant, id)), format, segments: segments.length };
  }
}

function decodeUtf8(buffer: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    if (text.includes('\u0000')) throw new MinaException('TRANSCRIPT_INVALID', 'the file contains a NUL character, which no transcript has');
    return text;
  } catch (err) {
    if (err instanceof MinaException) throw err;
    throw new MinaException('TRANSCRIPT_INVALID', 'the file is not UTF-8 text (WebVTT, SRT and JSON are)');
  }
}
