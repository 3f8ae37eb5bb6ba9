/**
 * How well the assistant finds the answer: the evaluation set (test/fixtures/assistant/
 * questions.json, written blind to the search) against the seed articles. A question with expected
 * articles is a top-1 hit when the first answer is one of them, a top-3 hit when one of the first
 * three is; a question the knowledge base must not answer (`expected: []`) is a hit when the answer
 * list is empty. `npx tsx bench/assistant-evaluation.ts` prints the figures and every miss.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedArticles } from '../shared/knowledge/content/index.ts';
import { buildSearchIndex, type SearchLanguage, search } from '../shared/knowledge/search/index.ts';
import { searchDocumentsOf } from '../shared/knowledge/search-documents.ts';

export interface EvaluationQuestion {
  readonly q: string;
  readonly lang: SearchLanguage;
  readonly expected: readonly string[];
}

export interface AssistantEvaluation {
  readonly questions: number;
  readonly top1: number;
  readonly top3: number;
  /** Over the questions with expected articles only. */
  readonly inScope: { readonly count: number; readonly top1: number; readonly top3: number };
  /** The questions that must get no answer: how many got none. */
  readonly outOfScope: { readonly count: number; readonly unanswered: number };
  /** Questions missed even in the top three, with what came back. */
  readonly misses: readonly { readonly question: EvaluationQuestion; readonly answered: readonly string[] }[];
}

export const questionsFile = join(
  import.meta.dirname,
  '..',
  'test',
  'fixtures',
  'assistant',
  'questions.json',
);

export function evaluateAssistant(
  questions: readonly EvaluationQuestion[] = JSON.parse(readFileSync(questionsFile, 'utf8')),
): AssistantEvaluation {
  const index = buildSearchIndex(searchDocumentsOf(seedArticles));
  let top1 = 0;
  let top3 = 0;
  let inScopeCount = 0;
  let inScopeTop1 = 0;
  let inScopeTop3 = 0;
  let unanswered = 0;
  const misses: { question: EvaluationQuestion; answered: string[] }[] = [];
  for (const question of questions) {
    const answered = search(index, question.q, { language: question.lang, limit: 3 }).map(
      (answer) => answer.id,
    );
    if (question.expected.length === 0) {
      const hit = answered.length === 0;
      if (hit) unanswered += 1;
      else misses.push({ question, answered });
      top1 += hit ? 1 : 0;
      top3 += hit ? 1 : 0;
      continue;
    }
    inScopeCount += 1;
    const first = answered[0] !== undefined && question.expected.includes(answered[0]);
    const inThree = answered.some((id) => question.expected.includes(id));
    if (first) inScopeTop1 += 1;
    if (inThree) inScopeTop3 += 1;
    else misses.push({ question, answered });
    top1 += first ? 1 : 0;
    top3 += inThree ? 1 : 0;
  }
  return {
    questions: questions.length,
    top1: top1 / questions.length,
    top3: top3 / questions.length,
    inScope: { count: inScopeCount, top1: inScopeTop1 / inScopeCount, top3: inScopeTop3 / inScopeCount },
    outOfScope: { count: questions.length - inScopeCount, unanswered },
    misses,
  };
}

/** The lines `npm run bench` prints. */
export function evaluationLines(result: AssistantEvaluation): string[] {
  return [
    `assistant top-1: ${result.top1.toFixed(2)}`,
    `assistant top-3: ${result.top3.toFixed(2)}`,
    `  (${result.questions} questions; with an answer in the knowledge base: top-1 ${result.inScope.top1.toFixed(2)}, ` +
      `top-3 ${result.inScope.top3.toFixed(2)} of ${result.inScope.count}; without: ${result.outOfScope.unanswered} of ` +
      `${result.outOfScope.count} got no answer)`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = evaluateAssistant();
  for (const line of evaluationLines(result)) console.log(line);
  for (const { question, answered } of result.misses) {
    console.log(
      `  miss [${question.lang}] ${question.q} → ${answered.join(', ') || '(none)'}; expected ${question.expected.join(', ') || '(none)'}`,
    );
  }
}
