/** The JSON Schema subset structured outputs use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
}

const FORMATS: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
  email: 'someone@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com',
};

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const [, bucket, name] = /^#\/(\$defs|definitions)\/(.+)$/.exec(schema.$ref) ?? [];
  const target =
    bucket && name ? root[bucket as '$defs' | 'definitions']?.[name] : schema.$ref === '#' ? root : undefined;
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return resolve(target, root);
}

function types(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** A minimal instance valid for the schema: required properties only, one item per array. */
export function generateInstance(schema: JsonSchema, root: JsonSchema = schema, name = 'value'): unknown {
  const s = resolve(schema, root);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const union = s.anyOf ?? s.oneOf;
  if (union) {
    const pick = union.find((o) => !types(resolve(o, root)).every((t) => t === 'null')) ?? union[0];
    return generateInstance(pick, root, name);
  }
  if (s.allOf?.[0]) return generateInstance(s.allOf[0], root, name);
  const type = types(s).find((t) => t !== 'null') ?? (s.properties ? 'object' : types(s)[0]);
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (s.required ?? []).map((key) => [key, generateInstance(s.properties?.[key] ?? {}, root, key)]),
      );
    case 'array': {
      const count = Math.min(Math.max(1, s.minItems ?? 0), s.maxItems ?? Infinity);
      return Array.from({ length: count }, () => generateInstance(s.items ?? {}, root, name));
    }
    case 'string': {
      const base = (s.format && FORMATS[s.format]) ?? name;
      return base.padEnd(s.minLength ?? 0, 'x').slice(0, s.maxLength ?? Infinity);
    }
    case 'integer':
    case 'number': {
      let n = s.minimum ?? (s.exclusiveMinimum !== undefined ? Math.floor(s.exclusiveMinimum) + 1 : 0);
      if (s.maximum !== undefined && n > s.maximum) n = s.maximum;
      if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) n = Math.ceil(s.exclusiveMaximum) - 1;
      return n;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

/** Errors of `value` against `schema`, each as "path: problem"; empty when valid. */
export function validate(
  schema: JsonSchema,
  value: unknown,
  root: JsonSchema = schema,
  path = '$',
): string[] {
  const s = resolve(schema, root);
  const errors: string[] = [];
  const t = types(s);
  if (t.length && !t.some((type) => hasType(value, type)))
    return [`${path}: expected ${t.join('|')}, got ${typeOf(value)}`];
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value))
    errors.push(`${path}: not the const`);
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${path}: not in enum`);
  if (s.anyOf && !s.anyOf.some((o) => validate(o, value, root, path).length === 0))
    errors.push(`${path}: matches no anyOf`);
  if (s.oneOf && s.oneOf.filter((o) => validate(o, value, root, path).length === 0).length !== 1) {
    errors.push(`${path}: must match exactly one oneOf`);
  }
  for (const sub of s.allOf ?? []) errors.push(...validate(sub, value, root, path));
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${path}: missing required "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      const prop = s.properties?.[key];
      if (prop) errors.push(...validate(prop, v, root, `${path}.${key}`));
      else if (s.additionalProperties === false) errors.push(`${path}: unexpected property "${key}"`);
      else if (typeof s.additionalProperties === 'object') {
        errors.push(...validate(s.additionalProperties, v, root, `${path}.${key}`));
      }
    }
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      errors.push(`${path}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems)
      errors.push(`${path}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((v, i) => errors.push(...validate(s.items!, v, root, `${path}[${i}]`)));
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength)
      errors.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength)
      errors.push(`${path}: longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern, 'u').test(value))
      errors.push(`${path}: does not match ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      errors.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
      errors.push(`${path}: not below ${s.exclusiveMaximum}`);
  }
  return errors;
}

/** Valid JSON that breaks the schema the way models do: a required field gone, else the wrong type. */
export function violate(schema: JsonSchema, instance: unknown): unknown {
  const s = resolve(schema, schema);
  if (typeOf(instance) === 'object' && s.required?.length) {
    const { [s.required[0]]: _dropped, ...rest } = instance as Record<string, unknown>;
    return rest;
  }
  return types(s).includes('string') ? 42 : 'not what the schema asked for';
}

/**
 * What the real API refuses in a strict schema: objects must list every property as
 * required and set additionalProperties to false; the root must be an object.
 */
export function strictSchemaProblems(schema: JsonSchema): string[] {
  const problems: string[] = [];
  if (!types(schema).includes('object') && !schema.anyOf)
    problems.push('schema must be a JSON Schema of \'type: "object"\'');
  const seen = new Set<JsonSchema>();
  const walk = (s: JsonSchema, path: string): void => {
    if (seen.has(s)) return;
    seen.add(s);
    if (types(s).includes('object') || s.properties) {
      if (s.additionalProperties !== false) {
        problems.push(
          `In context=${path}, 'additionalProperties' is required to be supplied and to be false.`,
        );
      }
      const missing = Object.keys(s.properties ?? {}).filter((k) => !(s.required ?? []).includes(k));
      if (missing.length) {
        problems.push(
          `In context=${path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`,
        );
      }
    }
    for (const [k, p] of Object.entries(s.properties ?? {})) walk(p, `${path}, 'properties', '${k}'`);
    if (s.items) walk(s.items, `${path}, 'items'`);
    for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
      walk(sub, `${path}, 'anyOf'`);
    for (const [k, d] of Object.entries({ ...s.$defs, ...s.definitions })) walk(d, `('$defs', '${k}')`);
  };
  walk(schema, '()');
  return problems;
}
