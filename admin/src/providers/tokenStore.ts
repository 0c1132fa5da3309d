export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  /** Lifetime the server granted, in milliseconds, to pace the silent refresh. */
  lifetimeMs: number;
}

const KEY = 'mina.auth';

export const tokenStore = {
  get(): StoredTokens | null {
    try {
      const raw = localStorage.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredTokens>;
      if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null;
      return {
        accessToken: parsed.accessToken,
        refreshToken: parsed.refreshToken,
        expiresAt: Number(parsed.expiresAt) || 0,
        lifetimeMs: Number(parsed.lifetimeMs) || 0,
      };
    } catch {
      return null;
    }
  },
  set(tokens: StoredTokens): void {
    localStorage.setItem(KEY, JSON.stringify(tokens));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
  /** Fires when another tab rotates or clears the tokens. */
  onExternalChange(listener: () => void): () => void {
    const handler = (event: StorageEvent) => {
      if (event.key === KEY || event.key === null) listener();
    };
    window.addEventListener('storage', handler);
    return () => window.removeEventListener('storage', handler);
  },
};
