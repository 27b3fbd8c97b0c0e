// A small XML writer (pure): elements with attributes and children, every text and attribute
// escaped, characters XML 1.0 cannot carry dropped. Enough for SDMX-ML structure messages; no
// maintained npm library writes SDMX, and a general XML builder would add nothing but escaping.

export interface XmlElement {
  name: string;
  attributes: Record<string, string | number | undefined>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** An element; attributes left undefined are not written. */
export function el(name: string, attributes: XmlElement['attributes'] = {}, ...children: (XmlNode | XmlNode[] | null)[]): XmlElement {
  return { name, attributes, children: children.flat().filter((c): c is XmlNode => c !== null) };
}

// Tabs, line feeds and carriage returns are the only characters below U+0020 that XML 1.0 allows; U+FFFE and U+FFFF and lone surrogates are not allowed either.
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function write(node: XmlNode, indent: string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  const attributes = Object.entries(node.attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');
  if (node.children.length === 0) {
    out.push(`${indent}<${node.name}${attributes}/>\n`);
    return;
  }
  if (node.children.every((c) => typeof c === 'string')) {
    out.push(`${indent}<${node.name}${attributes}>`);
    for (const c of node.children) write(c, '', out);
    out.push(`</${node.name}>\n`);
    return;
  }
  out.push(`${indent}<${node.name}${attributes}>\n`);
  for (const c of node.children) write(c, `${indent}  `, out);
  out.push(`${indent}</${node.name}>\n`);
}

/** The document: the XML declaration and the root element, indented. */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, '', out);
  return out.join('');
}
