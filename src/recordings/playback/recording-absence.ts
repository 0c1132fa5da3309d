import { MinaException } from '#src/common/mina.exception.js';
import type { SessionSource, SessionStatus } from '#src/sessions/entities/session.entity.js';

/**
 * Why a session of the caller's workspace has no recording to play, said plainly: 409
 * RECORDING_NOT_READY while one is on its way (an upload arriving or waiting to be decoded, a live
 * session still running), 404 RECORDING_NOT_FOUND when there is none to wait for. Details carry
 * the session's status and source so the console can say the same.
 */
export function whyNoRecording(session: { status: SessionStatus; source: SessionSource }): MinaException {
  const details = { sessionStatus: session.status, source: session.source };
  if (session.source === 'import') {
    return new MinaException('RECORDING_NOT_FOUND', 'This session was imported from a transcript file: it has no audio', { ...details, reason: 'IMPORTED_TRANSCRIPT' });
  }
  switch (session.status) {
    case 'uploading':
      return new MinaException('RECORDING_NOT_READY', 'The upload is still arriving: the recording can be played once it is received and decoded', { ...details, reason: 'UPLOADING' });
    case 'queued':
      return new MinaException('RECORDING_NOT_READY', 'The upload was received and waits to be decoded: the recording can be played once it is stored', { ...details, reason: 'QUEUED' });
    case 'pending':
    case 'recording':
      return new MinaException('RECORDING_NOT_READY', 'The session is still live: no recording is stored before it ends', { ...details, reason: 'LIVE' });
    case 'error':
      if (session.source === 'upload') {
        return new MinaException('RECORDING_NOT_FOUND', 'The upload could not be stored as audio (the session ended in error)', { ...details, reason: 'UPLOAD_FAILED' });
      }
      return new MinaException('RECORDING_NOT_FOUND', 'No audio was kept for this session', { ...details, reason: 'NOT_KEPT' });
    case 'transcribing':
    case 'processing':
    case 'completed':
      return new MinaException('RECORDING_NOT_FOUND', 'No audio was kept for this session', { ...details, reason: 'NOT_KEPT' });
  }
}

/** A recording the workspace's retention deleted: gone on purpose, and said so with when and why. */
export function deletedRecording(recording: { deletedAt?: Date | null; deletedReason?: string | null }): MinaException {
  const when = recording.deletedAt ? recording.deletedAt.toISOString().slice(0, 10) : 'an earlier date';
  const why = recording.deletedReason === 'workspace_setting' ? 'the workspace keeps no audio once it is transcribed' : "the workspace's retention policy";
  return new MinaException('RECORDING_DELETED', `This session's audio was deleted on ${when} by ${why}; its transcript and insights remain`, {
    deletedAt: recording.deletedAt?.toISOString() ?? null,
    reason: recording.deletedReason ?? 'retention',
  });
}

/** A live session that ended: its archived parts are being put together into the recording. */
export function recordingBeingKept(session: { status: SessionStatus; source: SessionSource }): MinaException {
  return new MinaException('RECORDING_NOT_READY', "The session's audio is being assembled into its recording: it can be played in a moment", {
    sessionStatus: session.status,
    source: session.source,
    reason: 'KEEPING',
  });
}
