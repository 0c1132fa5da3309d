import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsStrictDate } from '#src/common/strict-date.js';
import {
  MAX_QUESTION_CHARS,
  MAX_RETRIEVE_LIMIT,
  type AskInput,
  type AskScope,
  type RetrieveInput,
} from '@mina/contract/ask';

/** Longest speaker name a filter may carry (the column holds 100). */
const MAX_SPEAKER_CHARS = 100;

export class AskScopeDto implements AskScope {
  @ApiProperty({ example: 'What did we decide about the battery?' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_QUESTION_CHARS)
  question!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions that started at or after this instant' })
  @IsOptional()
  @IsStrictDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Sessions that started at or before this instant',
  })
  @IsOptional()
  @IsStrictDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Display name or diarization label, case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SPEAKER_CHARS)
  speaker?: string;
}

export class RetrieveDto extends AskScopeDto implements RetrieveInput {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RETRIEVE_LIMIT, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RETRIEVE_LIMIT)
  limit?: number;
}

export class AskDto extends AskScopeDto implements AskInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'Continue this conversation of yours' })
  @IsOptional()
  @IsUUID()
  conversationId?: string;
}
