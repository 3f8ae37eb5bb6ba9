/**
 * The two limits of a staff session (§24): the idle timeout, after which the page signs out when
 * nobody has touched the keyboard or the mouse, and the absolute end of the token. Each is
 * announced a minute ahead, so that a person in the middle of a reply is not surprised.
 */

export type TimeoutReason = 'idle' | 'expired';

export interface SessionTimerOptions {
  readonly idleTimeoutMs: number;
  /** When the token ends, milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly warnBeforeMs?: number;
  readonly onIdleWarning: () => void;
  /** Deliberate activity after the idle warning: the warning can go. */
  readonly onIdleWarningCleared: () => void;
  readonly onExpiryWarning: () => void;
  readonly onTimeout: (reason: TimeoutReason) => void;
  /** Deliberate input (keyboard, pointer): the server's idle timeout counts calls, so it is told. */
  readonly onDeliberateActivity?: () => void;
  readonly now?: () => number;
}

/** Deliberate input; a mouse that merely moves does not dismiss a warning already shown. */
const deliberateEvents = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export class SessionTimer {
  readonly #options: SessionTimerOptions;
  readonly #now: () => number;
  #lastActivity: number;
  #idleWarned = false;
  #expiryWarned = false;
  #interval: number | undefined;
  #stopped = false;
  readonly #onDeliberate = () => this.activity(true);
  readonly #onMove = () => this.activity(false);
  readonly #onVisible = () => this.#check();

  constructor(options: SessionTimerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#lastActivity = this.#now();
  }

  start(): void {
    for (const type of deliberateEvents)
      document.addEventListener(type, this.#onDeliberate, { capture: true, passive: true });
    document.addEventListener('mousemove', this.#onMove, { capture: true, passive: true });
    // Timers of a background tab are slowed down; look again as soon as it is shown.
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#interval = window.setInterval(() => this.#check(), 1000);
    this.#check();
  }

  stop(): void {
    this.#stopped = true;
    window.clearInterval(this.#interval);
    for (const type of deliberateEvents)
      document.removeEventListener(type, this.#onDeliberate, { capture: true });
    document.removeEventListener('mousemove', this.#onMove, { capture: true });
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  /** Records activity; once the idle warning shows, only deliberate input counts. */
  activity(deliberate: boolean): void {
    if (this.#stopped || (this.#idleWarned && !deliberate)) return;
    this.#lastActivity = this.#now();
    if (deliberate) this.#options.onDeliberateActivity?.();
    if (this.#idleWarned) {
      this.#idleWarned = false;
      this.#options.onIdleWarningCleared();
    }
  }

  #check(): void {
    if (this.#stopped) return;
    const now = this.#now();
    const warnBefore = this.#options.warnBeforeMs ?? 60_000;
    const { idleTimeoutMs, expiresAt } = this.#options;
    if (now >= expiresAt || now - this.#lastActivity >= idleTimeoutMs) {
      this.stop();
      this.#options.onTimeout(now >= expiresAt ? 'expired' : 'idle');
      return;
    }
    if (!this.#expiryWarned && expiresAt - now <= warnBefore) {
      this.#expiryWarned = true;
      this.#options.onExpiryWarning();
    } else if (!this.#idleWarned && now - this.#lastActivity >= idleTimeoutMs - warnBefore) {
      this.#idleWarned = true;
      this.#options.onIdleWarning();
    }
  }
}
