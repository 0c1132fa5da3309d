import { MinaException } from '#src/common/mina.exception.js';

/** What a tus creation's Upload-Metadata may say about a recording (other keys are ignored). */
export interface UploadMetadata {
  filename: string;
  filetype: string | null;
  title: string | null;
  clientId: string | null;
  meetingId: string | null;
  language: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A BCP 47 tag as clients send it: `en`, `pt-BR`, `zh-Hant-TW`. */
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}$/;
const MIME = /^[\w.+-]+\/[\w.+-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

const invalid = (message: string): MinaException => new MinaException('UPLOAD_METADATA_INVALID', message);

function text(raw: Record<string, string | null | undefined>, key: string, max: number, required = false): string | null {
  const value = raw[key];
  if (value === undefined || value === null || value.trim() === '') {
    if (required) throw invalid(`Upload-Metadata must carry ${key}`);
    return null;
  }
  if (CONTROL.test(value)) throw invalid(`Upload-Metadata ${key} contains a control character`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalid(`Upload-Metadata ${key} is longer than ${max} characters`);
  return trimmed;
}

/** Validates the decoded Upload-Metadata of a creation; refuses with UPLOAD_METADATA_INVALID. */
export function parseUploadMetadata(raw: Record<string, string | null | undefined> | undefined): UploadMetadata {
  const meta = raw ?? {};
  const filename = text(meta, 'filename', 255, true)!;
  const filetype = text(meta, 'filetype', 128);
  if (filetype !== null && !MIME.test(filetype)) throw invalid('Upload-Metadata filetype is not a media type (type/subtype)');
  const meetingId = text(meta, 'meetingId', 36);
  if (meetingId !== null && !UUID.test(meetingId)) throw invalid('Upload-Metadata meetingId is not a uuid');
  const language = text(meta, 'language', 16);
  if (language !== null && !LANGUAGE.test(language)) throw invalid('Upload-Metadata language is not a language code such as en or pt-BR');
  return { filename, filetype, title: text(meta, 'title', 300), clientId: text(meta, 'clientId', 200), meetingId, language };
}
