import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed audio URL grants: this user may fetch this session's audio in this workspace until `expires`. */
export interface AudioGrant {
  sessionId: string;
  workspaceId: string;
  userId: string;
}

/**
 * Short-lived signed URLs for `<audio>`, which cannot send a Bearer header: the URL names the
 * session, the workspace, the user it was made for and an expiry, and carries an HMAC-SHA256 of
 * the four under a key derived from the instance's JWT secret. Anything changed, or a URL past
 * its expiry, is refused.
 */
export class AudioUrlSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so a signature made here can never be replayed as anything else.
    this.key = createHmac('sha256', secret).update('mina:audio-url:v2').digest();
  }

  sign(grant: AudioGrant, expiresAt: Date): string {
    return this.mac(grant, Math.floor(expiresAt.getTime() / 1000));
  }

  /** `ok`, or why not: `expired` and `invalid` are both a 403 to the caller; the log tells them apart. */
  verify(grant: AudioGrant, expires: string | undefined, signature: string | undefined, now = new Date()): 'ok' | 'expired' | 'invalid' {
    if (!expires || !/^\d{1,12}$/.test(expires) || !signature || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return 'invalid';
    const expected = Buffer.from(this.mac(grant, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'ok';
  }

  private mac({ sessionId, workspaceId, userId }: AudioGrant, expiresSec: number): string {
    return createHmac('sha256', this.key).update(`${sessionId}\n${workspaceId}\n${userId}\n${expiresSec}`).digest('base64url');
  }
}
