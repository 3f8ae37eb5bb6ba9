/**
 * A route may answer with a file to download instead of JSON: it returns a `Download`, and this
 * middleware makes the response, with the row count and, for a long export cut short, the cursor
 * of the rest (the same query again with it).
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { csvFile } from '../responses.ts';

export interface CsvDownloadFile {
  readonly filename: string;
  readonly text: string;
  readonly rows: number;
  /** Where a long export stopped. */
  readonly cursor?: string;
}

/** A route's answer that is a file to download rather than JSON. */
export class Download {
  readonly file: CsvDownloadFile;
  constructor(file: CsvDownloadFile) {
    this.file = file;
  }
}

/** What a handler behind `csvDownload()` answers. */
export type ResponseOrDownload = APIGatewayProxyStructuredResultV2 | Download;

export function csvDownload(): MiddlewareObj<unknown, ResponseOrDownload> {
  return {
    after: async (request) => {
      if (!(request.response instanceof Download)) return;
      const { filename, text, rows, cursor } = request.response.file;
      request.response = csvFile(filename, text, {
        'x-courtdesk-rows': String(rows),
        ...(cursor ? { 'x-courtdesk-cursor': cursor } : {}),
      });
    },
  };
}
