import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactedConfig } from '#src/config/config.js';
import { parseProviderChain, providerChains, servesPurpose } from './provider-config.js';

const base = {
  NODE_ENV: 'test',
  JWT_SECRET: 'x'.repeat(40),
  MINA_DATA_DIR: '/tmp/mina-provider-config-spec',
};
const single: {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  llmModel: string;
  asrModel: string;
} = { apiKey: undefined, baseUrl: undefined, llmModel: 'gpt-4.1-mini', asrModel: 'gpt-4o-transcribe' };

function parse(kind: 'llm' | 'asr', value: unknown, env: Record<string, string> = {}) {
  const problems: string[] = [];
  const chain = parseProviderChain(
    kind,
    typeof value === 'string' ? value : JSON.stringify(value),
    env,
    problems,
  );
  return { chain, problems };
}

describe('provider chains (MINA_LLM_PROVIDERS, MINA_ASR_PROVIDERS)', () => {
  it('parses an ordered chain with keys inline or from the environment, and role limits', () => {
    const { chain, problems } = parse(
      'llm',
      [
        {
          name: 'openai',
          baseUrl: 'https://api.openai.com/v1/',
          apiKeyEnv: 'OPENAI_KEY_EU',
          model: 'gpt-4.1-mini',
        },
        {
          name: 'azure-eu',
          baseUrl: 'https://eu.example.com/openai/v1',
          apiKey: ' k-2 ',
          model: 'gpt-4.1',
          roles: ['summary', 'tasks', 'summary'],
        },
        { name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
      ],
      { OPENAI_KEY_EU: 'sk-eu' },
    );
    expect(problems).toEqual([]);
    expect(chain).toEqual([
      {
        name: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        apiKey: 'sk-eu',
        model: 'gpt-4.1-mini',
        roles: [],
      },
      {
        name: 'azure-eu',
        baseUrl: 'https://eu.example.com/openai/v1',
        apiKey: 'k-2',
        model: 'gpt-4.1',
        roles: ['summary', 'tasks'],
      },
      {
        name: 'ollama',
        baseUrl: 'http://127.0.0.1:11434/v1',
        apiKey: undefined,
        model: 'llama3.1',
        roles: [],
      },
    ]);
  });

  const ok = { name: 'a', baseUrl: 'https://a.example.com/v1', model: 'm' };
  it.each<[string, 'llm' | 'asr', unknown, RegExp]>([
    ['not JSON', 'llm', '[{name: a}]', /MINA_LLM_PROVIDERS must be a JSON array/],
    ['an object instead of an array', 'llm', ok, /non-empty JSON array/],
    ['an empty array', 'asr', [], /MINA_ASR_PROVIDERS must be a non-empty JSON array/],
    ['an entry that is not an object', 'llm', ['a'], /MINA_LLM_PROVIDERS\[0\] must be an object/],
    ['a duplicate name (any case)', 'llm', [ok, { ...ok, name: 'A' }], /"A" is used twice/],
    ['a bad name', 'llm', [{ ...ok, name: 'has space' }], /\[0\]\.name must be 1–40 letters/],
    ['an unknown field', 'llm', [{ ...ok, api_key: 'x' }], /unknown fields: api_key/],
    ['no base URL', 'llm', [{ name: 'a', model: 'm' }], /"a": baseUrl is required/],
    ['a bad URL', 'llm', [{ ...ok, baseUrl: 'not a url' }], /baseUrl is not a valid URL/],
    [
      'a URL that is not http',
      'asr',
      [{ ...ok, baseUrl: 'ftp://a.example.com' }],
      /baseUrl must use http: or https:/,
    ],
    [
      'credentials in the URL',
      'llm',
      [{ ...ok, baseUrl: 'https://user:secret@a.example.com' }],
      /must not carry credentials/,
    ],
    ['no model', 'llm', [{ name: 'a', baseUrl: 'https://a.example.com' }], /model is required/],
    [
      'both apiKey and apiKeyEnv',
      'llm',
      [{ ...ok, apiKey: 'k', apiKeyEnv: 'K' }],
      /apiKey or apiKeyEnv, not both/,
    ],
    ['an empty apiKey', 'llm', [{ ...ok, apiKey: '' }], /apiKey must be a non-empty string/],
    [
      'apiKeyEnv naming an unset variable',
      'llm',
      [{ ...ok, apiKeyEnv: 'NOPE_KEY' }],
      /apiKeyEnv names NOPE_KEY, which is unset/,
    ],
    ['an unknown role', 'llm', [{ ...ok, roles: ['summary', 'sumary'] }], /unknown roles "sumary"/],
    ['roles that are not strings', 'llm', [{ ...ok, roles: 'summary' }], /roles must be an array/],
    ['roles on an ASR provider', 'asr', [{ ...ok, roles: ['summary'] }], /roles apply to LLM providers only/],
  ])('refuses %s', (_name, kind, value, problem) => {
    const { chain, problems } = parse(kind, value);
    expect(chain).toEqual([]);
    expect(problems.some((p) => problem.test(p))).toBe(true);
  });

  it('never puts a key in a problem', () => {
    const { problems } = parse('llm', [
      { ...ok, apiKey: 'sk-very-secret', apiKeyEnv: 'X' },
      { ...ok, apiKey: 'sk-very-secret', extra: 1 },
    ]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain('sk-very-secret');
  });

  it.each<[string, Partial<typeof single>, string[], string[]]>([
    ['nothing set: no providers', {}, [], []],
    ['a key: both chains on OpenAI', { apiKey: 'sk' }, ['default'], ['default']],
    [
      'a base URL only: ASR (a local server) but no LLM',
      { baseUrl: 'http://127.0.0.1:8000/v1' },
      [],
      ['default'],
    ],
  ])('keeps the single-endpoint settings as a one-element chain: %s', (_name, given, llm, asr) => {
    const chains = providerChains({}, { ...single, ...given }, []);
    expect(chains.llm.map((p) => p.name)).toEqual(llm);
    expect(chains.asr.map((p) => p.name)).toEqual(asr);
    if (given.apiKey)
      expect(chains.llm[0]).toEqual({
        name: 'default',
        baseUrl: undefined,
        apiKey: 'sk',
        model: 'gpt-4.1-mini',
        roles: [],
      });
  });

  it('lets MINA_LLM_PROVIDERS replace the single-endpoint LLM while the ASR stays on it', () => {
    const chains = providerChains(
      { MINA_LLM_PROVIDERS: JSON.stringify([ok]) },
      { ...single, apiKey: 'sk' },
      [],
    );
    expect(chains.llm.map((p) => p.name)).toEqual(['a']);
    expect(chains.asr.map((p) => p.name)).toEqual(['default']);
  });

  it('stops the process with one line per problem, and never logs the chains', () => {
    let error: unknown;
    try {
      loadConfig({ ...base, MINA_LLM_PROVIDERS: JSON.stringify([ok, ok]), MINA_ASR_PROVIDERS: '{' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'MINA_LLM_PROVIDERS[1].name "a" is used twice',
      expect.stringMatching(/^MINA_ASR_PROVIDERS must be a JSON array/),
    ]);
    const config = loadConfig({
      ...base,
      MINA_LLM_PROVIDERS: JSON.stringify([{ ...ok, apiKey: 'sk-never-logged' }]),
    });
    expect(config.llmProviders[0].apiKey).toBe('sk-never-logged');
    expect(JSON.stringify(redactedConfig(config))).not.toContain('sk-never-logged');
  });

  it.each<[string[], string, boolean]>([
    [[], 'refinement', true],
    [['summary'], 'summary', true],
    [['summary'], 'refinement', false],
    [['ask', 'copilot'], 'copilot', true],
  ])('roles %j serve %s: %s', (roles, purpose, serves) => {
    expect(servesPurpose(roles, purpose)).toBe(serves);
  });
});
