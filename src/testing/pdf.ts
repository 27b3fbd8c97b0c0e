// Reads a PDF back as a reader would (pdf.js): the text of every page, whether it is tagged
// (accessible structure), its outline's titles.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function readPdf(bytes: Buffer): Promise<{ text: string; tagged: boolean; outline: string[]; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    // Items are runs of text (a ligature such as "fi" is a run of its own); a line ends with hasEOL.
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''));
  }
  const mark = (await doc.getMarkInfo()) as { Marked?: boolean } | null;
  const outline = ((await doc.getOutline()) ?? []).map((o) => o.title);
  const count = doc.numPages;
  await doc.destroy();
  return { text: pages.join('\n').replace(/\s+/g, ' '), tagged: mark?.Marked === true, outline, pages: count };
}
