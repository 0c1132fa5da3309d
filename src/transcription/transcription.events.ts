/*
 * The /transcription socket: its event map and names are the contract's (packages/contract);
 * the rooms and the adapter's channel are the server's own.
 */
export * from '@mina/contract/socket';

/** Everyone watching one session (live transcript, pipeline progress). */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/** Every socket of a workspace; dashboards refresh on `dashboard_refresh` sent here. */
export const workspaceRoom = (workspaceId: string): string => `workspace:${workspaceId}`;

/** Every socket of one user, and of one user in one workspace: where revoked access is cut off. */
export const userRoom = (userId: string): string => `user:${userId}`;
export const memberRoom = (workspaceId: string, userId: string): string => `member:${workspaceId}:${userId}`;
/** Every socket opened with one API key: cut off when the key is revoked. */
export const apiKeyRoom = (keyId: string): string => `api-key:${keyId}`;

/** Channel prefix of the Socket.IO Redis adapter and emitter, under Mina's Redis prefix. */
export const socketIoKey = (redisPrefix: string): string => `${redisPrefix}:socket.io`;
