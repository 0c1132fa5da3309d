import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, Min, MaxLength, ValidateIf } from 'class-validator';
import { ReadOnlyFields } from '#src/common/read-only.js';
import { IsStrictDate } from '#src/common/strict-date.js';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '../entities/task.entity.js';
import type { CreateTaskInput, SameKeys } from '@mina/contract/inputs';

export class CreateTaskDto implements CreateTaskInput {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assignedToId?: string | null;

  @ApiPropertyOptional({ example: '2026-12-01', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsStrictDate('date')
  dueDate?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  dependsOnId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  /** Milliseconds into the session; a week, like a marker's atMs, is past any real meeting. */
  @ApiPropertyOptional({ minimum: 0, maximum: 7 * 24 * 3600 * 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  // The column is a 32-bit integer; a week is far beyond any recording.
  @Max(7 * 24 * 3600 * 1000)
  sourceStartMs?: number;
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _createTaskDtoFields: SameKeys<CreateTaskDto, CreateTaskInput> = true;

/** Where a task came from (session, meeting, timestamp) is fixed at creation; the rest may change. */
@ReadOnlyFields('id', 'assigneeName', 'sessionId', 'meetingId', 'sourceStartMs', 'evidence', 'extracted', 'createdById', 'completedAt', 'createdAt', 'updatedAt')
export class UpdateTaskDto extends PartialType(OmitType(CreateTaskDto, ['sessionId', 'meetingId', 'sourceStartMs'] as const)) {}
