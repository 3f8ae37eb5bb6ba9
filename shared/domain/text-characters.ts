/**
 * Characters that have no place in what a client sends (the web form's fields, the assistant's
 * question): one definition, so the form and the assistant refuse the same text.
 */

/**
 * C0/C1 controls (tabs and line breaks are left to each field), the noncharacters U+FFFE/U+FFFF and
 * unpaired surrogates.
 */
export const controlCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const lineBreaks = /[\t\n\r]/;

/** Bidirectional overrides and isolates, which can make text display as something else. */
export const bidiOverrides = /[\u202a-\u202e\u2066-\u2069]/;

/** Unicode format characters (Cf): the bidi marks and overrides, zero-width and invisible characters. */
export const formatCharacters = /\p{Cf}/u;
