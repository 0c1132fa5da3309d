import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { Response } from 'express';
import { contentRange, DEFAULT_JSON_MAX_DEPTH, parseListQuery, type ListParamsOptions, type ListQuery, type ListResult } from './list-query.js';

/** Express setting through which the app hands its configured JSON depth limit to the list parser. */
export const JSON_MAX_DEPTH = 'mina json max depth';

/** Parses react-admin simple-REST list parameters into a validated ListQuery. */
export const ListParams = createParamDecorator((options: ListParamsOptions, ctx: ExecutionContext): ListQuery => {
  const req = ctx.switchToHttp().getRequest<{ query: Record<string, unknown>; app?: { get(name: string): unknown } }>();
  const maxDepth = req.app?.get(JSON_MAX_DEPTH);
  return parseListQuery(req.query, {
    sortable: options.sortable,
    defaultSort: options.defaultSort ?? ['createdAt', 'DESC'],
    textIds: options.textIds,
    maxDepth: typeof maxDepth === 'number' ? maxDepth : DEFAULT_JSON_MAX_DEPTH,
  });
});

/** Documents the list parameters in the OpenAPI document. */
export const ApiListQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'sort', required: false, example: '["createdAt","DESC"]' }),
    ApiQuery({ name: 'range', required: false, example: '[0,24]' }),
    ApiQuery({ name: 'filter', required: false, example: '{}' }),
  );

/** Sets `Content-Range` and returns the page's items as the JSON array react-admin expects. */
export function sendPage<T>(res: Response, resource: string, query: ListQuery, page: ListResult<T>): T[] {
  res.setHeader('Content-Range', contentRange(resource, query, page.items.length, page.total));
  return page.items;
}
