/**
 * Building the page from code. Strings given as children become text nodes and attribute values
 * are set with `setAttribute`: nothing here ever parses HTML, so a ticket's subject or a client's
 * message cannot become markup, whatever it contains.
 */

export type Child = Node | string | false | null | undefined;

export interface Properties {
  readonly id?: string;
  readonly class?: string;
  /** Attributes; `false` and `undefined` leave the attribute out, `true` sets it empty. */
  readonly attributes?: Readonly<Record<string, string | boolean | undefined>>;
  readonly dataset?: Readonly<Record<string, string>>;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** A new element with properties and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Properties = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (properties.id) node.id = properties.id;
  if (properties.class) node.className = properties.class;
  for (const [name, value] of Object.entries(properties.attributes ?? {})) {
    if (value === true) node.setAttribute(name, '');
    else if (typeof value === 'string') node.setAttribute(name, value);
  }
  for (const [name, value] of Object.entries(properties.dataset ?? {})) node.dataset[name] = value;
  for (const [type, listener] of Object.entries(properties.on ?? {})) {
    node.addEventListener(type, listener as EventListener);
  }
  append(node, ...children);
  return node;
}

/** Appends children, strings as text. */
export function append(parent: Node, ...children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** The element with `id`, of the expected type, or an error naming what the page lacks. */
export function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The page has no ${type.name} #${id}`);
  return found;
}

/** Whether a key press is meant for a control (typing), so that page shortcuts must ignore it. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}

/** Download links are followed only to http(s) addresses: never `javascript:` or `data:`. */
export function safeDownloadUrl(value: string): string | undefined {
  try {
    const url = new URL(value, window.location.origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
