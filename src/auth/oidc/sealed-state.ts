import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What a started sign-in must remember until the provider sends the browser back: the state the
 * callback must echo, the nonce the ID token must carry, the PKCE verifier, and the redirect URI
 * the token request must repeat. It rides in the browser's cookie, sealed (AES-256-GCM), so the
 * login endpoint writes nothing server-side for anonymous callers; single use is enforced at the
 * callback (the state is burnt in Redis).
 */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** Epoch milliseconds after which the callback refuses it. */
  expiresAt: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bounds what `open` parses: a real cookie is ~400 characters. */
const MAX_SEALED_LENGTH = 4096;

export class SealedState {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so a sealed cookie and a JWT never share key material.
    this.key = Buffer.from(hkdfSync('sha256', secret, 'mina', 'oidc-pending-sign-in', 32));
  }

  seal(pending: PendingSignIn): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The pending sign-in, or null when the value is missing, forged, tampered with or expired. */
  open(sealed: string | undefined, now = Date.now()): PendingSignIn | null {
    if (!sealed || sealed.length > MAX_SEALED_LENGTH) return null;
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      const value = JSON.parse(json) as Partial<PendingSignIn>;
      const strings = [value.state, value.nonce, value.codeVerifier, value.redirectUri];
      if (!strings.every((s) => typeof s === 'string' && s.length > 0) || typeof value.expiresAt !== 'number') return null;
      if (value.expiresAt <= now) return null;
      return value as PendingSignIn;
    } catch {
      return null;
    }
  }
}
