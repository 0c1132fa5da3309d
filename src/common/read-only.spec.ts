import { describe, expect, it } from 'vitest';
import { MinaException } from './mina.exception.js';
import { acceptRepresentation, ReadOnlyFields } from './read-only.js';

@ReadOnlyFields('id', 'createdAt', 'tags')
class UpdateThing {
  title?: string;
  id?: unknown;
  createdAt?: unknown;
  tags?: unknown;
}

const current = { id: 'a', title: 'Old', createdAt: new Date('2026-03-02T10:00:00.000Z'), tags: ['x', 'y'], note: null };
const dto = (fields: Record<string, unknown>): UpdateThing => Object.assign(new UpdateThing(), fields);

describe('acceptRepresentation', () => {
  it.each([
    [{ title: 'New' }],
    [{ title: 'New', id: 'a' }],
    [{ title: 'New', createdAt: '2026-03-02T10:00:00.000Z' }],
    [{ title: 'New', tags: ['x', 'y'] }],
  ])('drops read-only fields sent back unchanged: %j', (fields) => {
    expect({ ...acceptRepresentation(dto(fields), current) }).toEqual({ title: 'New' });
  });

  it.each([
    [{ id: 'b' }, 'id'],
    [{ createdAt: '2020-01-01T00:00:00.000Z' }, 'createdAt'],
    [{ tags: ['y', 'x'] }, 'tags'],
    [{ tags: null }, 'tags'],
  ])('refuses a changed read-only field: %j', (fields, field) => {
    try {
      acceptRepresentation(dto(fields), current);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MinaException);
      expect(error).toMatchObject({ code: 'READ_ONLY_FIELD', status: 400, details: { field } });
    }
  });
});
