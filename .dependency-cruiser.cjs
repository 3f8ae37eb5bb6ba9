/**
 * The layer rules of docs/architecture.md as data, checked by `npm run lint:deps`.
 *
 * Layers, inside out: shared/domain (pure), shared/ports (interfaces), shared/use-cases (verbs),
 * shared/adapters (SDK clients and programs), then functions/ (handlers and their wiring), infra/
 * (CDK and the sandbox), scripts/ and bench/. shared/mail, shared/letters and shared/postal parse
 * and render mail, letters and scans, and shared/knowledge holds the knowledge base's content and
 * its search: pure helpers that use cases and adapters may use, like the domain. shared/i18n holds the catalogues; it may read domain types, never the other way round.
 *
 * Type-only imports count: an interface imported the wrong way is an arrow the wrong way too.
 */

/** Code of this repository (anything else resolves under node_modules or is a Node built-in). */
const project = '^(shared|functions|infra|scripts|bench|web|test)/';
/** Pure modules that every inner layer may use besides its own. */
const pureHelpers = '^shared/(domain|mail|letters|postal|knowledge)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle ties its modules into one: none may be read, tested or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment:
        'The domain is pure TypeScript: it imports only the domain (and libraries), never ports, use cases, adapters, i18n, HTTP or I/O.',
      from: { path: '^shared/domain/' },
      // (an arrow to i18n is reported by domain-not-i18n)
      to: { path: project, pathNot: '^shared/(domain|i18n)/' },
    },
    {
      name: 'domain-not-i18n',
      severity: 'error',
      comment: 'The domain returns message keys; texts are looked up where the answer is rendered.',
      from: { path: '^shared/domain/' },
      to: { path: '^shared/i18n/' },
    },
    {
      name: 'domain-no-aws-sdk',
      severity: 'error',
      comment: 'The domain makes no AWS calls and knows no SDK types.',
      from: { path: '^shared/domain/' },
      to: { path: '(^|/)node_modules/(@aws-sdk|@smithy|aws-lambda|@aws-lambda-powertools)/' },
    },
    {
      name: 'ports-import-domain-and-ports',
      severity: 'error',
      comment: 'A port is an interface in domain terms: it names domain types and other ports only.',
      from: { path: '^shared/ports/' },
      to: { path: project, pathNot: '^shared/(domain|ports)/' },
    },
    {
      name: 'use-cases-import-inner-layers',
      severity: 'error',
      comment:
        'A use case depends on the domain, ports, other use cases, the pure mail/letter/scan helpers, the catalogues and the logger; it gets adapters and configuration injected.',
      from: { path: '^shared/use-cases/' },
      to: {
        path: project,
        // (an arrow to shared/http is reported by use-cases-not-http)
        pathNot: [pureHelpers, '^shared/(ports|use-cases|i18n|http)/', '^shared/logger\\.ts$'],
      },
    },
    {
      name: 'use-cases-not-http',
      severity: 'error',
      comment: 'View types live with the use cases; the HTTP contract imports them, not the other way round.',
      from: { path: '^shared/use-cases/' },
      to: { path: '^shared/http/' },
    },
    {
      name: 'adapters-import-ports-and-domain',
      severity: 'error',
      comment:
        'An adapter implements a port with an SDK client or a program: it imports ports, the domain, the pure helpers and other adapters, never a use case or the HTTP layer.',
      from: { path: '^shared/adapters/' },
      to: {
        path: project,
        pathNot: [pureHelpers, '^shared/(ports|adapters)/', '^shared/logger\\.ts$'],
      },
    },
    {
      name: 'helpers-import-domain-and-helpers',
      severity: 'error',
      comment:
        'The mail, letter, scan and knowledge-base helpers are used by use cases and adapters, so they import neither: only the domain, each other and the catalogues.',
      from: { path: '^shared/(mail|letters|postal|knowledge)/' },
      to: { path: project, pathNot: [pureHelpers, '^shared/i18n/'] },
    },
    {
      name: 'i18n-imports-domain-only',
      severity: 'error',
      comment: 'The catalogues may name domain types (a language, a message key); nothing else.',
      from: { path: '^shared/i18n/' },
      to: { path: project, pathNot: '^shared/(domain|i18n)/' },
    },
    {
      name: 'shared-not-functions-or-infra',
      severity: 'error',
      comment:
        'shared/ is bundled into the Lambdas: it never reaches into a handler, the CDK stack or the sandbox.',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'functions-not-infra',
      severity: 'error',
      comment:
        'A function is bundled for Lambda: the sandbox, the CDK stack, scripts, the bench and tests never ride along (the sandbox reaches a function through its protocol, as KMS is reached).',
      from: { path: '^functions/' },
      to: { path: '^(infra|scripts|bench|test)/' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment:
        'The pages run in the browser: they may share the pure domain, the catalogues and the HTTP contract, nothing with I/O.',
      from: { path: '^web/src/' },
      to: {
        path: '^(functions|infra|scripts|bench|shared/(adapters|use-cases/(?!views/)|ports|config|logger))',
      },
    },
    {
      name: 'date-holidays-only-in-tests',
      severity: 'error',
      comment:
        'date-holidays brings every country and a time-zone database (some 1.4 MB) into each function; the Latvian calendar is computed in shared/domain/latvian-holidays.ts and the library is its test oracle only.',
      from: { pathNot: '^test/' },
      to: { path: '(^|/)node_modules/date-holidays(-parser)?/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing package, whatever tsc says.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'nothing-imports-a-handler',
      severity: 'error',
      comment: 'A handler is an entry point; only tests import one (the sandbox loads them by path).',
      from: { pathNot: '^test/' },
      to: { path: '^functions/[^/]+/handler\\.ts$' },
    },
  ],
  options: {
    // Packages are not followed but not excluded either: the rules about packages (the AWS SDK in
    // the domain, date-holidays outside tests) need to see the arrows to them.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|dist|\\.courtdesk-data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
