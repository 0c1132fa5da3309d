import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** `GET /api/uploads/check`: by the client's idempotency key, by content hash, or both (clientId first). */
export class CheckUploadDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId?: string;

  @ApiPropertyOptional({ description: 'sha256 of the file as uploaded, hex' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex digits' })
  sha256?: string;
}
