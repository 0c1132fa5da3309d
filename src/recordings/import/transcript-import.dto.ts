import { CreateSessionDto } from '#src/sessions/dto/session.dto.js';

/** The form fields beside `file` in `POST /api/sessions/import`: those of a new session (title defaults to the file name). */
export class ImportTranscriptDto extends CreateSessionDto {}
