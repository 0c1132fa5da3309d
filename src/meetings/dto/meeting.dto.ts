import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { QUOTA_CEILING } from '#src/config/config.js';
import { ReadOnlyFields } from '#src/common/read-only.js';
import { IsStrictDate } from '#src/common/strict-date.js';
import { MEETING_STATUSES, type MeetingStatus } from '../entities/meeting.entity.js';
import { PARTICIPANT_ROLES, PARTICIPANT_STATUSES, type ParticipantRole, type ParticipantStatus } from '../entities/participant.entity.js';
import type { CreateMeetingInput, SameKeys } from '@mina/contract/inputs';

/** A participant as a meeting's GET shows it: the user's name and email come along but belong to the user. */
@ReadOnlyFields('name', 'email')
export class ParticipantDto {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES })
  @IsOptional()
  @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;

  @ApiPropertyOptional({ enum: PARTICIPANT_STATUSES })
  @IsOptional()
  @IsIn(PARTICIPANT_STATUSES)
  status?: ParticipantStatus;
}

export class CreateMeetingDto implements CreateMeetingInput {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsStrictDate()
  scheduledStart?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsStrictDate()
  scheduledEnd?: string | null;

  @ApiPropertyOptional({ type: [ParticipantDto] })
  @IsOptional()
  @IsArray()
  // The configurable quota (MINA_MAX_MEETING_PARTICIPANTS) is checked by the service; this is its ceiling.
  @ArrayMaxSize(QUOTA_CEILING)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  @ApiPropertyOptional({ nullable: true, maxLength: 64, description: 'A template id (GET /api/templates); null follows the workspace default' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  templateId?: string | null;
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _createMeetingDtoFields: SameKeys<CreateMeetingDto, CreateMeetingInput> = true;

/** Every field of a meeting may change; what is left out stays as it is. */
@ReadOnlyFields('id', 'organizerId', 'sessionId', 'createdAt', 'updatedAt', 'legalHold', 'legalHoldReason', 'legalHoldAt', 'legalHoldBy')
export class UpdateMeetingDto extends PartialType(CreateMeetingDto) {}
