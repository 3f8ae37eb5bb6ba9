/** staff-api's dependencies, built once per cold start. */
import { s3Client } from '../../shared/adapters/clients/s3.ts';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import type { DynamoKnowledgeStore } from '../../shared/adapters/dynamodb/knowledge-store.ts';
import { DynamoPostalDesk } from '../../shared/adapters/dynamodb/postal-desk.ts';
import { DynamoQuarantineDesk } from '../../shared/adapters/dynamodb/quarantine-desk.ts';
import { DynamoStaffSessions } from '../../shared/adapters/dynamodb/staff-sessions.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import { S3DownloadLinks, S3UploadTargets } from '../../shared/adapters/s3/blob-store.ts';
import { SqsDelayedQueue } from '../../shared/adapters/sqs/delayed-queue.ts';
import { loadConfig } from '../../shared/config.ts';
import { replyDomain } from '../../shared/domain/competences.ts';
import type { IntakeMessage, OutboundMessage } from '../../shared/domain/intake-message.ts';
import { sessionRules } from '../../shared/domain/staff-session-rules.ts';
import { parseSurveyInvitationSettings } from '../../shared/domain/survey-invitation-settings.ts';
import type { AuthConfigResponse } from '../../shared/http/staff-contract.ts';
import { attachmentsPrefix, rawMailPrefix, scansPrefix } from '../../shared/mail/keys.ts';
import type { FiguresReader } from '../../shared/ports/figures-reader.ts';
import type { QuestionLog } from '../../shared/ports/question-log.ts';
import type { AuditDeskDeps } from '../../shared/use-cases/audit-desk.ts';
import { BacklogCache } from '../../shared/use-cases/backlog-cache.ts';
import type { EraseDataSubjectDeps } from '../../shared/use-cases/erase-data-subject.ts';
import type { ExportDataSubjectDeps } from '../../shared/use-cases/export-data-subject.ts';
import type { ExtendDeadlineDeps } from '../../shared/use-cases/extend-deadline.ts';
import type { ServiceFiguresDeps } from '../../shared/use-cases/figures/service-figures.ts';
import type { KnowledgeEditingDeps } from '../../shared/use-cases/knowledge/edit-knowledge.ts';
import type { LegalHoldDeps } from '../../shared/use-cases/legal-hold.ts';
import type { LogCallDeps } from '../../shared/use-cases/log-call.ts';
import type { MailroomDeps } from '../../shared/use-cases/mailroom.ts';
import { PublishedIndexCache } from '../../shared/use-cases/published-index.ts';
import type { QuarantineMailDeps } from '../../shared/use-cases/quarantine-mail.ts';
import type { QuestionFiguresDeps } from '../../shared/use-cases/question-figures.ts';
import type { RectifyClientDeps } from '../../shared/use-cases/rectify-client.ts';
import type { RerouteDeps } from '../../shared/use-cases/reroute-ticket.ts';
import type { SearchKnowledgeDeps } from '../../shared/use-cases/search-knowledge.ts';
import type { StaffDeskDeps } from '../../shared/use-cases/staff-desk.ts';
import type { StaffSessionDeps } from '../../shared/use-cases/staff-session.ts';
import type { SurveyFeedbackDeps } from '../../shared/use-cases/survey-feedback.ts';
import {
  auditLog,
  awsClients,
  blobs,
  buckets,
  dynamoTables,
  queue,
  queues,
  references,
  systemClock,
  ticketStore,
} from '../composition-root.ts';

export function buildDependencies(): StaffDeskDeps &
  RerouteDeps &
  ExtendDeadlineDeps & {
    authConfig: AuthConfigResponse;
    mailQuarantine: QuarantineMailDeps;
    auditDesk: AuditDeskDeps;
    session: StaffSessionDeps;
    mailroom: MailroomDeps;
    calls: LogCallDeps;
    knowledge: KnowledgeEditingDeps;
    knowledgeReuse: SearchKnowledgeDeps & QuestionFiguresDeps;
    analytics: ServiceFiguresDeps;
    /** Built by the first feedback call (the supervisors' lists are a rare path). */
    surveyFeedback: () => Promise<SurveyFeedbackDeps>;
    /** Built by the first data-subject export (the data protection officer's rare path). */
    dataSubjectExport: () => Promise<ExportDataSubjectDeps>;
    /** Built by the first correction of a client's data (a rare path). */
    rectification: () => Promise<RectifyClientDeps>;
    /** Built by the data protection officer's first call (search, erasure, legal holds). */
    dataSubjects: () => Promise<EraseDataSubjectDeps & LegalHoldDeps>;
  } {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'KNOWLEDGE_TABLE',
    'OUTBOUND_QUEUE_URL',
    'INTAKE_QUEUE_URL',
    'SURVEY_INVITATIONS_QUEUE_URL',
    'SURVEY_INVITATIONS',
    'STAFF_AUTH_DOMAIN',
    'STAFF_AUTH_CLIENT_ID',
    'STAFF_SIGN_IN_URL',
    'STAFF_IDLE_TIMEOUT_MINUTES',
    'STAFF_SESSION_HOURS',
    'MAIL_BUCKET',
    'POSTAL_SCAN_LIMIT_BYTES',
    'KNOWLEDGE_TABLE',
    'FIGURES_TABLE',
    'RETENTION_SCHEDULE',
  ]);
  const tables = dynamoTables(aws, config);
  const clock = systemClock;
  const store = ticketStore(aws, config);
  const idleTimeoutMinutes = config.STAFF_IDLE_TIMEOUT_MINUTES;
  const authConfig: AuthConfigResponse =
    config.STAFF_AUTH_DOMAIN && config.STAFF_AUTH_CLIENT_ID
      ? {
          mode: 'cognito',
          domain: config.STAFF_AUTH_DOMAIN.replace(/\/$/, ''),
          clientId: config.STAFF_AUTH_CLIENT_ID,
          scopes: ['openid', 'profile', 'email'],
          idleTimeoutMinutes,
        }
      : { mode: 'local', signInUrl: config.STAFF_SIGN_IN_URL ?? '/local/sign-in', idleTimeoutMinutes };
  const audit = auditLog(aws, config);
  const downloads = new S3DownloadLinks({ client: buckets(aws), bucket: config.MAIL_BUCKET });
  const intakeQueue = queue<IntakeMessage>(aws, config.INTAKE_QUEUE_URL);
  const mailQuarantine: QuarantineMailDeps = {
    quarantine: new DynamoQuarantineDesk(tables),
    downloads,
    audit,
    clock,
    // A supervisor's release ingests the mail as ingest-email would (see quarantine-mail.ts).
    ingest: {
      store,
      blobs: blobs(aws, config.MAIL_BUCKET),
      intakeQueue,
      audit,
      clock,
      references: references(store),
      rawMailPrefix,
      attachmentsPrefix,
      // Quarantine records keep their recipients as the units' addresses already (`routedTo`), which
      // the reply domain leaves as they are: staff-api needs no inbound-domain setting.
      inboundDomain: replyDomain,
      schedule: tables.retention,
    },
  };
  const desk = new DynamoTicketDesk(tables);
  const uploads = new S3UploadTargets({
    // See S3UploadTargets: a checksum of the (absent) body must not be signed into the URL.
    client: s3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }),
    bucket: config.MAIL_BUCKET,
  });
  const backlog = new BacklogCache(store, clock);
  // The knowledge base's store and the question log: editors' and supervisors' paths, and the
  // reply editor's search — loaded by their first call.
  const knowledge = lazyPort<DynamoKnowledgeStore>(async () => {
    const { DynamoKnowledgeStore } = await import('../../shared/adapters/dynamodb/knowledge-store.ts');
    return new DynamoKnowledgeStore({
      client: tables.client,
      knowledgeTable: config.KNOWLEDGE_TABLE,
      auditTable: config.AUDIT_TABLE,
    });
  }, ['articles', 'terms']);
  const worklists = new DynamoWorklists(tables);
  const questions = lazyPort<QuestionLog>(async () => {
    const { DynamoQuestionLog } = await import('../../shared/adapters/dynamodb/question-log.ts');
    return new DynamoQuestionLog({ client: tables.client, knowledgeTable: config.KNOWLEDGE_TABLE });
  });
  return {
    store,
    desk,
    worklists,
    outboundQueue: queue<OutboundMessage>(aws, config.OUTBOUND_QUEUE_URL),
    // Survey invitations after an answer or close: the unit's mode and delay (CDK context), the
    // delayed queue (SendMessage).
    surveys: {
      settings: parseSurveyInvitationSettings(config.SURVEY_INVITATIONS),
      delayed: new SqsDelayedQueue<OutboundMessage>({
        client: queues(aws),
        queueUrl: config.SURVEY_INVITATIONS_QUEUE_URL,
      }),
    },
    audit,
    clock,
    backlog,
    downloads,
    uploads,
    authConfig,
    mailQuarantine,
    auditDesk: {
      trail: new DynamoAuditTrail({ client: tables.client, auditTable: config.AUDIT_TABLE }),
      desk,
      audit,
      clock,
    },
    session: {
      sessions: new DynamoStaffSessions(tables),
      audit,
      clock,
      // The server's idle timeout is the page's: the page warns, the server enforces.
      rules: sessionRules(idleTimeoutMinutes),
      sessionHours: config.STAFF_SESSION_HOURS,
    },
    mailroom: {
      postal: new DynamoPostalDesk(tables),
      uploads,
      downloads,
      audit,
      clock,
      scansPrefix,
      maxScanBytes: config.POSTAL_SCAN_LIMIT_BYTES,
    },
    knowledge: { knowledge, clock },
    knowledgeReuse: {
      knowledge: new PublishedIndexCache(knowledge, clock),
      questionLog: questions,
      audit,
      clock,
    },
    analytics: {
      // Loaded with the first read of the figures, as their use case is (the cold start serves all).
      figures: lazyPort<FiguresReader>(async () => {
        const { DynamoFiguresReader } = await import('../../shared/adapters/dynamodb/figures-reader.ts');
        return new DynamoFiguresReader({ client: tables.client, figuresTable: config.FIGURES_TABLE });
      }),
      questionLog: questions,
      worklists,
      audit,
      clock,
    },
    rectification: once(async () => {
      const { DynamoClientRectification } = await import(
        '../../shared/adapters/dynamodb/client-rectification.ts'
      );
      return { desk, threads: store, rectification: new DynamoClientRectification(tables), audit, clock };
    }),
    surveyFeedback: once(async () => {
      const { DynamoSurveyFeedback } = await import('../../shared/adapters/dynamodb/survey-feedback.ts');
      return { feedback: new DynamoSurveyFeedback(tables), audit, clock };
    }),
    dataSubjectExport: once(async () => {
      const [{ DynamoDataSubjectRecords }, { DynamoSubjectExports }] = await Promise.all([
        import('../../shared/adapters/dynamodb/data-subjects.ts'),
        import('../../shared/adapters/dynamodb/subject-exports.ts'),
      ]);
      return {
        records: new DynamoDataSubjectRecords({ ...tables, knowledgeTable: config.KNOWLEDGE_TABLE }),
        // Each ticket records the export that holds it: erasing the ticket deletes the ZIP.
        exports: new DynamoSubjectExports(tables),
        // The mail bucket: the subject's files are read from it, the ZIP is written under exports/.
        files: blobs(aws, config.MAIL_BUCKET),
        downloads,
        audit,
        clock,
      };
    }),
    dataSubjects: once(async () => {
      const [{ DynamoDataSubjectRecords }, { DynamoTicketErasure }, { S3ObjectVersions }] = await Promise.all(
        [
          import('../../shared/adapters/dynamodb/data-subjects.ts'),
          import('../../shared/adapters/dynamodb/data-subject-erasure.ts'),
          import('../../shared/adapters/s3/object-versions.ts'),
        ],
      );
      const records = new DynamoDataSubjectRecords({ ...tables, knowledgeTable: config.KNOWLEDGE_TABLE });
      const erasure = new DynamoTicketErasure(
        tables,
        new S3ObjectVersions({ client: buckets(aws), bucket: config.MAIL_BUCKET }),
      );
      return { records, questions: records, erasure, holds: erasure, audit, clock };
    }),
    calls: {
      store,
      intakeQueue,
      audit,
      clock,
      references: references(store),
      backlog,
      schedule: tables.retention,
    },
  };
}

/**
 * A port whose adapter module is loaded by its first call (every method of the port answers a
 * promise; `nested` names members that are ports of their own, loaded the same way): code a rare
 * path needs stays out of the cold start that serves every request.
 */
function lazyPort<T extends object>(load: () => Promise<T>, nested: readonly string[] = []): T {
  let port: Promise<T> | undefined;
  const loaded = () => {
    port ??= load();
    return port as Promise<Record<PropertyKey, unknown>>;
  };
  const members = new Map<PropertyKey, object>(
    nested.map((name) => [name, lazyPort(async () => (await loaded())[name] as object)]),
  );
  return new Proxy({} as T, {
    get(_target, name) {
      if (name === 'then') return undefined; // not a thenable itself
      const member = members.get(name);
      if (member) return member;
      return async (...args: unknown[]) => {
        const target = await loaded();
        return (target[name] as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The value `make` gives, made at the first call and kept. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}
