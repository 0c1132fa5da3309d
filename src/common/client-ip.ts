/** The client's address as Express sees it (`req.ip`, which honours TRUST_PROXY), else the socket's. */
export const clientIp = (req: { ip?: string; socket?: { remoteAddress?: string } }): string => req.ip ?? req.socket?.remoteAddress ?? 'unknown';
