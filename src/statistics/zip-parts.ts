// The parts of a zip archive (an XLSX workbook) read without trusting it: the central directory
// (zip64 included) says what each part unpacks to, so a zip bomb is refused before anything is
// unpacked; a part is unpacked as a stream and checked against what it declares (size and CRC-32).
import { crc32, createInflateRaw } from 'node:zlib';
import { clientMessage } from '../platform/client-message.js';
import { AppError, ValidationError } from '../platform/errors.js';

const CHUNK = 64 * 1024;
const count = (n: number) => n.toLocaleString('en-US');

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export function unreadable(reason: string): ValidationError {
  return new ValidationError(`The XLSX file cannot be read: ${reason}.`);
}

/** The entries of the zip's central directory (zip64 included). */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const notZip = () => unreadable('it is not a complete XLSX (zip) file');
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw notZip();
  let total = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (total === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== 0x07064b50) throw notZip();
    const record = Number(zip.readBigUInt64LE(locator + 8));
    if (record + 56 > zip.length || zip.readUInt32LE(record) !== 0x06064b50) throw notZip();
    total = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < total; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw notZip();
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > zip.length) throw notZip();
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    // Zip64: the sizes and offset too large for 32 bits are in the extra field 0x0001, in this order.
    const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
      if (extra.readUInt16LE(e) !== 0x0001) continue;
      let field = e + 4;
      const next = () => {
        if (field + 8 > e + 4 + extra.readUInt16LE(e + 2) || field + 8 > extra.length) throw notZip();
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's compressed bytes, found through its local header. */
export function compressedBytes(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.offset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw unreadable(`the part ${entry.name} is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw unreadable(`the file is truncated (in ${entry.name})`);
  return zip.subarray(start, start + entry.compressedSize);
}

const damaged = (entry: ZipEntry) => unreadable(`the part ${entry.name} does not match its checksum; the file is damaged`);

/**
 * An entry unpacked as a stream of chunks; more or fewer bytes than it declares fail, and so do bytes
 * whose CRC-32 is not the one the directory gives (after the last chunk: a reader stops at that failure).
 */
export async function* unpack(zip: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw unreadable(`the part ${entry.name} is encrypted`);
  const data = compressedBytes(zip, entry);
  if (entry.method === 0) {
    if (data.length !== entry.size) throw unreadable(`the part ${entry.name} is damaged`);
    if (crc32(data) >>> 0 !== entry.crc >>> 0) throw damaged(entry);
    for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, at + CHUNK);
    return;
  }
  if (entry.method !== 8) throw unreadable(`the part ${entry.name} uses a compression other than deflate`);
  const inflate = createInflateRaw({ chunkSize: CHUNK });
  inflate.end(data);
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      size += chunk.length;
      crc = crc32(chunk, crc);
      // A part that unpacks to more than its directory entry says is refused there: a zip bomb that lies.
      if (size > entry.size)
        throw unreadable(`the part ${entry.name} unpacks to more than the ${count(entry.size)} bytes it declares; the file is damaged`);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(`the part ${entry.name} cannot be unpacked (${clientMessage(err)})`);
  } finally {
    inflate.destroy();
  }
  if (size !== entry.size) throw unreadable(`the part ${entry.name} unpacks to fewer bytes than it declares; the file is damaged`);
  if (crc >>> 0 !== entry.crc >>> 0) throw damaged(entry);
}

/** The local header of an uncompressed entry of `size` bytes. */
export function storedHeader(name: string, size: number, crc: number): Buffer {
  const path = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30 + path.length);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed
  header.writeUInt16LE(0x0800, 6); // UTF-8 name
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt32LE(0x00210000, 10); // 1 January 1980
  header.writeUInt32LE(crc >>> 0, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(path.length, 26);
  header.writeUInt16LE(0, 28);
  path.copy(header, 30);
  return header;
}
