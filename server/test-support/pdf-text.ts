import { inflateSync } from 'node:zlib';

/**
 * The characters a PDF's embedded fonts can show, read from their ToUnicode CMaps (pdfkit
 * writes one per subset font). Enough for a test to check that a name was typeset, without a
 * PDF text extractor on the machine.
 */
export function pdfFontCharacters(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    let body: string;
    try { body = inflateSync(raw).toString('latin1'); } catch { body = raw.toString('latin1'); }
    if (body.includes('begincmap')) {
      for (const hex of body.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
        const h = hex[1];
        if (h.length % 4 !== 0) continue;
        const units: number[] = [];
        for (let i = 0; i < h.length; i += 4) units.push(parseInt(h.slice(i, i + 4), 16));
        out.push(String.fromCharCode(...units));
      }
    }
    streamRe.lastIndex = end + 'endstream'.length;
  }
  return out.join('');
}
