/**
 * The session's two limits as the person meets them: a dialog a minute before the idle timeout
 * (any deliberate input keeps working), a dialog a minute before the token ends, and signing out
 * when either comes.
 */
import type { MeResponse } from '../../../shared/http/staff-contract.ts';
import { type OpenDialog, openDialog } from './dialogs.ts';
import { h } from './dom.ts';
import type { Translate } from './notifications.ts';
import { SessionTimer, type TimeoutReason } from './session-timer.ts';

export function watchSession(
  me: MeResponse,
  options: {
    readonly t: () => Translate;
    readonly toast: (message: string) => void;
    readonly onTimeout: (reason: TimeoutReason) => void;
    /** Tells the server of deliberate input; called at most once a minute. */
    readonly reportActivity?: () => void;
  },
): SessionTimer {
  // The server's idle timeout counts calls and writes activity at most once a minute: reporting
  // input as often keeps it in step with this page's timer while someone types a long reply.
  let reportedAt = Date.now();
  const report = () => {
    if (!options.reportActivity || Date.now() - reportedAt < 60_000) return;
    reportedAt = Date.now();
    options.reportActivity();
  };
  const expiresAt = Date.parse(me.sessionExpiresAt);
  let idleDialog: OpenDialog | undefined;
  const timer: SessionTimer = new SessionTimer({
    idleTimeoutMs: me.idleTimeoutMinutes * 60_000,
    expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt,
    onDeliberateActivity: report,
    onIdleWarning: () => {
      const t = options.t();
      idleDialog = openDialog({
        id: 'idle-dialog',
        role: 'alertdialog',
        title: t('session.idleWarning.title'),
        description: [h('p', {}, t('session.idleWarning.text'))],
        closeLabel: t('session.idleWarning.continue'),
        t,
        onClose: () => {
          idleDialog = undefined;
          timer.activity(true);
        },
      });
    },
    onIdleWarningCleared: () => {
      if (!idleDialog) return;
      idleDialog.close();
      options.toast(options.t()('session.continued'));
    },
    onExpiryWarning: () => {
      const t = options.t();
      openDialog({
        id: 'expiry-dialog',
        role: 'alertdialog',
        title: t('session.expiryWarning.title'),
        description: [h('p', {}, t('session.expiryWarning.text'))],
        closeLabel: t('session.expiryWarning.ok'),
        t,
      });
    },
    onTimeout: options.onTimeout,
  });
  timer.start();
  return timer;
}
