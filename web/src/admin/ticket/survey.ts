/**
 * The client's survey response on the ticket (staff of its unit): the score, whether they got an
 * answer, their comment as they wrote it, when, and whether a supervisor has followed it up.
 */
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { facts, panel, timeElement } from '../parts.ts';
import type { TicketViewOptions } from './model.ts';

export function surveySection(view: TicketViewOptions): HTMLElement | undefined {
  const { survey } = view.ticket;
  if (!survey) return undefined;
  const { t, language } = view.context;
  const when = (value: string) => timeElement(value, formatShortDate(value, language));
  const followUp = survey.followUp
    ? t('survey.followUp.done', { by: survey.followUp.by, at: formatShortDate(survey.followUp.at, language) })
    : survey.callsForFollowUp
      ? t('survey.followUp.pending')
      : t('survey.followUp.notNeeded');
  return panel(
    { id: 'survey', sectionId: 'survey', class: 'panel--survey', heading: t('survey.heading') },
    facts([
      [t('survey.satisfaction'), t('survey.score', { score: String(survey.satisfaction) })],
      [t('survey.answered'), t(`survey.answered.${survey.answered}`)],
      [t('survey.respondedAt'), when(survey.respondedAt)],
      survey.changed ? [t('survey.changedAt'), when(survey.updatedAt)] : undefined,
      [t('survey.followUp'), followUp],
      survey.followUp?.note ? [t('survey.followUp.note'), survey.followUp.note] : undefined,
    ]),
    h('h3', { class: 'panel__subheading' }, t('survey.comment')),
    survey.comment
      ? h('p', { id: 'survey-comment', class: 'entry__text' }, survey.comment)
      : h('p', { class: 'muted' }, t('survey.noComment')),
  );
}
