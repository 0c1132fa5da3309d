import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ReadOnlyFields } from '#src/common/read-only.js';
import { WORKSPACE_ROLES, type WorkspaceRole } from '../entities/membership.entity.js';
import { SETTINGS_OPENAPI, type SettingsPatch } from '../workspace-settings.js';
import type { AddMemberInput, CreateWorkspaceInput, SameKeys } from '@mina/contract/inputs';

export class CreateWorkspaceDto implements CreateWorkspaceInput {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$' })
  @IsOptional()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug?: string;
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _createWorkspaceDtoFields: SameKeys<CreateWorkspaceDto, CreateWorkspaceInput> = true;

@ReadOnlyFields('id', 'slug', 'role', 'createdAt')
export class UpdateWorkspaceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** Checked against the settings schema by the service, which answers UNKNOWN_SETTING with the key. */
  @ApiPropertyOptional(SETTINGS_OPENAPI)
  @IsOptional()
  @IsObject()
  settings?: SettingsPatch;
}

export class AddMemberDto implements AddMemberInput {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role!: WorkspaceRole;
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _addMemberDtoFields: SameKeys<AddMemberDto, AddMemberInput> = true;

/** An invitation: by email, whether or not it has an account yet. */
export class InviteDto extends AddMemberDto {}

@ReadOnlyFields('id', 'userId', 'email', 'name', 'createdAt')
export class UpdateMemberDto {
  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role!: WorkspaceRole;
}
