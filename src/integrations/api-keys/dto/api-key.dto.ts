import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsStrictDate } from '#src/common/strict-date.js';
import { API_KEY_SCOPES, type ApiKeyScope, type CreateApiKeyInput } from '@mina/contract/api-keys';
import type { SameKeys } from '@mina/contract/inputs';

export const API_KEY_NAME_MAX = 100;

export class CreateApiKeyDto implements CreateApiKeyInput {
  @ApiProperty({ maxLength: API_KEY_NAME_MAX, example: 'CI export script' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(API_KEY_NAME_MAX)
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({ example: '2027-06-30T00:00:00Z', nullable: true, description: 'Omitted: the longest life allowed (MINA_API_KEY_MAX_DAYS)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsStrictDate()
  expiresAt?: string | null;
}
// The contract's input, field for field.
const _createApiKeyDtoFields: SameKeys<CreateApiKeyDto, CreateApiKeyInput> = true;
