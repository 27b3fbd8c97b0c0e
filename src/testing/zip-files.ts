// Zip archives and XLSX workbooks built byte by byte for the upload tests: parts deflated (or
// stored) as given, sizes that may lie, nothing random, so that the same call gives the same bytes.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface Part {
  data: Buffer;
  size: number;
  crc: number;
  /** The unpacked size written in the zip's headers, when it is to lie. */
  declare?: number;
  /** Compression method in the headers: 8 (deflate, the default) or 0 (stored); anything else to test a refusal. */
  method?: number;
  /** General purpose flags (bit 0: encrypted). */
  flags?: number;
}

/** A text (or bytes), deflated. */
export function textPart(text: string | Buffer): Part {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return { data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** A text (or bytes), stored uncompressed (method 0). */
export function storedPart(text: string | Buffer): Part {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return { data: bytes, size: bytes.length, crc: crc32(bytes), method: 0 };
}

/**
 * `head`, `times` copies of `unit`, `tail`, deflated without ever holding the whole: blocks of 1 MB are
 * compressed once, each ending with a full flush (so that copies of it can follow one another), then repeated.
 */
export function repeatedPart(head: string, unit: string, times: number, tail: string): Part {
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / unit.length));
  const block = Buffer.from(unit.repeat(perBlock));
  const blocks = Math.floor(times / perBlock);
  const rest = Buffer.from(unit.repeat(times - blocks * perBlock));
  const [h, t] = [Buffer.from(head), Buffer.from(tail)];
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const packedBlock = flushed(block);
  const data: Buffer[] = [flushed(h)];
  let crc = crc32(h);
  for (let i = 0; i < blocks; i += 1) {
    data.push(packedBlock);
    crc = crc32(block, crc);
  }
  data.push(flushed(rest), deflateRawSync(t));
  crc = crc32(t, crc32(rest, crc));
  return { data: Buffer.concat(data), size: h.length + blocks * block.length + rest.length + t.length, crc };
}

/** A zip archive of the parts, in the order given (local headers, then the central directory). */
export function zip(parts: Record<string, Part>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, part] of Object.entries(parts)) {
    const path = Buffer.from(name);
    const size = part.declare ?? part.size;
    const method = part.method ?? 8;
    const flags = part.flags ?? 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(part.crc >>> 0, 14);
    header.writeUInt32LE(part.data.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(path.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(part.crc >>> 0, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(path.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, path, part.data);
    central.push(entry, path);
    offset += 30 + path.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

/** The SpreadsheetML namespace declaration of workbooks, sheets and shared strings. */
export const SPREADSHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A cell holding a text inline (no shared strings). */
export const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The workbook part naming one sheet, and its relationships to that sheet (and to shared strings, when asked). */
export function workbookParts(opts: { sharedStrings?: boolean } = {}): Record<string, Part> {
  return {
    'xl/workbook.xml': textPart(
      `<workbook ${SPREADSHEET_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="values" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': textPart(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        (opts.sharedStrings
          ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          : '') +
        '</Relationships>',
    ),
  };
}

/** A workbook of one sheet, as Excel lays it out (workbook, relationships, the sheet, then any other parts). */
export function workbook(sheet: Part, more: Record<string, Part> = {}): Buffer {
  return zip({ ...workbookParts(), 'xl/worksheets/sheet1.xml': sheet, ...more });
}
