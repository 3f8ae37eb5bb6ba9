/** CDK entry point (`cdk.json`: `npx tsx infra/app.ts`). */
import { buildApp } from './app-factory.ts';

buildApp();
