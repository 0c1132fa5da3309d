/**
 * Which browser origins may talk to Mina, for HTTP (CORS headers) and the Socket.IO handshake alike.
 * A request without an Origin header is not a cross-site browser request (curl, server-to-server,
 * a same-origin GET) and is allowed; the page's own origin always is; others only when listed in
 * CORS_ORIGINS. Sockets need the refusal done by us: browsers apply no CORS to a websocket upgrade.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  if (allowed.includes(origin)) return true;
  if (!host) return false;
  try {
    // The browser writes the scheme; a proxy in front may terminate TLS, so only the authority is compared.
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
