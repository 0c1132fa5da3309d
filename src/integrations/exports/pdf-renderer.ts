import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { absencesOf, documentNotes, formatClock, formatDate, sessionLine, summarySections, type ExportDocument } from './export-document.js';

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
/** DejaVu Sans: Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic glyphs. No CJK, Thai or Indic scripts. */
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
/** Transcript lines laid out between two returns to the event loop (pdfkit takes about half a millisecond a line). */
const PDF_CHUNK = 100;

/** Scripts no installed font covers: their characters would print as empty boxes, so the PDF says so. */
const UNCOVERED = /[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f\u0900-\u0dff]/u;

/** Hebrew and Arabic: drawn and joined, but pdfkit has no bidirectional layout, so the words of a line come out in the wrong order. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

function anyText(doc: ExportDocument, pattern: RegExp): boolean {
  return doc.sessions.some(
    (s) => pattern.test(s.title) || s.segments.some((x) => pattern.test(x.text) || pattern.test(x.speaker ?? '')) || (s.summary !== null && pattern.test(s.summary.overview)),
  );
}

export const hasUncoveredScript = (doc: ExportDocument): boolean => anyText(doc, UNCOVERED);

/**
 * Draws the document page by page into `out`, returning to the event loop every few hundred
 * transcript lines; pdfkit writes finished pages to the stream as it goes.
 */
export async function renderPdf(doc: ExportDocument, out: Writable): Promise<void> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, bufferPages: false, info: { Title: doc.title, Creator: 'Mina' }, lang: doc.sessions[0]?.language ?? 'en' });
  pdf.registerFont('body', REGULAR);
  pdf.registerFont('bold', BOLD);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    out.on('error', reject);
    pdf.on('error', reject);
  });
  pdf.pipe(out);

  const heading = (text: string, size: number) => pdf.moveDown(0.6).font('bold').fontSize(size).text(text).moveDown(0.2).font('body').fontSize(10);
  const para = (text: string) => pdf.font('body').fontSize(10).text(text);
  const note = (text: string) => pdf.font('body').fontSize(10).fillColor('#666666').text(text).fillColor('black');

  pdf.font('bold').fontSize(18).text(doc.title);
  pdf.font('body').fontSize(10).moveDown(0.3).text(`Date: ${formatDate(doc.date)}`).text(`Participants: ${doc.participants.length ? doc.participants.join(', ') : 'none named'}`);
  if (hasUncoveredScript(doc))
    note('Some characters (Chinese, Japanese, Korean, Thai or Indic scripts) cannot be drawn with the fonts on this server and show as empty boxes; the TXT, Markdown, DOCX and JSON exports keep them.');
  if (anyText(doc, RIGHT_TO_LEFT))
    note('Right-to-left text (Hebrew, Arabic) is drawn letter by letter without bidirectional layout: the words of a line may appear in the wrong order; the TXT, Markdown, DOCX and JSON exports keep it right.');

  for (const n of documentNotes(doc)) note(n);
  for (const s of doc.sessions) {
    if (doc.kind === 'meeting') heading(s.title, 15);
    para(sessionLine(doc, s));
    for (const n of absencesOf(s, 'session')) note(n);
    const sub = doc.kind === 'meeting' ? 12 : 14;
    heading('Summary', sub);
    if (s.summary) {
      para(s.summary.overview);
      for (const [name, items] of summarySections(s.summary)) {
        pdf.moveDown(0.3).font('bold').fontSize(10).text(name);
        if (items.length) pdf.font('body').list(items.map((i) => `${i.text}${i.speaker ? ` (${i.speaker})` : ''}`), { bulletRadius: 1.5 });
        else para('none');
      }
    }
    for (const n of absencesOf(s, 'summary')) note(n);
    heading('Action items', sub);
    for (const t of s.tasks) para(`• ${t.title} — owner: ${t.owner ?? 'unassigned'}; due: ${t.dueDate ?? 'no date'}; status: ${t.status}`);
    for (const n of absencesOf(s, 'tasks')) note(n);
    heading('Transcript', sub);
    for (const n of absencesOf(s, 'transcript')) note(n);
    for (let i = 0; i < s.segments.length; i += PDF_CHUNK) {
      // The client went away: stop laying out pages nobody will read (the concurrency slot frees at once).
      if (out.destroyed) break;
      for (const x of s.segments.slice(i, i + PDF_CHUNK)) {
        pdf.font('bold').fontSize(10).text(`[${formatClock(x.startMs)}] ${x.speaker ?? 'Unknown speaker'}: `, { continued: true }).font('body').text(x.text);
      }
      await yieldToLoop();
    }
  }
  pdf.end();
  await done;
}

