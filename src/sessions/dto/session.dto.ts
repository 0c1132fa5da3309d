import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ReadOnlyFields } from '#src/common/read-only.js';
import { MARKER_TYPES, type MarkerType } from '../entities/marker.entity.js';
import type { CreateSessionInput, SameKeys } from '@mina/contract/inputs';

export class CreateSessionDto implements CreateSessionInput {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _createSessionDtoFields: SameKeys<CreateSessionDto, CreateSessionInput> = true;

export class RenameSpeakersDto {
  @ApiProperty({ example: { A: 'Alice', B: 'Bob' }, description: 'diarization label → display name (each at most 100 characters); empty string removes a name. A session keeps at most MINA_MAX_SPEAKERS_PER_SESSION names (QUOTA_EXCEEDED past it)' })
  @IsObject()
  speakers!: Record<string, string>;
}

export class CreateMarkerDto {
  @ApiProperty()
  @IsUUID()
  sessionId!: string;

  @ApiProperty({ enum: MARKER_TYPES })
  @IsIn(MARKER_TYPES)
  type!: MarkerType;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  content!: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600 * 1000)
  atMs!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  speaker?: string;
}

@ReadOnlyFields('id', 'sessionId', 'userId', 'atMs', 'speaker', 'createdAt')
export class UpdateMarkerDto {
  @ApiPropertyOptional({ enum: MARKER_TYPES })
  @IsOptional()
  @IsIn(MARKER_TYPES)
  type?: MarkerType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  content?: string;
}
