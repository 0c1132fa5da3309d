import { describe, expect, it } from 'vitest';
import { contentRange, parseListQuery } from './list-query.js';
import { MinaException } from './mina.exception.js';

const options = { sortable: ['createdAt', 'title'], defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'] };

describe('parseListQuery', () => {
  it('defaults to the first page, newest first, no filter', () => {
    expect(parseListQuery({}, options)).toEqual({ sort: { field: 'createdAt', order: 'DESC' }, range: { start: 0, end: 24 }, filter: {} });
  });

  it('reads react-admin simple-REST parameters', () => {
    const ids = ['0b7c5a3e-7f1e-4c56-9d2a-1f6f0e4b8a11', '5d0e2c1a-3b4f-4a6e-8c7d-9e0f1a2b3c4d'];
    const q = parseListQuery({ sort: '["title","asc"]', range: '[10,19]', filter: JSON.stringify({ status: 'live', id: ids }) }, options);
    expect(q).toEqual({ sort: { field: 'title', order: 'ASC' }, range: { start: 10, end: 19 }, filter: { status: 'live', id: ids } });
  });

  it('takes UUIDs (or null) for id filters, and text where the resource says so', () => {
    const id = '0b7c5a3e-7f1e-4c56-9d2a-1f6f0e4b8a11';
    expect(parseListQuery({ filter: JSON.stringify({ id: [id], meetingId: id, userId: null }) }, options).filter).toEqual({ id: [id], meetingId: id, userId: null });
    expect(parseListQuery({ filter: '{"jobId":"repeat:1"}' }, { ...options, textIds: ['jobId'] }).filter).toEqual({ jobId: 'repeat:1' });
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
    [{ range: '[1e20,1e20]' }, /range must be/],
    [{ range: '[9007199254740992,9007199254740992]' }, /range must be/],
    [{ filter: '{"id":["nope"]}' }, /filter.id must be a UUID/],
    [{ filter: '{"meetingId":"1"}' }, /filter.meetingId must be a UUID/],
    [{ filter: '{"sessionId":[1]}' }, /filter.sessionId must be a UUID/],
    [{ filter: '{"q":"a\\u0000b"}' }, /NUL/],
    [{ filter: `${'{"a":'.repeat(40)}1${'}'.repeat(40)}` }, /nested deeper than 32/],
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
