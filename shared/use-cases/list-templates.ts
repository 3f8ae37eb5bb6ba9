/** The saved answer templates of the caller's units. */
import { templatesFor } from '../domain/answer-templates.ts';
import { recordRead, type StaffAuditDeps, type StaffCaller } from './staff-audit.ts';
import type { TemplatesResponse } from './views/tickets.ts';

export async function listTemplates(deps: StaffAuditDeps, caller: StaffCaller): Promise<TemplatesResponse> {
  await recordRead(deps, caller, { eventName: 'ListTemplates' });
  return {
    templates: templatesFor(caller.competences).map((template) => ({
      id: `${template.competence}/${template.id}/${template.language}`,
      competence: template.competence,
      language: template.language,
      title: template.title,
      text: template.text,
    })),
  };
}
