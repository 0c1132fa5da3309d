/** The LLM cannot be used right now (not configured, failing, breaker open): callers use the local fallback. */
export class LlmUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmUnavailableError';
  }
}

/** The LLM answered, twice, with something that is not JSON of the requested schema. */
export class LlmInvalidOutputError extends Error {
  constructor(
    readonly schemaName: string,
    readonly problems: string[],
  ) {
    super(`LLM output for ${schemaName} was invalid: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'LlmInvalidOutputError';
  }
}

/** A provider refused the request for good (a 4xx other than 408, 409, 429): the next provider is not asked. */
export class LlmRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmRefusedError';
  }
}

/** A streamed answer stopped after text was handed on (or its caller went away): no other provider is asked. */
export class LlmStreamCutError extends LlmUnavailableError {
  constructor(
    /** The provider whose text was already handed on. */
    readonly provider: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmStreamCutError';
  }
}
