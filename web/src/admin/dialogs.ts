/**
 * Modal dialogs on the native `<dialog>`: the browser keeps focus inside, makes the rest of the
 * page inert and closes on Escape. Each dialog is labelled by its heading, built when opened (so it
 * is always in the current language) and removed when closed, and focus goes back to where it was
 * — or, when a re-render replaced that control, to its successor or the view's heading.
 */
import { type Child, h } from './dom.ts';
import type { Translate } from './notifications.ts';

export interface DialogOptions {
  /** Unique prefix of the ids inside the dialog. */
  readonly id: string;
  readonly title: string;
  readonly t: Translate;
  /** Paragraphs and warnings above the fields, described to assistive technology with the title. */
  readonly description?: readonly Child[];
  readonly fields?: readonly HTMLElement[];
  /** Without it the dialog only informs, with a single close button. */
  readonly submitLabel?: string;
  /** The label of the button that closes without submitting (default: Cancel, or Close). */
  readonly closeLabel?: string;
  readonly danger?: boolean;
  /** `alertdialog` for warnings that interrupt (the idle timeout). */
  readonly role?: 'alertdialog';
  /** Runs on submit; resolve true to close the dialog. */
  readonly onSubmit?: (form: HTMLFormElement, dialog: OpenDialog) => Promise<boolean>;
  /** The id of the control to focus afterwards if the opener no longer exists. */
  readonly returnFocusId?: string;
  readonly onClose?: () => void;
}

export interface OpenDialog {
  readonly element: HTMLDialogElement;
  readonly form: HTMLFormElement;
  close(): void;
  /** Shows an error inside the dialog (the page behind a modal dialog is inert). */
  showError(lines: readonly string[]): void;
}

/** The dialog that is open, if any: page shortcuts stay quiet while one is. */
export function dialogIsOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

export function openDialog(options: DialogOptions): OpenDialog {
  const { id, title, t } = options;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const openerId = opener?.id;
  const alert = h('div', { class: 'dialog__alert', id: `${id}-alert`, attributes: { role: 'alert' } });
  const submit = options.submitLabel
    ? h(
        'button',
        {
          id: `${id}-submit`,
          class: options.danger ? 'button button--danger' : 'button',
          attributes: { type: 'submit' },
        },
        options.submitLabel,
      )
    : undefined;
  const cancel = h(
    'button',
    {
      id: `${id}-cancel`,
      class: submit ? 'button button--secondary' : 'button',
      attributes: { type: 'button' },
    },
    options.closeLabel ?? (submit ? t('dialog.cancel') : t('dialog.close')),
  );
  const form = h(
    'form',
    { class: 'dialog__form', attributes: { novalidate: true } },
    h('h2', { class: 'dialog__title', id: `${id}-title` }, title),
    options.description?.length
      ? h('div', { class: 'dialog__description', id: `${id}-description` }, ...options.description)
      : undefined,
    alert,
    ...(options.fields ?? []),
    h('div', { class: 'dialog__buttons' }, submit, cancel),
  );
  const dialog = h(
    'dialog',
    {
      id,
      class: options.danger ? 'dialog dialog--danger' : 'dialog',
      attributes: {
        'aria-labelledby': `${id}-title`,
        'aria-describedby': options.description?.length ? `${id}-description` : undefined,
        role: options.role,
      },
    },
    form,
  );

  let busy = false;
  const open: OpenDialog = {
    element: dialog,
    form,
    close: () => dialog.close(),
    showError(lines) {
      alert.replaceChildren(
        h(
          'div',
          { class: 'notice notice--error' },
          h('p', { class: 'notice__title' }, t('error.heading')),
          ...lines.map((line) => h('p', {}, line)),
        ),
      );
    },
  };

  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy || !options.onSubmit || !submit) return;
    busy = true;
    submit.setAttribute('aria-disabled', 'true');
    form.setAttribute('aria-busy', 'true');
    alert.replaceChildren();
    void options
      .onSubmit(form, open)
      .then((done) => {
        if (done) dialog.close();
      })
      .finally(() => {
        busy = false;
        submit.removeAttribute('aria-disabled');
        form.removeAttribute('aria-busy');
      });
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    options.onClose?.();
    // The opener may have been replaced by a re-render: its successor carries the same id.
    const target =
      (opener?.isConnected ? opener : undefined) ??
      (openerId ? document.getElementById(openerId) : null) ??
      (options.returnFocusId ? document.getElementById(options.returnFocusId) : null) ??
      document.getElementById('view-heading');
    target?.focus();
  });

  document.body.append(dialog);
  const firstControl = form.querySelector<HTMLElement>('input, select, textarea');
  (firstControl ?? submit ?? cancel).setAttribute('autofocus', '');
  dialog.showModal();
  return open;
}
