/**
 * What a view of the admin page gets from the page around it: the staff API, who is signed in,
 * the words in the page's language, and a few verbs (show a view, go elsewhere, tell the person
 * something). A view knows nothing else of the page, so it can change without reading the rest.
 */
import type { Language } from '../../../shared/domain/language.ts';
import type { MeResponse } from '../../../shared/http/staff-contract.ts';
import type { Failure, StaffApi } from './api.ts';
import type { Translate } from './notifications.ts';
import type { Route } from './routes.ts';

/** What rendering needs: the language and its words, who is signed in, and addresses. */
export interface ViewContext {
  readonly language: Language;
  readonly t: Translate;
  readonly me: MeResponse;
  unitName(id: string): string;
  href(route: Route): string;
}

/** How a view is being shown. */
export interface Showing {
  /** The navigation this showing belongs to; see `AdminShell.isCurrent`. */
  readonly generation: number;
  /** Whether the view's heading takes the focus (a navigation by the person, not the first load). */
  readonly focus: boolean;
  /** A re-render in place (a language switch): what the view shows stays. */
  readonly keepContent: boolean;
}

export interface AdminShell {
  readonly api: StaffApi;
  readonly t: Translate;
  readonly language: Language;
  /** The rendering context in the page's language now. */
  readonly context: ViewContext;
  /** The list a back link returns to: a worklist, search results, the quarantine, the letters. */
  readonly listRoute: Route;
  /** The generation of the view on the page now. */
  readonly generation: number;
  /** Whether the person is leaving (signing out): background work stops. */
  readonly signingOut: boolean;
  /** Whether the view shown for `generation` is still the page's: a late answer is dropped if not. */
  isCurrent(generation: number): boolean;
  navigate(route: Route, options: { readonly focus: boolean }): Promise<void>;
  /** Puts a view in the page under `title`, and focuses the element with the id `focus`. */
  render(title: string, view: Node | readonly Node[], focus?: string): void;
  /** A view that could not be loaded: the failure said in its place, with the way back. */
  showFailure(failure: Failure, reference?: string): void;
  /** The page is done loading (the view is about to be shown by other means). */
  loaded(): void;
  toast(message: string): void;
  /** A failure in the page's alert region (nothing for a 401: the person is signing in again). */
  failure(failure: Failure): void;
  /** Lines of an error in the page's alert region; none clears it. */
  alert(lines: readonly string[]): void;
}
