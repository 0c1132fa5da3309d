import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatHandler, ChatRequest, FaultSpec } from './fake-openai.types.js';
import { ASK_CHAT, answerFromPassages, isAskRequest } from './ask-chat.js';
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
  const streaming = body.stream === true;
  const { handled, fault } = await ctx.applyFaults(
    request.schema ? ['schema-invalid'] : streaming ? ['slow-deltas', 'stream-cut'] : [],
  );
  if (handled) return;
  if (!request.model) return badRequest(ctx.res, 'you must provide a model parameter', 'model');
  if (!request.messages.length)
    return badRequest(ctx.res, "Invalid 'messages': empty array.", 'messages', 'empty_array');
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

  const ask = isAskRequest(request);
  const key = request.schemaName ?? (ask ? ASK_CHAT : undefined);
  const handler = (key && config.handlers.get(key)) || (ask ? answerFromPassages : config.fallback);
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
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  if (streaming) return streamChat(ctx, request.model, content, usage, body, fault);
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
      ...usage,
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

/**
 * `stream: true`: the content as server-sent `chat.completion.chunk` events, a word or so per
 * delta, the usage chunk when `stream_options.include_usage`, then `[DONE]` — as the API streams.
 */
async function streamChat(
  ctx: RouteContext,
  model: string,
  content: string,
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number },
  body: Record<string, unknown>,
  fault: FaultSpec | undefined,
): Promise<void> {
  const { res } = ctx;
  const id = `chatcmpl-fake${++completions}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
  // Each write waits until it is handed to the socket, so a cut or an abort happens mid-answer.
  const send = (data: string) => new Promise<void>((resolve) => res.write(data, () => resolve()));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const pieces = content.match(/\S+\s*|\s+/g) ?? [];
  await send(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
  for (const [i, piece] of pieces.entries()) {
    if (fault?.kind === 'stream-cut' && i >= pieces.length / 2) return void res.destroy();
    if (fault?.kind === 'slow-deltas') await sleep(fault.latencyMs ?? 50);
    if (res.destroyed) return;
    await send(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
  }
  res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) res.write(chunk([], { usage }));
  res.end('data: [DONE]\n\n');
}
