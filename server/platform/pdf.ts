import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// Printable documents (委派函, 调解协议书, 公示 lists, certificates): a small declarative layer
// over pdfkit. Chinese text is set in Noto Sans SC, shipped by the npm package
// @expo-google-fonts/noto-sans-sc (TTF) so every `npm ci` machine has it; pdfkit embeds only
// the glyphs a document uses (subset) with a ToUnicode map, so a letter stays ≈ 20–40 KB and
// its text can be searched and copied in any viewer.

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function cjkFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

export type PdfBlock =
  /** centred heading */
  | { kind: 'title'; text: string; size?: number }
  /** a right-aligned line under the title: a document number, a date */
  | { kind: 'right'; text: string }
  /** body text; `indent` gives the two-character first-line indent of Chinese prose */
  | { kind: 'paragraph'; text: string; indent?: boolean; bold?: boolean }
  /** label: value lines */
  | { kind: 'fields'; rows: ReadonlyArray<readonly [string, string]> }
  /** a simple table: header row and rows, column widths in points (sum ≤ 495) */
  | { kind: 'table'; columns: ReadonlyArray<{ header: string; width: number }>; rows: ReadonlyArray<ReadonlyArray<string>> }
  /** the signing block at the bottom right: the issuing body, the date */
  | { kind: 'signature'; lines: readonly string[] }
  | { kind: 'space'; lines?: number };

export interface PdfSpec {
  title: string;
  author?: string;
  blocks: readonly PdfBlock[];
}

/** Renders the blocks on A4 pages and answers the whole PDF file. */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  const { regular, bold } = cjkFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 64, right: 64 }, info: { Title: spec.title, Author: spec.author ?? '', Creator: 'Gonghui' } });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const block of spec.blocks) {
    switch (block.kind) {
      case 'title':
        doc.font('cjk-bold').fontSize(block.size ?? 20).text(block.text, { align: 'center', width });
        doc.moveDown(0.6);
        break;
      case 'right':
        doc.font('cjk').fontSize(11).text(block.text, { align: 'right', width });
        doc.moveDown(0.4);
        break;
      case 'paragraph':
        doc.font(block.bold ? 'cjk-bold' : 'cjk').fontSize(12).text(block.text, { width, indent: block.indent ? 24 : 0, lineGap: 6, align: 'justify' });
        doc.moveDown(0.5);
        break;
      case 'fields': {
        // the label column fits the longest label (up to 170 pt), so no label wraps into the next row
        doc.font('cjk-bold').fontSize(12);
        const labelWidth = Math.min(170, Math.max(...block.rows.map(([label]) => doc.widthOfString(`${label}：`))) + 12);
        for (const [label, value] of block.rows) {
          const y = doc.y;
          doc.font('cjk-bold').fontSize(12).text(`${label}：`, doc.page.margins.left, y, { width: labelWidth });
          const labelBottom = doc.y;
          doc.font('cjk').fontSize(12).text(value || '—', doc.page.margins.left + labelWidth, y, { width: width - labelWidth, lineGap: 4 });
          doc.x = doc.page.margins.left;
          doc.y = Math.max(doc.y, labelBottom);
          doc.moveDown(0.3);
        }
        doc.moveDown(0.4);
        break;
      }
      case 'table': {
        const left = doc.page.margins.left;
        const drawRow = (cells: ReadonlyArray<string>, font: string) => {
          doc.font(font).fontSize(10);
          const heights = cells.map((c, i) => doc.heightOfString(c || ' ', { width: block.columns[i].width - 8 }));
          const h = Math.max(...heights) + 8;
          if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
          const y = doc.y;
          let x = left;
          cells.forEach((c, i) => {
            doc.rect(x, y, block.columns[i].width, h).stroke('#999999');
            doc.text(c, x + 4, y + 4, { width: block.columns[i].width - 8 });
            x += block.columns[i].width;
          });
          doc.x = left;
          doc.y = y + h;
        };
        drawRow(block.columns.map((c) => c.header), 'cjk-bold');
        for (const r of block.rows) drawRow(r, 'cjk');
        doc.moveDown(0.8);
        break;
      }
      case 'signature':
        doc.moveDown(1.5);
        for (const line of block.lines) doc.font('cjk').fontSize(12).text(line, { align: 'right', width, lineGap: 6 });
        break;
      case 'space':
        doc.moveDown(block.lines ?? 1);
        break;
    }
  }
  doc.end();
  return done;
}
