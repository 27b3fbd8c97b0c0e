// Reads and checks the partner catalogue (catalogs/partners.yaml). A broken file names the file,
// the line and the problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ValidationError } from '../errors.js';
import { CATALOG_DIR } from '../paths.js';

export const PARTNER_CATALOG_FILE = join(CATALOG_DIR, 'partners.yaml');

export interface PartnerEntry {
  code: string;
  name: string;
  group: string;
  sortOrder: number;
}

function lineOf(node: Node | null | undefined, lines: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lines.linePos(start).line;
}

export function parsePartnerCatalog(text: string, file: string): PartnerEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (message: string, node?: Node | null): never => {
    const line = lineOf(node, lines);
    throw new ValidationError(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line });
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lines.linePos(e.pos[0]).line;
    throw new ValidationError(`${file}${line ? `:${line}` : ''}: ${e.message.split('\n')[0]}`, { file, line });
  }
  const groupsNode = doc.get('groups', true) as Node | undefined;
  if (!isMap(groupsNode)) fail('`groups` must be a mapping of group code to name', groupsNode ?? doc.contents);
  const groups = new Set(
    (groupsNode as { items: { key: unknown }[] }).items.map((i) => String((i.key as { value?: unknown })?.value ?? i.key)),
  );
  const partnersNode = doc.get('partners', true) as Node | undefined;
  if (!isSeq(partnersNode)) return fail('`partners` must be a list', partnersNode ?? doc.contents);
  const seen = new Set<string>();
  return partnersNode.items.map((item, index) => {
    const node = item as Node;
    if (!isMap(node)) return fail(`partner #${index + 1} must be a mapping with code, name and group`, node);
    const code = node.get('code');
    const name = node.get('name');
    const group = node.get('group');
    if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code))
      fail(`partner #${index + 1}: code must be two capital letters (ISO 3166-1 alpha-2), got ${JSON.stringify(code)}`, node);
    if (seen.has(code as string)) fail(`partner ${code} is listed twice`, node);
    seen.add(code as string);
    if (typeof name !== 'string' || name.trim() === '') fail(`partner ${code}: name is missing`, node);
    if (typeof group !== 'string' || !groups.has(group))
      fail(`partner ${code}: group ${JSON.stringify(group)} is not one of ${[...groups].join(', ')}`, node);
    return { code: code as string, name: (name as string).trim(), group: group as string, sortOrder: index };
  });
}

export function loadPartnerCatalog(path: string): PartnerEntry[] {
  return parsePartnerCatalog(readFileSync(path, 'utf8'), path);
}

/** The partners the product ships with (catalogs/partners.yaml). */
export function loadShippedPartners(): PartnerEntry[] {
  return loadPartnerCatalog(PARTNER_CATALOG_FILE);
}
