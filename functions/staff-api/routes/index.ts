/** Every route of the staff contract: a missing one fails to compile here, an unknown one in its module. */
import { analyticsRoutes } from './analytics.ts';
import { auditRoutes } from './audit.ts';
import { callRoutes } from './calls.ts';
import { dataSubjectExportRoutes } from './data-subject-export.ts';
import { dataSubjectRoutes } from './data-subjects.ts';
import { feedbackRoutes } from './feedback.ts';
import { knowledgeRoutes } from './knowledge.ts';
import { knowledgeReuseRoutes } from './knowledge-reuse.ts';
import { letterRoutes } from './letters.ts';
import { postRoutes } from './post.ts';
import { quarantineRoutes } from './quarantine.ts';
import { rectificationRoutes } from './rectification.ts';
import type { StaffRouteTable } from './route.ts';
import { searchRoutes } from './search.ts';
import { sessionRoutes } from './session.ts';
import { ticketRoutes } from './tickets.ts';
import { worklistRoutes } from './worklists.ts';

export const staffRouteTable: StaffRouteTable = {
  ...sessionRoutes,
  ...worklistRoutes,
  ...searchRoutes,
  ...ticketRoutes,
  ...callRoutes,
  ...quarantineRoutes,
  ...postRoutes,
  ...letterRoutes,
  ...auditRoutes,
  ...knowledgeRoutes,
  ...knowledgeReuseRoutes,
  ...analyticsRoutes,
  ...feedbackRoutes,
  ...dataSubjectRoutes,
  ...dataSubjectExportRoutes,
  ...rectificationRoutes,
};
