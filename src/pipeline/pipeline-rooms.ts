// Socket.IO names live with the socket event map; the pipeline's emitter uses the same ones.
export { sessionRoom, socketIoKey, TRANSCRIPTION_NAMESPACE, workspaceRoom } from '#src/transcription/transcription.events.js';
