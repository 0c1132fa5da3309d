import type { ServerResponse } from 'node:http';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(
  message: string,
  type = 'invalid_request_error',
  param: string | null = null,
  code: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': `req_fake_${Math.random().toString(16).slice(2, 14)}`,
    'openai-processing-ms': '1',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, body: OpenAIErrorBody): void {
  sendJson(res, status, body);
}

export function badRequest(
  res: ServerResponse,
  message: string,
  param: string | null = null,
  code: string | null = null,
): void {
  sendError(res, 400, errorBody(message, 'invalid_request_error', param, code));
}

/** The canned bodies of the HTTP-status faults, as the real API words them. */
export const FAULT_ERRORS = {
  rateLimit: (retryAfterSeconds: number) =>
    errorBody(
      `Rate limit reached for requests. Please try again in ${retryAfterSeconds}s.`,
      'requests',
      'requests',
      'rate_limit_exceeded',
    ),
  serverError: () =>
    errorBody(
      'The server had an error while processing your request. Sorry about that!',
      'server_error',
      null,
      null,
    ),
  unauthorized: () =>
    errorBody(
      'Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.',
      'invalid_request_error',
      null,
      'invalid_api_key',
    ),
  unavailable: () =>
    errorBody('The engine is currently overloaded, please try again later.', 'server_error', null, null),
};
