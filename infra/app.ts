/**
 * CDK entry point (`cdk.json`: `npx tsx infra/app.ts`). Builds the web pages first (esbuild, offline),
 * so that `cdk deploy` always ships the current form rather than whatever `dist/web` held.
 */
import { join } from 'node:path';
import { buildWeb } from '../web/build.ts';
import { buildApp, projectRoot } from './app-factory.ts';

await buildWeb(join(projectRoot, 'dist', 'web'));
buildApp();
