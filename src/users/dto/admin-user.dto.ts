import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReadOnlyFields } from '#src/common/read-only.js';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { CreateUserInput, SameKeys } from '@mina/contract/inputs';

export class CreateUserDto implements CreateUserInput {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isInstanceAdmin?: boolean;
}
// The contract's input, field for field (the console sends exactly CREATE_FIELDS).
const _createUserDtoFields: SameKeys<CreateUserDto, CreateUserInput> = true;

@ReadOnlyFields('id', 'email', 'lastLoginAt', 'createdAt')
export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isInstanceAdmin?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;
}
