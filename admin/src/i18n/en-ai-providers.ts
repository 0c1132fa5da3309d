/** The AI providers page (mina.ai_providers.*) and the "by <provider>" labels of the session page. */
export const aiProvidersMessages = {
  ai_providers: {
    menu: 'AI providers',
    title: 'AI providers',
    intro:
      'Each chain is tried in order: a provider that fails (5xx, 429, timeout, open breaker) hands the request to the next; the local fallback is the last link of the language-model chain.',
    loading: 'Loading the AI providers',
    absent: 'This server does not report its AI providers.',
    kind: { llm: 'Language models', asr: 'Speech recognition' },
    none: {
      llm: 'No language model is configured: insights come from the local fallback.',
      asr: 'No speech recognizer is configured: audio is kept but not transcribed.',
    },
    position: '#',
    name: 'Provider',
    state_label: 'State',
    state: { closed: 'Working', open: 'Failing (breaker open)', half_open: 'Testing (half-open)' },
    latency: 'Latency p50 / p95',
    error_rate: 'Error rate',
    requests: 'Requests',
    failures: '%{count} failed',
    last_error: 'Last error',
    no_error: 'None',
    tokens: 'Tokens in / out',
    roles: 'Only for: %{roles}',
    note: 'Figures are this server process’s, since it started; the error rate and latency cover the last 200 requests.',
    by: 'by %{provider}',
    local_fallback: 'local fallback',
  },
};
