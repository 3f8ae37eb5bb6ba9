/**
 * The S3 help site against fauxqs's S3 (the sandbox's): pages stored as `<path>index.html` as
 * HTML, unchanged pages not written again, stale pages deleted, and the
 * rendered generation kept outside the served paths.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion, type SqsEmulator, startSqs } from '../../infra/local/emulators.ts';
import { S3HelpSite } from '../../shared/adapters/s3/help-site.ts';

let fauxqs: SqsEmulator;
let client: S3Client;

beforeAll(async () => {
  fauxqs = await startSqs(0);
  client = new S3Client({
    endpoint: `http://127.0.0.1:${fauxqs.server.port}`,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
});

afterAll(async () => {
  client?.destroy();
  await fauxqs?.stop();
});

async function site(bucket: string): Promise<S3HelpSite> {
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return new S3HelpSite({ client, bucket });
}

describe('S3HelpSite', () => {
  it('stores pages as index.html objects, as HTML', async () => {
    // Prepare
    const help = await site('help-pages');

    // Act
    const written = await help.writePages(
      new Map([
        ['/palidziba/', '<p>sākums</p>'],
        ['/en/help/x/', '<p>x</p>'],
      ]),
    );

    // Assess
    expect(written).toBe(2);
    const object = await client.send(
      new GetObjectCommand({ Bucket: 'help-pages', Key: 'palidziba/index.html' }),
    );
    expect(await object.Body?.transformToString()).toBe('<p>sākums</p>');
    expect(object.ContentType).toBe('text/html; charset=utf-8');
    // (fauxqs does not keep Cache-Control; S3 does.)
    expect([...(await help.pagePaths())].sort()).toEqual(['/en/help/x/', '/palidziba/']);
  });

  it('writes only the pages whose content changed', async () => {
    // Prepare
    const help = await site('help-unchanged');
    await help.writePages(
      new Map([
        ['/palidziba/a/', 'a'],
        ['/palidziba/b/', 'b'],
      ]),
    );

    // Act
    const written = await help.writePages(
      new Map([
        ['/palidziba/a/', 'a'],
        ['/palidziba/b/', 'b2'],
      ]),
    );

    // Assess
    expect(written).toBe(1);
  });

  it('deletes pages, and lists only pages (not its own state)', async () => {
    // Prepare
    const help = await site('help-delete');
    await help.writePages(
      new Map([
        ['/palidziba/a/', 'a'],
        ['/en/help/a/', 'a'],
      ]),
    );
    await help.recordGeneration(3);

    // Act
    await help.deletePages(['/palidziba/a/']);

    // Assess
    expect(await help.pagePaths()).toEqual(['/en/help/a/']);
    expect(await help.renderedGeneration()).toBe(3);
  });

  it('no generation yet, or an unreadable one: undefined (render again)', async () => {
    const help = await site('help-generation');
    expect(await help.renderedGeneration()).toBeUndefined();
    await client.send(
      new PutObjectCommand({ Bucket: 'help-generation', Key: 'state/generation.json', Body: 'not json' }),
    );
    expect(await help.renderedGeneration()).toBeUndefined();
  });
});
