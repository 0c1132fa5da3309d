import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { SameKeys } from '@mina/contract/inputs';
import { WEBHOOK_EVENT_TYPES, type WebhookInput } from '@mina/contract/webhooks';

/** URLs longer than this are refused (WEBHOOK_URL_INVALID). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** Past this the body is refused before parsing; between the two the service answers WEBHOOK_URL_INVALID. */
const MAX_DTO_URL_LENGTH = 16_384;

export class CreateWebhookDto implements WebhookInput {
  @ApiProperty({ example: 'https://example.com/hooks/mina' })
  @IsString()
  @MaxLength(MAX_DTO_URL_LENGTH)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  events!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookDto implements Partial<WebhookInput> {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DTO_URL_LENGTH)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  events?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

// The contract's input, field for field.
const _createWebhookDtoFields: SameKeys<CreateWebhookDto, WebhookInput> = true;
const _updateWebhookDtoFields: SameKeys<UpdateWebhookDto, WebhookInput> = true;
