import type { ChatHandler, ChatRequest } from './fake-openai.types.js';
import { generateInstance, strictSchemaProblems, validate, violate } from './json-schema.js';
import type { JsonSchema } from './json-schema.js';
import { badRequest, errorBody, sendError, sendJson } from './openai-errors.js';
import type { RouteContext } from './route-context.js';

export interface ChatConfig {
  handlers: Map<string, ChatHandler>;
  fallback?: ChatHandler;
}

interface ResponseFormat {
  type?: string;
  json_schema?: { name?: string; schema?: JsonSchema; strict?: boolean | null };
}

let completions = 0;

function lastUserText(messages: unknown[]): string {
  const last = [...messages].reverse().find((m) => (m as { role?: string }).role === 'user') as
    { content?: unknown } | undefined;
  const content = last?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? '').join(' ');
  return '';
}

export async function handleChat(ctx: RouteContext, config: ChatConfig): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(ctx.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return badRequest(ctx.res, 'We could not parse the JSON body of your request.');
  }
  const format = (body.response_format ?? {}) as ResponseFormat;
  const request: ChatRequest = {
    model: typeof body.model === 'string' ? body.model : '',
    messages: Array.isArray(body.messages) ? body.messages : [],
    schemaName: format.json_schema?.name,
    schema: format.json_schema?.schema,
    strict: format.json_schema?.strict === true,
    body,
  };
  Object.assign(ctx.log, {
    model: request.model,
    responseFormat: format.type ?? 'text',
    schemaName: request.schemaName,
  });
  const { handled, fault } = await ctx.applyFaults(request.schema ? ['schema-invalid'] : []);
  if (handled) return;
  if (!request.model) return badRequest(ctx.res, 'you must provide a model parameter', 'model');
  if (!request.messages.length)
    return badRequest(ctx.res, "Invalid 'messages': empty array.", 'messages', 'empty_array');
  if (body.stream === true)
    return badRequest(ctx.res, 'fake-openai does not stream chat completions', 'stream');
  if (format.type === 'json_schema') {
    if (!request.schemaName || !request.schema) {
      return badRequest(
        ctx.res,
        "Missing required parameter: 'response_format.json_schema.name'.",
        'response_format',
      );
    }
    const problems = request.strict ? strictSchemaProblems(request.schema) : [];
    if (problems.length) {
      return badRequest(
        ctx.res,
        `Invalid schema for response_format '${request.schemaName}': ${problems[0]}`,
        'response_format',
        'invalid_json_schema',
      );
    }
  }

  const handler = (request.schemaName && config.handlers.get(request.schemaName)) || config.fallback;
  let answer = await handler?.(request);
  if (answer === undefined) {
    if (request.schema) answer = generateInstance(request.schema);
    else if (format.type === 'json_object') answer = {};
    else answer = `Fake reply to: ${lastUserText(request.messages).slice(0, 80)}`;
  }
  if (request.schema && typeof answer !== 'string') {
    const errors = validate(request.schema, answer);
    if (errors.length) {
      // A test's handler broke the schema: say so loudly instead of faking a model error.
      return sendError(
        ctx.res,
        500,
        errorBody(
          `fake-openai: handler for '${request.schemaName}' returned schema-invalid JSON: ${errors.join('; ')}`,
          'fake_openai_error',
        ),
      );
    }
    if (fault?.kind === 'schema-invalid') answer = violate(request.schema, answer);
  }
  const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
  const promptTokens = Math.ceil(JSON.stringify(request.messages).length / 4) + 3;
  const completionTokens = Math.ceil(content.length / 4);
  sendJson(ctx.res, 200, {
    id: `chatcmpl-fake${++completions}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  });
}
