import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { absencesOf, documentNotes, formatClock, formatDate, sessionLine, summarySections, type ExportDocument } from './export-document.js';
import { CHUNK_SEGMENTS } from './text-renderers.js';

const note = (text: string) => new Paragraph({ children: [new TextRun({ text, italics: true, color: '666666' })] });
const para = (text: string) => new Paragraph({ text });

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

/**
 * The docx library builds the whole document in memory before zipping it, so this runs under the
 * export concurrency limit; building the transcript paragraphs returns to the event loop in chunks.
 */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    para(`Date: ${formatDate(doc.date)}`),
    para(`Participants: ${doc.participants.length ? doc.participants.join(', ') : 'none named'}`),
  ];
  for (const n of documentNotes(doc)) children.push(note(n));
  const sub = doc.kind === 'meeting' ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1;
  for (const s of doc.sessions) {
    if (doc.kind === 'meeting') children.push(new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_1 }));
    children.push(para(sessionLine(doc, s)));
    for (const n of absencesOf(s, 'session')) children.push(note(n));
    children.push(new Paragraph({ text: 'Summary', heading: sub }));
    if (s.summary) {
      children.push(para(s.summary.overview));
      for (const [name, items] of summarySections(s.summary)) {
        children.push(new Paragraph({ children: [new TextRun({ text: name, bold: true })] }));
        if (items.length === 0) children.push(para('none'));
        for (const i of items) children.push(new Paragraph({ text: `${i.text}${i.speaker ? ` (${i.speaker})` : ''}`, bullet: { level: 0 } }));
      }
    }
    for (const n of absencesOf(s, 'summary')) children.push(note(n));
    children.push(new Paragraph({ text: 'Action items', heading: sub }));
    if (s.tasks.length) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: ['Task', 'Owner', 'Due', 'Status'].map((h) => cell(h, true)) }),
            ...s.tasks.map((t) => new TableRow({ children: [t.title, t.owner ?? 'unassigned', t.dueDate ?? 'no date', t.status].map((v) => cell(v)) })),
          ],
        }),
      );
    }
    for (const n of absencesOf(s, 'tasks')) children.push(note(n));
    children.push(new Paragraph({ text: 'Transcript', heading: sub }));
    for (const n of absencesOf(s, 'transcript')) children.push(note(n));
    for (let i = 0; i < s.segments.length; i += CHUNK_SEGMENTS) {
      for (const x of s.segments.slice(i, i + CHUNK_SEGMENTS)) {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: `[${formatClock(x.startMs)}] `, color: '666666' }), new TextRun({ text: `${x.speaker ?? 'Unknown speaker'}: `, bold: true }), new TextRun(x.text)],
          }),
        );
      }
      await yieldToLoop();
    }
  }
  const document = new Document({ creator: 'Mina', title: doc.title, sections: [{ children }] });
  return Packer.toBuffer(document);
}
