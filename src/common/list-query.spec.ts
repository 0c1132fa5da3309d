import { describe, expect, it } from 'vitest';
import { contentRange, parseListQuery } from './list-query.js';
import { MinaException } from './mina.exception.js';

const options = { sortable: ['createdAt', 'title'], defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'] };

describe('parseListQuery', () => {
  it('defaults to the first page, newest first, no filter', () => {
    expect(parseListQuery({}, options)).toEqual({ sort: { field: 'createdAt', order: 'DESC' }, range: { start: 0, end: 24 }, filter: {} });
  });

  it('reads react-admin simple-REST parameters', () => {
    const q = parseListQuery({ sort: '["title","asc"]', range: '[10,19]', filter: '{"status":"live","id":["a","b"]}' }, options);
    expect(q).toEqual({ sort: { field: 'title', order: 'ASC' }, range: { start: 10, end: 19 }, filter: { status: 'live', id: ['a', 'b'] } });
  });

  it('treats filter=null like no filter', () => {
    expect(parseListQuery({ filter: 'null' }, options).filter).toEqual({});
  });

  it.each([
    [{ sort: '["password","ASC"]' }, /cannot sort by "password"/],
    [{ sort: '["title","SIDEWAYS"]' }, /ASC or DESC/],
    [{ sort: '"title"' }, /sort must be/],
    [{ sort: '{' }, /sort is not valid JSON/],
    [{ range: '[5,1]' }, /range must be/],
    [{ range: '[-1,3]' }, /range must be/],
    [{ range: '[0,1.5]' }, /range must be/],
    [{ range: '[0,1000]' }, /at most 1000/],
    [{ filter: '[]' }, /filter must be a JSON object/],
    [{ sort: ['a', 'b'] }, /given once/],
  ])('refuses %j', (query, message) => {
    expect(() => parseListQuery(query, options)).toThrow(MinaException);
    expect(() => parseListQuery(query, options)).toThrow(message);
  });
});

describe('contentRange', () => {
  const q = parseListQuery({ range: '[0,24]' }, options);
  it.each([
    [25, 319, 'meetings 0-24/319'],
    [3, 3, 'meetings 0-2/3'],
    [0, 0, 'meetings */0'],
  ])('%i items of %i → %s', (count, total, expected) => {
    expect(contentRange('meetings', q, count, total)).toBe(expected);
  });
});
