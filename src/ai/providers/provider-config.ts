import type { AiProviderKind } from '@mina/contract/ai-providers';

/** What an LLM provider may be limited to (`roles`): the purposes LLM calls are made for. */
export const LLM_PURPOSES = [
  'refinement',
  'tasks',
  'summary',
  'topics',
  'ask',
  'copilot',
  'translation',
] as const;
export type LlmPurpose = (typeof LLM_PURPOSES)[number];

/** One OpenAI-compatible endpoint of a chain (MINA_LLM_PROVIDERS, MINA_ASR_PROVIDERS). */
export interface AiProviderConfig {
  name: string;
  /** Undefined: the SDK's default (api.openai.com). */
  baseUrl: string | undefined;
  /** Never logged, never shown (SENSITIVE_KEYS). */
  apiKey: string | undefined;
  model: string;
  /** Purposes it may serve; empty = all. LLM only. */
  roles: string[];
}

export const PROVIDER_CHAIN_ENV: Record<AiProviderKind, string> = {
  llm: 'MINA_LLM_PROVIDERS',
  asr: 'MINA_ASR_PROVIDERS',
};

/** The single-endpoint chain's one provider. */
export const DEFAULT_PROVIDER_NAME = 'default';

const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/i;
const FIELDS = new Set(['name', 'baseUrl', 'apiKey', 'apiKeyEnv', 'model', 'roles']);
const MAX_PROVIDERS = 16;

type Env = Record<string, string | undefined>;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** An http(s) URL without credentials (they would end up in the admin view). */
function baseUrlProblem(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) return 'must use http: or https:';
  if (parsed.username || parsed.password) return 'must not carry credentials (use apiKey or apiKeyEnv)';
  return undefined;
}

/**
 * Parses a chain: a JSON array of `{ name, baseUrl, apiKey? | apiKeyEnv?, model, roles? }`. Every
 * problem is pushed (prefixed with the variable's name and the entry), never a key's value.
 */
export function parseProviderChain(
  kind: AiProviderKind,
  raw: string,
  env: Env,
  problems: string[],
): AiProviderConfig[] {
  const variable = PROVIDER_CHAIN_ENV[kind];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(
      `${variable} must be a JSON array of providers ({ name, baseUrl, apiKey or apiKeyEnv, model, roles })`,
    );
    return [];
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    problems.push(`${variable} must be a non-empty JSON array of providers`);
    return [];
  }
  if (parsed.length > MAX_PROVIDERS) {
    problems.push(`${variable} has ${parsed.length} providers; at most ${MAX_PROVIDERS}`);
    return [];
  }
  const chain: AiProviderConfig[] = [];
  const seen = new Set<string>();
  parsed.forEach((item: unknown, index) => {
    const where = `${variable}[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${where} must be an object`);
      return;
    }
    const entry = item as Record<string, unknown>;
    const before = problems.length;
    const unknown = Object.keys(entry).filter((key) => !FIELDS.has(key));
    if (unknown.length > 0) problems.push(`${where} has unknown fields: ${unknown.join(', ')}`);
    const name = entry.name;
    if (typeof name !== 'string' || !NAME.test(name))
      problems.push(`${where}.name must be 1–40 letters, digits, '.', '_' or '-'`);
    else if (seen.has(name.toLowerCase())) problems.push(`${where}.name "${name}" is used twice`);
    else seen.add(name.toLowerCase());
    const label = typeof name === 'string' && NAME.test(name) ? `${variable} "${name}"` : where;
    if (!isText(entry.baseUrl))
      problems.push(`${label}: baseUrl is required (e.g. https://api.openai.com/v1)`);
    else {
      const problem = baseUrlProblem(entry.baseUrl.trim());
      if (problem) problems.push(`${label}: baseUrl ${problem}`);
    }
    if (!isText(entry.model) || entry.model.length > 100)
      problems.push(`${label}: model is required (at most 100 characters)`);
    let apiKey: string | undefined;
    if (entry.apiKey !== undefined && entry.apiKeyEnv !== undefined)
      problems.push(`${label}: give apiKey or apiKeyEnv, not both`);
    else if (entry.apiKey !== undefined) {
      if (!isText(entry.apiKey)) problems.push(`${label}: apiKey must be a non-empty string`);
      else apiKey = entry.apiKey.trim();
    } else if (entry.apiKeyEnv !== undefined) {
      if (!isText(entry.apiKeyEnv)) problems.push(`${label}: apiKeyEnv must name an environment variable`);
      else if (!isText(env[entry.apiKeyEnv]))
        problems.push(`${label}: apiKeyEnv names ${entry.apiKeyEnv}, which is unset or empty`);
      else apiKey = env[entry.apiKeyEnv]!.trim();
    }
    let roles: string[] = [];
    if (entry.roles !== undefined) {
      if (kind === 'asr') problems.push(`${label}: roles apply to LLM providers only`);
      else if (!Array.isArray(entry.roles) || !entry.roles.every((r): r is string => typeof r === 'string'))
        problems.push(`${label}: roles must be an array of purposes`);
      else {
        const unknownRoles = entry.roles.filter((r) => !(LLM_PURPOSES as readonly string[]).includes(r));
        if (unknownRoles.length > 0)
          problems.push(
            `${label}: unknown roles ${unknownRoles.map((r) => JSON.stringify(r)).join(', ')} (known: ${LLM_PURPOSES.join(', ')})`,
          );
        roles = [...new Set(entry.roles)];
      }
    }
    if (problems.length > before) return;
    chain.push({
      name: name as string,
      baseUrl: (entry.baseUrl as string).trim().replace(/\/+$/, ''),
      apiKey,
      model: (entry.model as string).trim(),
      roles,
    });
  });
  return problems.length > 0 ? [] : chain;
}

/**
 * Both chains. Unset variables keep the single-endpoint settings as a one-element chain named
 * `default`: the LLM when OPENAI_API_KEY is set, the ASR when OPENAI_API_KEY or OPENAI_BASE_URL is.
 */
export function providerChains(
  env: Env,
  single: { apiKey: string | undefined; baseUrl: string | undefined; llmModel: string; asrModel: string },
  problems: string[],
): Record<AiProviderKind, AiProviderConfig[]> {
  const chain = (kind: AiProviderKind, model: string, configured: boolean): AiProviderConfig[] => {
    const raw = env[PROVIDER_CHAIN_ENV[kind]];
    if (raw !== undefined && raw.trim() !== '') return parseProviderChain(kind, raw, env, problems);
    return configured
      ? [{ name: DEFAULT_PROVIDER_NAME, baseUrl: single.baseUrl, apiKey: single.apiKey, model, roles: [] }]
      : [];
  };
  return {
    llm: chain('llm', single.llmModel, single.apiKey !== undefined),
    asr: chain('asr', single.asrModel, single.apiKey !== undefined || single.baseUrl !== undefined),
  };
}

/** Whether a provider limited to `roles` may serve `purpose`. */
export const servesPurpose = (roles: readonly string[], purpose: string): boolean =>
  roles.length === 0 || roles.includes(purpose);
