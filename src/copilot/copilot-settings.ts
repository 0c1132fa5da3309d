import type { MinaConfig } from '#src/config/config.js';

export interface CopilotSettings {
  enabled: boolean;
  intervalMs: number;
  maxChars: number;
  maxItems: number;
}

export const copilotSettings = ({ copilot }: MinaConfig): CopilotSettings => ({
  enabled: copilot.enabled,
  intervalMs: copilot.intervalSeconds * 1000,
  maxChars: copilot.maxChars,
  maxItems: copilot.maxItemsPerSession,
});
