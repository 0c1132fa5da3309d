import { ApiHideProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { isDeepStrictEqual } from 'node:util';
import { MinaException } from './mina.exception.js';

const READ_ONLY = Symbol('mina:read-only-fields');

/**
 * Fields of the GET representation that a PUT may carry but not change. Stock clients
 * (ra-data-simple-rest's `update`) send back the whole record they read, ids, timestamps and
 * view-only fields included: the validation pipe lets these through (instead of "property …
 * should not exist") and `acceptRepresentation` then drops them, or refuses a change to one.
 */
export function ReadOnlyFields(...keys: string[]): ClassDecorator {
  return (target) => {
    for (const key of keys) {
      Allow()(target.prototype as object, key);
      ApiHideProperty()(target.prototype as object, key);
    }
    Reflect.defineMetadata(READ_ONLY, keys, target);
  };
}

/** The wire form of a value: a Date and its ISO string, or a missing and a null field, are the same value. */
const wire = (value: unknown): unknown => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));

/**
 * Drops the read-only fields a client sent back as they are in `current` (the record's GET
 * representation); a read-only field with another value is a READ_ONLY_FIELD error.
 */
export function acceptRepresentation<T extends object>(dto: T, current: object): T {
  const keys = (Reflect.getMetadata(READ_ONLY, dto.constructor) as string[] | undefined) ?? [];
  const body = dto as Record<string, unknown>;
  for (const key of keys) {
    if (!(key in body) || body[key] === undefined) continue;
    if (!isDeepStrictEqual(wire(body[key]), wire((current as Record<string, unknown>)[key]))) {
      throw new MinaException('READ_ONLY_FIELD', `${key} is read-only and cannot be changed here`, { field: key });
    }
    delete body[key];
  }
  return dto;
}
