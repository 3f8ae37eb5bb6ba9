/**
 * The MIME type of a file name's extension, as libmime's `detectMimeType` gives it (mailparser
 * types a part that names a file but no type, or only `application/octet-stream`, this way).
 *
 * The file types courts get are answered from a small table here; libmime's full table (over a
 * thousand extensions, its own bundle chunk) is imported only when a message names a file with
 * another extension, before its parts are decoded (`loadMimeTypeTable`). A test checks every entry
 * here against libmime, and that every extension libmime types as a message or a multipart is
 * here: those decide how a message is split, which happens before the full table can be loaded.
 */

type TypeTable = Readonly<Record<string, string | readonly string[]>>;

const octetStream = 'application/octet-stream';
const openXml = 'application/vnd.openxmlformats-officedocument';
const openDocument = 'application/vnd.oasis.opendocument';

const commonTypes: ReadonlyMap<string, string> = new Map([
  ['pdf', 'application/pdf'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['jpe', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['tif', 'image/tiff'],
  ['tiff', 'image/tiff'],
  ['bmp', 'image/bmp'],
  ['heic', 'image/heic'],
  ['heif', 'image/heif'],
  ['webp', 'image/webp'],
  ['doc', 'application/msword'],
  ['docx', `${openXml}.wordprocessingml.document`],
  ['xls', 'application/vnd.ms-excel'],
  ['xlsx', `${openXml}.spreadsheetml.sheet`],
  ['ppt', 'application/vnd.ms-powerpoint'],
  ['pptx', `${openXml}.presentationml.presentation`],
  ['odt', `${openDocument}.text`],
  ['ods', `${openDocument}.spreadsheet`],
  ['odp', `${openDocument}.presentation`],
  ['rtf', 'application/rtf'],
  ['txt', 'text/plain'],
  ['csv', 'text/csv'],
  ['htm', 'text/html'],
  ['html', 'text/html'],
  ['xml', 'application/xml'],
  ['zip', 'application/zip'],
  ['7z', 'application/x-7z-compressed'],
  ['rar', 'application/x-rar-compressed'],
  ['gz', 'application/x-gzip'],
  ['msg', 'application/vnd.ms-outlook'],
  ['ics', 'text/calendar'],
  ['p7s', 'application/pkcs7-signature'],
  ['p7m', 'application/pkcs7-mime'],
  // Latvian and Estonian e-signature containers: libmime does not know them either.
  ['edoc', octetStream],
  ['asice', octetStream],
  ['asics', octetStream],
  ['bdoc', octetStream],
  ['sce', octetStream],
  // The extensions libmime types as a message or a multipart: they change how a part is split.
  ['eml', 'message/rfc822'],
  ['mht', 'message/rfc822'],
  ['mhtml', 'message/rfc822'],
  ['nws', 'message/rfc822'],
  ['gzip', 'multipart/x-gzip'],
]);

let fullTable: TypeTable | undefined;

/** libmime's reading of a file name's extension: the part after the last dot, white space removed. */
function extensionOf(filename: string): string {
  return filename.toLowerCase().replace(/\s/g, '').replace(/^\./g, '').split('.').pop() || '';
}

function typeFromTable(table: TypeTable, extension: string): string {
  if (!Object.hasOwn(table, extension)) return octetStream;
  const types = table[extension] as string | readonly string[];
  if (typeof types === 'string') return types;
  return types.find((type) => type.split('/')[1] === extension) ?? types[0] ?? octetStream;
}

/**
 * The type of the file name's extension (`application/octet-stream` for one libmime does not
 * know), or undefined when only the full table can tell and it is not loaded yet.
 */
export function mimeTypeOf(filename: string): string | undefined {
  const extension = extensionOf(filename);
  if (fullTable) return typeFromTable(fullTable, extension);
  return commonTypes.get(extension);
}

/** Loads libmime's full table, after which `mimeTypeOf` answers for every name. */
export async function loadMimeTypeTable(): Promise<void> {
  fullTable ??= (await import('libmime/lib/mimetypes')).extensions as TypeTable;
}

/** Whether the full table is loaded, so that a test can tell whether a parse needed it. */
export function mimeTypeTableLoaded(): boolean {
  return fullTable !== undefined;
}
