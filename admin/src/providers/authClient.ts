import { fetchUtils } from 'react-admin';
import { errorMessage, errorStatus, SessionExpiredError } from './errors';
import { tokenStore, type StoredTokens } from './tokenStore';
import { vaultGet, vaultSet } from './tokenVault';

interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * The silent refresh runs `margin` before expiry: a quarter of the token's lifetime, at
 * most a minute. A token with less than half the margin left is refreshed before use.
 */
const MAX_MARGIN_MS = 60_000;
const MAX_TIMER_MS = 2_147_000_000;
const margin = (t: StoredTokens) => Math.min(MAX_MARGIN_MS, t.lifetimeMs / 4);
const freshEnough = (t: StoredTokens) => t.expiresAt - Date.now() > margin(t) / 2;

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<StoredTokens> | null = null;

function toStored(response: TokenResponse): StoredTokens {
  const lifetimeMs = Math.max(1, Number(response.expiresIn) || 0) * 1000;
  return {
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    expiresAt: Date.now() + lifetimeMs,
    lifetimeMs,
  };
}

function scheduleRefresh(tokens: StoredTokens | null): void {
  clearTimeout(refreshTimer);
  if (!tokens) return;
  const delay = Math.min(MAX_TIMER_MS, Math.max(0, tokens.expiresAt - Date.now() - margin(tokens)));
  refreshTimer = setTimeout(() => {
    // A failure here is not fatal: the next request refreshes again or signs the user out.
    refreshSession().catch(() => undefined);
  }, delay);
}

/**
 * Refresh tokens rotate: each one works once, and presenting a used one revokes the whole
 * family. So all callers in this tab share one in-flight rotation, and tabs take turns
 * through a Web Lock, each re-reading the vault first so that it adopts a rotation another
 * tab already did instead of replaying the dead token.
 */
function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks) {
    return navigator.locks.request('mina.auth.refresh', fn);
  }
  return fn();
}

/** The freshest tokens any tab has committed (the vault), else this tab's copy. */
async function latestTokens(): Promise<StoredTokens | null> {
  const local = tokenStore.get();
  if (!local) return null;
  const vaulted = await vaultGet().catch(() => null);
  return vaulted ?? local;
}

async function rotate(seenRefreshToken: string | null): Promise<StoredTokens> {
  const current = await latestTokens();
  if (!current) throw new SessionExpiredError();
  if (current.refreshToken !== seenRefreshToken && freshEnough(current)) {
    tokenStore.set(current);
    scheduleRefresh(current);
    return current;
  }
  let json: TokenResponse;
  try {
    ({ json } = await fetchUtils.fetchJson('/api/auth/refresh', {
      method: 'POST',
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    }));
  } catch (error) {
    const status = errorStatus(error);
    if (status === 401 || status === 403) {
      tokenStore.clear();
      await vaultSet(null).catch(() => undefined);
      scheduleRefresh(null);
      throw new SessionExpiredError(errorMessage(error));
    }
    throw error;
  }
  const next = toStored(json);
  if (!tokenStore.get()) {
    // Signed out while the rotation was on the wire: do not resurrect the session.
    void revoke(next.refreshToken);
    throw new SessionExpiredError();
  }
  // The vault first: the lock is released only after every tab can see the new token.
  await vaultSet(next).catch(() => undefined);
  tokenStore.set(next);
  scheduleRefresh(next);
  return next;
}

export function refreshSession(): Promise<StoredTokens> {
  if (!inFlight) {
    const seen = tokenStore.get()?.refreshToken ?? null;
    inFlight = withRefreshLock(() => rotate(seen)).finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

/** The current access token, refreshed first when it is about to expire; null when signed out. */
export async function getAccessToken(): Promise<string | null> {
  const tokens = tokenStore.get();
  if (!tokens) return null;
  if (freshEnough(tokens)) return tokens.accessToken;
  return (await refreshSession()).accessToken;
}

export function hasSession(): boolean {
  return tokenStore.get() !== null;
}

async function adopt(json: unknown): Promise<void> {
  const tokens = toStored(json as TokenResponse);
  await vaultSet(tokens).catch(() => undefined);
  tokenStore.set(tokens);
  scheduleRefresh(tokens);
}

export async function login(email: string, password: string): Promise<void> {
  const { json } = await fetchUtils.fetchJson('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  await adopt(json);
}

/** Single sign-on's last step: the one-time handoff (an httpOnly cookie) becomes the same tokens. */
export async function loginWithSso(): Promise<void> {
  const { json } = await fetchUtils.fetchJson('/api/auth/oidc/exchange', { method: 'POST' });
  await adopt(json);
}

async function revoke(refreshToken: string): Promise<void> {
  try {
    await fetchUtils.fetchJson('/api/auth/logout', {
      method: 'POST',
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    // Best effort: the token expires on its own.
  }
}

export async function logout(): Promise<void> {
  const tokens = await latestTokens();
  tokenStore.clear();
  scheduleRefresh(null);
  await vaultSet(null).catch(() => undefined);
  if (tokens) await revoke(tokens.refreshToken);
}

/** Call once at start-up: resumes the refresh timer and follows rotations done by other tabs. */
export function startSessionKeeper(onSignedOutElsewhere: () => void): () => void {
  scheduleRefresh(tokenStore.get());
  return tokenStore.onExternalChange(() => {
    const tokens = tokenStore.get();
    scheduleRefresh(tokens);
    if (!tokens) onSignedOutElsewhere();
  });
}
