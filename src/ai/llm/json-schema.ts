/** The JSON Schema subset our structured outputs use (OpenAI strict mode: every property required, no extras). */
export type JsonSchema =
  | { type: 'object'; properties: Record<string, JsonSchema>; required: string[]; additionalProperties: false; description?: string }
  | { type: 'array'; items: JsonSchema; description?: string }
  | { type: 'string' | ['string', 'null']; enum?: readonly (string | null)[]; description?: string }
  | { type: 'number' | 'integer' | ['number', 'null'] | ['integer', 'null']; description?: string }
  | { type: 'boolean'; description?: string };

const typeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const accepts = (declared: string, actual: string) => declared === actual || (declared === 'number' && actual === 'integer');

/** Problems with `value` against `schema` (empty when it conforms); the model's output is never trusted blindly. */
export function schemaProblems(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const actual = typeOf(value);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  if (!types.some((t) => accepts(t, actual))) return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  if (actual === 'null') return [];
  if ('enum' in schema && schema.enum && !schema.enum.includes(value as string)) return [`${path}: not one of ${schema.enum.join(', ')}`];
  if (schema.type === 'array') {
    return (value as unknown[]).flatMap((item, i) => schemaProblems(schema.items, item, `${path}[${i}]`));
  }
  if (schema.type === 'object') {
    const record = value as Record<string, unknown>;
    const problems = schema.required.filter((key) => !(key in record)).map((key) => `${path}.${key}: missing`);
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties[key];
      if (!property) problems.push(`${path}.${key}: not allowed`);
      else problems.push(...schemaProblems(property, item, `${path}.${key}`));
    }
    return problems;
  }
  return [];
}

/** Shorthands that keep prompt schemas readable. */
export const s = {
  object: (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    ...(description ? { description } : {}),
  }),
  array: (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, ...(description ? { description } : {}) }),
  string: (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) }),
  nullableString: (description?: string): JsonSchema => ({ type: ['string', 'null'], ...(description ? { description } : {}) }),
  enum: (values: readonly string[], description?: string): JsonSchema => ({ type: 'string', enum: values, ...(description ? { description } : {}) }),
  number: (description?: string): JsonSchema => ({ type: 'number', ...(description ? { description } : {}) }),
  integer: (description?: string): JsonSchema => ({ type: 'integer', ...(description ? { description } : {}) }),
  nullableInteger: (description?: string): JsonSchema => ({ type: ['integer', 'null'], ...(description ? { description } : {}) }),
};
