/**
 * The staff API's contract: every route, its request schema (zod, checked by the staff-api
 * function and the admin page alike) and the shape of its answer. The OpenAPI document
 * (`docs/openapi.json`, `npm run openapi`) is generated from these schemas.
 *
 * Conventions: JSON in and out; `Authorization: Bearer <token>` on every route (401 from the
 * gateway or the JWT authorizer without one); tickets addressed by reference; errors are
 * `{ message, code? }`, or `{ errors: [{ field, message }] }` for 400, in the caller's language
 * (`Accept-Language`: Latvian unless it starts with `en`).
 *
 * This is the one entry: the requests and the route list are here (staff-contract/), the views the
 * staff verbs return beside the verbs (use-cases/views/), re-exported so that callers need no more.
 */
export { type StaffRole, staffRoles } from '../domain/staff.ts';
export * from '../use-cases/views/audit.ts';
export * from '../use-cases/views/calls.ts';
export * from '../use-cases/views/feedback.ts';
export * from '../use-cases/views/post.ts';
export * from '../use-cases/views/quarantine.ts';
export * from '../use-cases/views/requests.ts';
export * from '../use-cases/views/tickets.ts';
export * from './staff-contract/requests.ts';
export * from './staff-contract/responses.ts';
export * from './staff-contract/routes.ts';
