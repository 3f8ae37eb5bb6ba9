/**
 * The help pages in the sandbox, as CloudFront serves them in the cloud: `/palidziba/*` and
 * `/en/help/*` from the help bucket (fauxqs's S3), a folder's `index.html` for the folder, a
 * folder named without its slash redirected to it, and the site's security headers.
 *
 * Served uncached (CloudFront keeps a page a minute): locally a publication shows at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { helpPathPrefixes } from '../../shared/knowledge/urls.ts';
import { localCredentials, localRegion } from './emulators.ts';
import { pageSecurityHeaders } from './gateway.ts';

export interface LocalHelpSite {
  /** Answers the request if it is for a help page (true), or leaves it to the gateway (false). */
  serve(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  destroy(): void;
}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function localHelpSite(options: { endpoint: string; bucket: string }): LocalHelpSite {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });

  const notFound = (response: ServerResponse) => {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...pageSecurityHeaders });
    response.end('Not found / Nav atrasts');
  };
  const redirect = (response: ServerResponse, location: string) => {
    response.writeHead(301, { location, ...pageSecurityHeaders });
    response.end();
  };

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (helpPathPrefixes.some((prefix) => path === prefix.slice(0, -1))) {
      redirect(response, `${path}/${url.search}`);
      return true;
    }
    if (!helpPathPrefixes.some((prefix) => path.startsWith(prefix))) return false;
    // CloudFront's function: a folder gets its index.html, a name without an extension its slash.
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    if (lastSegment !== '' && !lastSegment.includes('.')) {
      redirect(response, `${path}/${url.search}`);
      return true;
    }
    let key: string;
    try {
      key = decodeURIComponent(path.slice(1)) + (lastSegment === '' ? 'index.html' : '');
    } catch {
      notFound(response);
      return true;
    }
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      const content = Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
      const extension = key.slice(key.lastIndexOf('.') + 1);
      response.writeHead(200, {
        'content-type': contentTypes[extension] ?? object.ContentType ?? 'application/octet-stream',
        'content-length': String(content.length),
        'cache-control': 'no-cache',
        ...pageSecurityHeaders,
      });
      response.end(request.method === 'HEAD' ? undefined : content);
    } catch (error) {
      if (!(error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'))) throw error;
      notFound(response);
    }
    return true;
  }

  return { serve, destroy: () => client.destroy() };
}
