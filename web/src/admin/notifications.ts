/**
 * What the page tells the person besides the view itself: short confirmations (toasts in a
 * `role="status"` region, read out politely and gone after a while) and errors (an alert region
 * that stays until dismissed or replaced). Both regions exist from the start and only their
 * content changes, which is what screen readers announce reliably.
 */
import type { Failure } from './api.ts';
import { h } from './dom.ts';
import type { TextKey } from './texts.ts';

const toastMilliseconds = 8000;

export type Translate = (key: TextKey, values?: Readonly<Record<string, string>>) => string;

export class Notifications {
  readonly #toasts: HTMLElement;
  readonly #alert: HTMLElement;
  readonly #t: () => Translate;

  constructor(toasts: HTMLElement, alert: HTMLElement, translate: () => Translate) {
    this.#toasts = toasts;
    this.#alert = alert;
    this.#t = translate;
  }

  /** A short confirmation, e.g. "The note was saved." */
  toast(message: string): void {
    const t = this.#t();
    const item = h(
      'div',
      { class: 'toast' },
      h('p', { class: 'toast__text' }, message),
      h(
        'button',
        {
          class: 'toast__close',
          attributes: { type: 'button', 'aria-label': t('toast.dismiss') },
          on: { click: () => item.remove() },
        },
        '×',
      ),
    );
    this.#toasts.append(item);
    window.setTimeout(() => item.remove(), toastMilliseconds);
  }

  /** Shows a failure in the alert region (validation errors belong next to their fields instead). */
  failure(failure: Failure): void {
    if (failure.kind === 'unauthorized') return;
    this.error(describeFailure(failure, this.#t()));
  }

  /** Shows an error; lines after the first are details (a code, a request id). */
  error(lines: readonly string[]): void {
    const t = this.#t();
    const [first = t('error.server'), ...details] = lines;
    this.#alert.replaceChildren(
      h(
        'div',
        { class: 'notice notice--error alert' },
        h('p', { class: 'notice__title' }, t('error.heading')),
        h('p', {}, first),
        ...details.map((line) => h('p', { class: 'alert__detail' }, line)),
        h(
          'button',
          {
            class: 'button button--secondary button--small',
            attributes: { type: 'button' },
            on: { click: () => this.clearError() },
          },
          t('error.dismiss'),
        ),
      ),
    );
  }

  clearError(): void {
    this.#alert.replaceChildren();
  }
}

/** The words for a failure: the server's own message where it gave one (already in our language). */
export function describeFailure(failure: Failure, t: Translate): string[] {
  switch (failure.kind) {
    case 'invalid':
      return failure.errors.map((error) => error.message);
    case 'refused':
      return failure.code ? [failure.message, t('error.code', { code: failure.code })] : [failure.message];
    case 'server':
      return failure.requestId
        ? [t('error.server'), t('error.requestId', { id: failure.requestId })]
        : [t('error.server')];
    case 'network':
      return [t('error.network')];
    case 'unexpected':
      return [t('error.unexpected')];
    case 'unauthorized':
      return [];
  }
}
