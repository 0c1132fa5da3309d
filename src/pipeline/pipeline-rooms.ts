/** Socket.IO names shared by the transcription gateway and the pipeline's Redis emitter. */
export const TRANSCRIPTION_NAMESPACE = '/transcription';

/** Everyone watching one session (live transcript, pipeline progress). */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/** Dashboards of one workspace (`dashboard_refresh`). */
export const workspaceRoom = (workspaceId: string): string => `workspace:${workspaceId}`;

/** Channel prefix of the Socket.IO Redis adapter and emitter, under Mina's Redis prefix. */
export const socketIoKey = (redisPrefix: string): string => `${redisPrefix}:socket.io`;
