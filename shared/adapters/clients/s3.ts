/** An S3 client; its endpoint from the SDK's settings (`AWS_ENDPOINT_URL_S3`). */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { made } from './made.ts';

export function s3Client(config: S3ClientConfig = {}): S3Client {
  return made(new S3Client(config));
}
