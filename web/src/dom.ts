/** The page's element with `id`, checked to be of `type`: a page that lacks it fails at start, loudly. */
export function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The page has no ${type.name} #${id}`);
  return found;
}

/** Shows `key`'s text in `node` and marks it, so that a language switch shows it anew. */
export function setTextKey(node: HTMLElement, key: string, value: string): void {
  node.dataset.text = key;
  node.textContent = value;
}
