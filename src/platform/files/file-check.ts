// Checks an uploaded file before anything is stored: the size limit, a file name without paths
// or control characters, and a type recognised from the content itself (not from what the
// browser claims), which must also match the name's extension.
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '../errors.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What may be uploaded as evidence or a meeting document, by extension. */
export const ALLOWED_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  txt: 'text/plain',
};
const TEXT_EXTENSIONS = new Set(['csv', 'txt']);

export interface CheckedFile {
  name: string;
  mediaType: string;
  content: Buffer;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** The last path segment with control characters removed; refused when nothing usable is left. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 200);
  if (name === '' || name === '.' || name === '..')
    throw new ValidationError('The upload needs a file name (query parameter "name"), e.g. report.pdf.', { field: 'name' });
  return name;
}

function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}

function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** Refuses with a message naming the problem, or returns the file with its checked media type. */
export async function checkUpload(rawName: string | undefined, content: Buffer, limit = MAX_UPLOAD_BYTES): Promise<CheckedFile> {
  const name = cleanFileName(rawName);
  if (content.length === 0) throw new ValidationError(`"${name}" is empty.`, { field: 'file' });
  if (content.length > limit)
    throw new ValidationError(`"${name}" is ${formatBytes(content.length)}; the limit is ${formatBytes(limit)}.`, { field: 'file' });
  const ext = extensionOf(name);
  const allowed = Object.keys(ALLOWED_TYPES).join(', ');
  if (!(ext in ALLOWED_TYPES))
    throw new ValidationError(`"${name}": files of type ${ext ? `.${ext}` : 'without extension'} are not accepted (allowed: ${allowed}).`, {
      field: 'file',
    });
  const expected = ALLOWED_TYPES[ext]!;
  const detected = await fileTypeFromBuffer(content);
  if (TEXT_EXTENSIONS.has(ext)) {
    // Text has no signature: it must decode as UTF-8, and must not be a recognised binary format renamed.
    if (detected)
      throw new ValidationError(`"${name}" does not contain what its name says (.${ext}); its content is ${detected.mime}.`, {
        field: 'file',
      });
    if (!isPlainText(content))
      throw new ValidationError(`"${name}" is not UTF-8 text although its name ends in .${ext}.`, { field: 'file' });
    return { name, mediaType: expected, content };
  }
  if (!detected || detected.mime !== expected) {
    throw new ValidationError(
      `"${name}" does not contain what its name says (.${ext}); its content is ${detected ? `${detected.mime}` : 'of an unknown type'}.`,
      { field: 'file' },
    );
  }
  return { name, mediaType: expected, content };
}
