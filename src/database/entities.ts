import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { Membership } from '../workspaces/entities/membership.entity.js';
import { Invitation } from '../workspaces/entities/invitation.entity.js';
import { Meeting } from '../meetings/entities/meeting.entity.js';
import { Participant } from '../meetings/entities/participant.entity.js';
import { TranscriptionSession } from '../sessions/entities/session.entity.js';
import { Segment } from '../sessions/entities/segment.entity.js';
import { Marker } from '../sessions/entities/marker.entity.js';
import { Task } from '../tasks/entities/task.entity.js';
import { Analytics } from '../analytics/entities/analytics.entity.js';
import { Summary } from '../pipeline/entities/summary.entity.js';
import { RefreshToken } from '../auth/entities/refresh-token.entity.js';
import { AuditLog } from '../audit/entities/audit-log.entity.js';
import { PipelineStage } from '../pipeline/entities/pipeline-stage.entity.js';
import { DeadLetter } from '../jobs/dead-letters/dead-letter.entity.js';
import { TokenUsage } from '../ai/entities/token-usage.entity.js';
import { Recording } from '../recordings/entities/recording.entity.js';
import { Upload } from '../recordings/uploads/entities/upload.entity.js';
import { RecordingPart } from '../recordings/entities/recording-part.entity.js';
import { ApiKey } from '../integrations/api-keys/entities/api-key.entity.js';
import { ApiKeyAddress } from '../integrations/api-keys/entities/api-key-address.entity.js';
import { UserIdentity } from '../auth/oidc/entities/user-identity.entity.js';
import { WebhookEndpoint } from '../integrations/webhooks/entities/webhook-endpoint.entity.js';
import { WebhookEvent } from '../integrations/webhooks/entities/webhook-event.entity.js';
import { WebhookDelivery } from '../integrations/webhooks/entities/webhook-delivery.entity.js';
import { AskConversation } from '../ask/entities/ask-conversation.entity.js';
import { AskTurn } from '../ask/entities/ask-turn.entity.js';

/** Every entity Mina stores; the ORM config and the migrations are built from this list. */
export const ENTITIES = [
  User, Workspace, Membership, Invitation, Meeting, Participant, TranscriptionSession, Segment, Marker,
  Task, Analytics, Summary, RefreshToken, AuditLog, PipelineStage, DeadLetter, TokenUsage, Recording,
  Upload,
  RecordingPart,
  ApiKey, ApiKeyAddress,
  UserIdentity,
  WebhookEndpoint, WebhookEvent, WebhookDelivery,
  AskConversation, AskTurn,
];
