import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WINDOWS, type SloWindow } from '../slo.definitions.js';

export class WindowQuery {
  @ApiPropertyOptional({
    enum: Object.keys(WINDOWS),
    default: '24h',
    description: 'How far back to look; the series step is 1 min, 10 min or 1 h',
  })
  @IsOptional()
  @IsIn(Object.keys(WINDOWS))
  window: SloWindow = '24h';
}
