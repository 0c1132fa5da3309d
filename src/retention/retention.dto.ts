import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class LegalHoldDto {
  @ApiProperty({ description: 'true places the meeting under legal hold, false releases it' })
  @IsBoolean()
  hold!: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why (a matter, a ticket); kept while the hold lasts and in the audit log' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RetentionPreviewQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'How many sessions to list (the counts cover all of them)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}
