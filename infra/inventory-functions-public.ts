/**
 * The inventory's public functions (re-exported in order by `inventory.ts`): what the web form, the
 * virtual assistant and the client survey call over HTTP without signing in, and the throttles of
 * their routes.
 */
import type { FunctionSpec, RouteThrottle } from './inventory-spec.ts';

/**
 * The assistant's routes: the page asks as the client types (debounced), so more often than the
 * form submits, yet far below the stage's limit, which the form and the staff API share.
 */
export const assistantThrottle: RouteThrottle = { rateLimit: 25, burstLimit: 50 };

/**
 * The survey's routes: a client opens one link and answers once or twice, so a low limit; a
 * flood of forged links is answered 429 before any KMS call is made.
 */
export const surveyThrottle: RouteThrottle = { rateLimit: 10, burstLimit: 20 };

export const listTopics: FunctionSpec = {
  name: 'list-topics',
  description: 'Public topic catalogue for the web form',
  triggers: [{ kind: 'http', method: 'GET', path: '/api/topics' }],
  tables: {},
  indexes: {},
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 5,
  memoryMb: 256,
};

export const ingestWeb: FunctionSpec = {
  name: 'ingest-web',
  pseudonyms: true,
  description: 'Validates a web-form request, allocates its reference and enqueues it on intake.fifo',
  triggers: [{ kind: 'http', method: 'POST', path: '/api/requests' }],
  // Idempotency record (get, conditional put); reference and honeypot counters (ADD); refused
  // and spam submissions audited by conditional put.
  // BatchGetItem: answers a day over recent days (STATS items) for the expected date.
  // Knowledge: the assistant's page the request came from read (GetItem) and marked, with its
  // day's count, in one TransactWriteItems (UpdateItem of both).
  tables: {
    tickets: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
    audit: ['PutItem'],
    knowledge: ['GetItem', 'UpdateItem'],
  },
  indexes: {},
  sendsTo: ['intake'],
  sendsEmail: false,
  timeoutSeconds: 10,
  memoryMb: 512,
  // The web form's answer waits on this function's cold start: half the others' budget.
  coldStartBudgetKb: 150,
};

export const assistantApi: FunctionSpec = {
  name: 'assistant-api',
  pseudonyms: true,
  description: "The virtual assistant: answers clients' questions with published articles, records feedback",
  triggers: [
    { kind: 'http', method: 'POST', path: '/api/assistant/answers', throttle: assistantThrottle },
    { kind: 'http', method: 'POST', path: '/api/assistant/feedback', throttle: assistantThrottle },
  ],
  // The published set: its generation (GetItem of PUBLISHED/META) every 30 s at most, the set
  // itself (one Query of the PUBLISHED partition) when it moved. The question log: whether its
  // page exists (GetItem), then the question (conditional PutItem), its page (PutItem when new,
  // else UpdateItem), its day's counts (UpdateItem) and, for a question naming an email or phone,
  // its data-subject links (`SUBJECT#<key>`, PutItem) in one TransactWriteItems; the feedback
  // (UpdateItem; a refused feedback's question read back with GetItem, to tell an unknown question
  // from an article not shown). Nothing by day: the figures are the staff API's.
  tables: { knowledge: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  indexes: {},
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 10,
  memoryMb: 512,
  // Answers while the client types: as small a cold start as the web form's.
  coldStartBudgetKb: 150,
};

export const surveyApi: FunctionSpec = {
  name: 'survey-api',
  description: "The client survey (§26): shows a ticket's survey by its signed link, records the response",
  triggers: [
    { kind: 'http', method: 'GET', path: '/api/survey', throttle: surveyThrottle },
    { kind: 'http', method: 'POST', path: '/api/survey', throttle: surveyThrottle },
    // The page's read: the token in the body, never a URL (CloudFront's logs keep query strings).
    { kind: 'http', method: 'POST', path: '/api/survey/view', throttle: surveyThrottle },
  ],
  // The ticket (GetItem, projected: status, unit, channel, language, status changes) and its
  // SURVEY item (GetItem). A response: one TransactWriteItems of the SURVEY item (conditional
  // PutItem on the version read), its SURVEY#COMMENT item (PutItem), a ConditionCheckItem that the
  // ticket is still answered or closed, and the audit record (PutItem); a refusal's audit record
  // alone (PutItem). The link is checked with kms:VerifyMac on the survey key only (wired in
  // infra/constructs/survey-tokens.ts).
  tables: { tickets: ['GetItem', 'ConditionCheckItem', 'PutItem'], audit: ['PutItem'] },
  indexes: {},
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 10,
  memoryMb: 512,
  // The survey page waits on this function's cold start: as small as the web form's.
  coldStartBudgetKb: 150,
};
