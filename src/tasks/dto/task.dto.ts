import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, Min, MaxLength, ValidateIf } from 'class-validator';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '../entities/task.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTaskDto {
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
  @Matches(DATE, { message: 'dueDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a real calendar date' })
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
  @Max(7 * 24 * 3600 * 1000)
  sourceStartMs?: number;
}

/** Where a task came from (session, meeting, timestamp) is fixed at creation; the rest may change. */
export class UpdateTaskDto extends PartialType(OmitType(CreateTaskDto, ['sessionId', 'meetingId', 'sourceStartMs'] as const)) {}
