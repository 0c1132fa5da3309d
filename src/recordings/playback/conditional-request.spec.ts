import { describe, expect, it } from 'vitest';
import { isNotModified, rangeStillApplies, type ConditionalHeaders } from './conditional-request.js';

const v = { etag: '"abc-1"', lastModified: new Date('2030-01-01T10:00:00.700Z') };
const at = (iso: string) => new Date(iso).toUTCString();

describe('isNotModified', () => {
  it.each<[string, ConditionalHeaders, boolean]>([
    ['no condition', {}, false],
    ['the same tag', { ifNoneMatch: '"abc-1"' }, true],
    ['the same tag, weak', { ifNoneMatch: 'W/"abc-1"' }, true],
    ['the tag in a list', { ifNoneMatch: '"x", "abc-1"' }, true],
    ['any tag', { ifNoneMatch: '*' }, true],
    ['another tag', { ifNoneMatch: '"abc-2"' }, false],
    ['another tag wins over a current date', { ifNoneMatch: '"abc-2"', ifModifiedSince: at('2030-01-02T00:00:00Z') }, false],
    ['the same second', { ifModifiedSince: at('2030-01-01T10:00:00Z') }, true],
    ['a later date', { ifModifiedSince: at('2030-01-01T11:00:00Z') }, true],
    ['an earlier second', { ifModifiedSince: at('2030-01-01T09:59:59Z') }, false],
    ['a date that is not one', { ifModifiedSince: 'yesterday' }, false],
  ])('%s', (_name, headers, expected) => {
    expect(isNotModified(headers, v)).toBe(expected);
  });
});

describe('rangeStillApplies', () => {
  it.each<[string, ConditionalHeaders, boolean]>([
    ['no If-Range', {}, true],
    ['the same strong tag', { ifRange: '"abc-1"' }, true],
    ['a weak tag, never', { ifRange: 'W/"abc-1"' }, false],
    ['another tag', { ifRange: '"abc-0"' }, false],
    ['the exact date', { ifRange: at('2030-01-01T10:00:00Z') }, true],
    ['another date', { ifRange: at('2030-01-01T09:00:00Z') }, false],
    ['garbage', { ifRange: 'soon' }, false],
  ])('%s', (_name, headers, expected) => {
    expect(rangeStillApplies(headers, v)).toBe(expected);
  });
});
