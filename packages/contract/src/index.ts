export * from './errors.js';
export * from './inputs.js';
export * from './pipeline.js';
export * from './records.js';
export * from './roles.js';
export * from './socket.js';
export * from './views.js';
export * from './webhooks.js';
