import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MinaException } from '#src/common/mina.exception.js';
import type { BlobStat } from '../storage/blob-store.js';
import { requestedRange, type ByteRange } from './byte-range.js';
import { isNotModified, rangeStillApplies, type ConditionalHeaders } from './conditional-request.js';

const logger = new Logger('AudioResponse');

/**
 * Answers a GET or HEAD for a stored audio file the way `<audio>` and download tools expect:
 * 200 with the whole file, 206 with one range (see requestedRange for several), 304 when the
 * client's copy is current, 416 with `Content-Range: bytes *∕size` for a malformed or
 * unsatisfiable Range. The body is piped with backpressure; a client that goes away destroys the
 * file stream, so its descriptor is closed at once.
 */
export async function sendAudio(req: Request, res: Response, contentType: string, stat: BlobStat, open: (range?: ByteRange) => Promise<Readable>): Promise<void> {
  const validators = { etag: stat.etag, lastModified: stat.modifiedAt };
  const conditions: ConditionalHeaders = { ifNoneMatch: req.get('if-none-match'), ifModifiedSince: req.get('if-modified-since'), ifRange: req.get('if-range') };
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', stat.etag);
  res.setHeader('Last-Modified', stat.modifiedAt.toUTCString());
  // Per caller (a Bearer or a signed URL), but revalidated with the ETag rather than fetched again.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (isNotModified(conditions, validators)) {
    res.status(304).end();
    return;
  }

  const size = stat.sizeBytes;
  const range = rangeStillApplies(conditions, validators) ? requestedRange(req.get('range'), size) : null;
  if (range === 'malformed' || range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${size}`);
    throw new MinaException(
      'RANGE_NOT_SATISFIABLE',
      range === 'malformed' ? `The Range header is not a valid bytes range (file is ${size} bytes)` : `The requested range is outside the file (${size} bytes)`,
      { sizeBytes: size },
    );
  }

  // Opened before any status is set, so a file that vanished since stat still gets the error shape.
  const body = req.method === 'HEAD' ? undefined : await open(range ?? undefined);
  res.status(range ? 206 : 200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : size));
  if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  if (!body) {
    res.end();
    return;
  }
  try {
    await pipeline(body, res);
  } catch (error) {
    // A client that stops listening (seek, tab closed) is normal; anything else cut the response short.
    if (!req.destroyed && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error({ err: error }, 'Audio stream failed mid-response');
  }
}
