/**
 * Single-key shortcuts for what staff do all day. They never fire while the person types (in a
 * text field, a select, an editable element), while a dialog is open, or with Ctrl, Alt or Meta
 * held (those belong to the browser and to assistive technology).
 */
import type { WorklistViewName } from '../../../shared/http/staff-contract.ts';
import { dialogIsOpen, openDialog } from './dialogs.ts';
import { h, isTypingTarget } from './dom.ts';
import type { Translate } from './notifications.ts';
import type { TextKey } from './texts.ts';

export interface ShortcutHandlers {
  takeNext(): void;
  reply(): void;
  note(): void;
  search(): void;
  help(): void;
  go(view: WorklistViewName): void;
}

/** `g` then this key opens a worklist. */
export const goKeys: Readonly<Record<string, WorklistViewName>> = {
  q: 'queue',
  m: 'mine',
  d: 'due',
  o: 'overdue',
  v: 'review',
  c: 'callbacks',
};

/** The help dialog's table: key sequence and what it does. */
export const shortcutList: readonly { readonly keys: readonly string[]; readonly action: TextKey }[] = [
  { keys: ['n'], action: 'shortcuts.takeNext' },
  { keys: ['r'], action: 'shortcuts.reply' },
  { keys: ['i'], action: 'shortcuts.note' },
  { keys: ['/'], action: 'shortcuts.search' },
  { keys: ['?'], action: 'shortcuts.help' },
  { keys: ['g', 'q'], action: 'shortcuts.goQueue' },
  { keys: ['g', 'm'], action: 'shortcuts.goMine' },
  { keys: ['g', 'd'], action: 'shortcuts.goDue' },
  { keys: ['g', 'o'], action: 'shortcuts.goOverdue' },
  { keys: ['g', 'v'], action: 'shortcuts.goReview' },
  { keys: ['g', 'c'], action: 'shortcuts.goCallbacks' },
];

const sequenceTimeoutMs = 1500;

/** Listens for shortcuts; `enabled` says whether they apply now (e.g. signed in and working tickets). */
export function installShortcuts(handlers: ShortcutHandlers, enabled: () => boolean): () => void {
  let pendingGo = 0;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (!enabled() || dialogIsOpen() || isTypingTarget(event.target)) return;
    const key = event.key;
    if (pendingGo > Date.now()) {
      pendingGo = 0;
      const view = Object.hasOwn(goKeys, key.toLowerCase()) ? goKeys[key.toLowerCase()] : undefined;
      if (view) {
        event.preventDefault();
        handlers.go(view);
      }
      return;
    }
    const actions: Record<string, () => void> = {
      n: handlers.takeNext,
      r: handlers.reply,
      i: handlers.note,
      '/': handlers.search,
      '?': handlers.help,
      g: () => {
        pendingGo = Date.now() + sequenceTimeoutMs;
      },
    };
    const action = Object.hasOwn(actions, key) ? actions[key] : undefined;
    if (!action) return;
    // The key itself must not land in the field that the shortcut focuses.
    event.preventDefault();
    action();
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}

/** The dialog that lists the shortcuts, keys as `<kbd>` in the catalogue's word order. */
export function openShortcutHelp(t: Translate): void {
  const key = (value: string) => h('kbd', {}, value);
  openDialog({
    id: 'shortcuts-dialog',
    title: t('shortcuts.title'),
    description: [h('p', {}, t('shortcuts.intro'))],
    fields: [
      h(
        'table',
        { class: 'shortcuts', attributes: { 'aria-labelledby': 'shortcuts-dialog-title' } },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { attributes: { scope: 'col' } }, t('shortcuts.key')),
            h('th', { attributes: { scope: 'col' } }, t('shortcuts.action')),
          ),
        ),
        h(
          'tbody',
          {},
          ...shortcutList.map((shortcut) => {
            const [first = '', second] = shortcut.keys;
            const keys = second === undefined ? [key(first)] : sequence(t, key(first), key(second));
            return h('tr', {}, h('td', {}, ...keys), h('td', {}, t(shortcut.action)));
          }),
        ),
      ),
    ],
    returnFocusId: 'shortcuts-button',
    t,
  });
}

/** "g, then q" with the keys as elements, in the catalogue's word order. */
function sequence(t: Translate, first: HTMLElement, second: HTMLElement): (Node | string)[] {
  // Without values the placeholders stay, to be split out: the keys are elements, not text.
  return t('shortcuts.then')
    .split(/(\{first\}|\{second\})/)
    .map((part) => {
      if (part === '{first}') return first;
      if (part === '{second}') return second;
      return part;
    });
}
