/** survey-api: `GET /api/survey`, `POST /api/survey/view` and `POST /api/survey` (see `survey-routes.ts`). */
import { cloudOriginGuard } from '../origin-guard.ts';
import { buildDependencies } from './dependencies.ts';
import { surveyHandler } from './survey-routes.ts';

export const handler = surveyHandler(buildDependencies(), cloudOriginGuard());
