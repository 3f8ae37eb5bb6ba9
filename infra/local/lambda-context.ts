import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '../inventory.ts';
import { localRegion } from './emulators.ts';

/** A Lambda context for an invocation of `spec`, as the Lambda runtime would pass it. */
export function lambdaContext(spec: FunctionSpec, requestId: string = randomUUID()): Context {
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `courtdesk-${spec.name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:000000000000:function:courtdesk-${spec.name}`,
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/courtdesk-${spec.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

let coldStarts = 0;

/** Wraps a loaded handler (the cost meter times each invocation); none unless a meter runs. */
export type HandlerWrapper = <E, R>(name: string, handler: LambdaHandler<E, R>) => LambdaHandler<E, R>;

let handlerWrapper: HandlerWrapper | undefined;

/** Sets (or with `undefined`, removes) what wraps the handlers loaded from now on. */
export function wrapLoadedHandlers(wrapper: HandlerWrapper | undefined): void {
  handlerWrapper = wrapper;
}

/**
 * Imports `functions/<name>/handler.ts` after the environment is set, as a cold start would. Each
 * call evaluates the handler module anew, so a second sandbox in the same process (tests) gets
 * clients built from its own environment.
 */
export async function loadHandler<E, R>(name: string): Promise<LambdaHandler<E, R>> {
  coldStarts += 1;
  const file = fileURLToPath(new URL(`../../functions/${name}/handler.ts`, import.meta.url));
  const module = (await import(`${pathToFileURL(file).href}?cold-start=${coldStarts}`)) as {
    handler: LambdaHandler<E, R>;
  };
  // Every trigger (gateway, pollers, schedules, mail, object events) invokes what this returns.
  return handlerWrapper ? handlerWrapper(name, module.handler) : module.handler;
}
