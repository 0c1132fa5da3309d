import { Injectable, type PipeTransform } from '@nestjs/common';
import { MinaException } from './mina.exception.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id can name no record: answer 404 like any other unknown id, not 500 from the database. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Record') {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw new MinaException('NOT_FOUND', `${this.what} not found`);
    return value.toLowerCase();
  }
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
