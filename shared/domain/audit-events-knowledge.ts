/**
 * The knowledge base's audited events (§15, §20.2, §26), part of the audit catalogue
 * (`audit-catalogue.ts`): every editor's change (category `configuration`) and refusal, the reply
 * editor's search and the reads of the assistant's question figures.
 */
import type { AuditEventSpec } from './audit-event-spec.ts';

export const knowledgeAuditEvents = {
  // The knowledge base (editors and administrators): every change, with the entry it changed.
  CreateKnowledgeEntry: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Zināšanu bāzē izveidots raksts vai termins (melnraksts)',
      en: 'Knowledge base article or term created (draft)',
    },
  },
  EditKnowledgeEntry: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Labots zināšanu bāzes raksts vai termins (jauna versija)',
      en: 'Knowledge base article or term edited (new version)',
    },
  },
  PublishKnowledgeEntry: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Zināšanu bāzes raksts vai termins publicēts',
      en: 'Knowledge base article or term published',
    },
  },
  UnpublishKnowledgeEntry: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Zināšanu bāzes raksts vai termins noņemts no publicētajiem',
      en: 'Knowledge base article or term unpublished',
    },
  },
  ArchiveKnowledgeEntry: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Zināšanu bāzes raksts vai termins arhivēts',
      en: 'Knowledge base article or term archived',
    },
  },
  ListKnowledgeEntries: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Skatīts zināšanu bāzes rakstu vai terminu saraksts',
      en: 'Knowledge base articles or terms listed',
    },
  },
  GetKnowledgeEntry: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Atvērts zināšanu bāzes raksts vai termins',
      en: 'Knowledge base article or term opened',
    },
  },
  ListKnowledgeVersions: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Skatīta zināšanu bāzes raksta vai termina versiju vēsture',
      en: 'Version history of a knowledge base article or term viewed',
    },
  },
  // The knowledge base outside its editor: the reply editor's search, the question log's figures.
  SearchKnowledge: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Meklēts zināšanu bāzē (publicētie raksti)',
      en: 'Knowledge base searched (published articles)',
    },
  },
  ListAssistantQuestions: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Skatīti virtuālā asistenta jautājumu rādītāji',
      en: "Virtual assistant's question figures viewed",
    },
  },
  ExportAssistantQuestions: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'export',
    readOnly: true,
    description: {
      lv: 'Virtuālā asistenta jautājumu rādītāji eksportēti (CSV)',
      en: "Virtual assistant's question figures exported (CSV)",
    },
  },
} as const satisfies Record<string, AuditEventSpec>;
