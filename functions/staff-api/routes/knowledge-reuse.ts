/**
 * The knowledge base outside its editor: the reply editor's search (§15, §10) and the assistant's
 * question figures (§26), JSON or a CSV file.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Download } from '../../../shared/http/middleware/csv-download.ts';
import type { RouteModule } from './route.ts';

/** Loaded by the first call that needs them: the search (with its index) and the figures. */
const figures = () => import('../../../shared/use-cases/question-figures.ts');
const knowledgeSearch = () => import('../../../shared/use-cases/search-knowledge.ts');

/** CSV asked for: `format=csv`, or `Accept: text/csv` without `format=json`. */
function wantsCsv(event: APIGatewayProxyEventV2): boolean {
  const format = event.queryStringParameters?.format;
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(event.headers?.accept ?? ''));
}

export const knowledgeReuseRoutes = {
  'POST /api/staff/knowledge/search': {
    eventName: 'SearchKnowledge',
    // The interface's language unless `lang` says.
    run: async ({ deps, caller, body, language }) => ({
      items: await (await knowledgeSearch()).searchKnowledge(deps.knowledgeReuse, caller, {
        q: body.q,
        language: body.lang ?? language,
      }),
    }),
  },
  'GET /api/staff/knowledge/questions': {
    eventName: 'ListAssistantQuestions',
    eventNameOf: (event) => (wantsCsv(event) ? 'ExportAssistantQuestions' : 'ListAssistantQuestions'),
    run: async ({ deps, caller, event, query }) => {
      const { format: _format, ...period } = query;
      return wantsCsv(event)
        ? new Download(await (await figures()).exportQuestionFigures(deps.knowledgeReuse, caller, period))
        : (await figures()).questionFigures(deps.knowledgeReuse, caller, period);
    },
  },
} satisfies RouteModule;
