import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { API_KEY_SCOPES, type ApiKeyScope } from '#src/auth/api-key-grant.js';
import { IsStrictDate } from '#src/common/strict-date.js';

export const API_KEY_NAME_MAX = 100;

export class CreateApiKeyDto {
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

export interface CreatedApiKeyView {
  id: string;
  /** The key itself: shown in this answer only, never again. */
  key: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  workspaceId: string;
  expiresAt: Date | null;
}

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  workspace: { id: string; name: string };
  /** `mina_` and the key's public lookup part: what the key starts with. */
  prefix: string;
  /** The key's last characters, to tell keys apart. */
  lastChars: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}
