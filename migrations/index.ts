import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261120225155 } from './Migration20261120225155_initial.js';
import { Migration20261120230529 } from './Migration20261120230529_pipeline.js';
import { Migration20261121021500 } from './Migration20261121021500_segment_workspace.js';
import { Migration20261121024500 } from './Migration20261121024500_stage_waiting.js';
import { Migration20261207140000 } from './Migration20261207140000_invitations.js';
import { Migration20261207160000 } from './Migration20261207160000_recordings.js';
import { Migration20261207170000 } from './Migration20261207170000_meeting_follows_session.js';
import { Migration20261207180000 } from './Migration20261207180000_session_source.js';
import { Migration20261208090000 } from './Migration20261208090000_recording_playback.js';
import { Migration20261208100000 } from './Migration20261208100000_uploads.js';
import { Migration20261208130000 } from './Migration20261208130000_recording_parts.js';
import { Migration20261209140000 } from './Migration20261209140000_audit_filters.js';
import { Migration20261209110000 } from './Migration20261209110000_webhooks.js';
import { Migration20261208110000 } from './Migration20261208110000_recording_retention.js';
import { Migration20261209100000 } from './Migration20261209100000_api_keys.js';
import { Migration20261209130000 } from './Migration20261209130000_user_identity.js';
import { Migration20261209120000 } from './Migration20261209120000_retention_policies.js';
import { Migration20261210200000 } from './Migration20261210200000_ask.js';

/** Every migration, in order. The migrator writes the files; add each new one here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261120225155', class: Migration20261120225155 },
  { name: 'Migration20261120230529', class: Migration20261120230529 },
  { name: 'Migration20261121021500', class: Migration20261121021500 },
  { name: 'Migration20261121024500', class: Migration20261121024500 },
  { name: 'Migration20261207140000', class: Migration20261207140000 },
  { name: 'Migration20261207160000', class: Migration20261207160000 },
  { name: 'Migration20261207170000', class: Migration20261207170000 },
  { name: 'Migration20261207180000', class: Migration20261207180000 },
  { name: 'Migration20261208090000', class: Migration20261208090000 },
  { name: 'Migration20261208100000', class: Migration20261208100000 },
  { name: 'Migration20261208130000', class: Migration20261208130000 },
  { name: 'Migration20261208110000', class: Migration20261208110000 },
  { name: 'Migration20261209100000', class: Migration20261209100000 },
  { name: 'Migration20261209130000', class: Migration20261209130000 },
  { name: 'Migration20261209120000', class: Migration20261209120000 },
  { name: 'Migration20261209140000', class: Migration20261209140000 },
  { name: 'Migration20261209110000', class: Migration20261209110000 },
  { name: 'Migration20261210200000', class: Migration20261210200000 },
];
