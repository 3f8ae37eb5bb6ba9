/**
 * Transitional: the notices moved to `shared/mail/notices.ts` (the domain looks up no texts) and
 * the date formatting to `human-date.ts`. Kept only for the importers outside this change; remove
 * it once they import from there.
 */

export {
  htmlFromText,
  type RenderedEmail,
  renderAcknowledgement,
  renderDeadlineExtensionNotice,
  renderEndServiceNotice,
  renderReply,
  renderRerouteNotice,
} from '../mail/notices.ts';
export { englishMonths, humanDate } from './human-date.ts';
