/** Why a backup cannot be used or a restore cannot proceed; the CLI prints the message, verify lists it as a problem. */
export type BackupErrorReason =
  | 'not-found'
  | 'not-completed'
  | 'corrupted'
  | 'wrong-key'
  | 'unsupported-format'
  | 'target-not-empty'
  | 'kind-mismatch'
  | 'verification-failed'
  | 'tool-failed';

export const CORRUPTED = 'backup is corrupted or tampered';
export const WRONG_KEY = 'backup was made with a different key';

export class BackupException extends Error {
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'BackupException';
  }

  static corrupted(detail: string): BackupException {
    return new BackupException('corrupted', `${CORRUPTED}: ${detail}`);
  }

  static wrongKey(expected: string, actual: string): BackupException {
    return new BackupException('wrong-key', `${WRONG_KEY} (its key fingerprint is ${expected}, MINA_BACKUP_KEY's is ${actual})`);
  }
}
