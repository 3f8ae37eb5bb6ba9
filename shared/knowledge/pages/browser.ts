/** What the help pages' search script shares with the renderer: the texts and the form's address. */
export { formPath } from './form-path.ts';
export { helpTexts } from './texts.ts';
