import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ReadOnlyFields } from '#src/common/read-only.js';
import type { SameKeys } from '@mina/contract/inputs';
import type { TemplateInput, TemplateSectionInput } from '@mina/contract/templates';

/** Ceiling on the body; the configurable count (MINA_TEMPLATE_MAX_SECTIONS) is the service's. */
const SECTIONS_CEILING = 50;

/** `key` comes back as GET showed it; keys follow the titles, so it is ignored. */
@ReadOnlyFields('key')
export class TemplateSectionDto implements TemplateSectionInput {
  @ApiProperty({ maxLength: 100, example: 'Went well' })
  @IsString()
  @MaxLength(100)
  title!: string;

  @ApiProperty({ maxLength: 1000, example: 'What the team says went well' })
  @IsString()
  @MaxLength(1000)
  instruction!: string;
}

export class CreateTemplateDto implements TemplateInput {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiProperty({ type: [TemplateSectionDto] })
  @IsArray()
  @ArrayMaxSize(SECTIONS_CEILING)
  @ValidateNested({ each: true })
  @Type(() => TemplateSectionDto)
  sections!: TemplateSectionDto[];
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _createTemplateDtoFields: SameKeys<CreateTemplateDto, TemplateInput> = true;

@ReadOnlyFields('id', 'builtIn', 'isDefault', 'createdAt', 'updatedAt')
export class UpdateTemplateDto implements Partial<TemplateInput> {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ type: [TemplateSectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SECTIONS_CEILING)
  @ValidateNested({ each: true })
  @Type(() => TemplateSectionDto)
  sections?: TemplateSectionDto[];
}
