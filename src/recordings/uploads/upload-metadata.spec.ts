import { describe, expect, it } from 'vitest';
import { MinaException } from '#src/common/mina.exception.js';
import { parseUploadMetadata } from './upload-metadata.js';

const refused = (raw: Record<string, string | null>): string | undefined => {
  try {
    parseUploadMetadata(raw);
    return undefined;
  } catch (error) {
    return (error as MinaException).code;
  }
};

describe('parseUploadMetadata', () => {
  it('reads the known keys, trims them, and ignores the others', () => {
    expect(parseUploadMetadata({ filename: ' standup.mp3 ', filetype: 'audio/mpeg', title: 'Standup', clientId: 'abc-1', meetingId: '7d0c0a4e-1b7a-4c59-9a43-9f2f59a1f0a1', language: 'pt-BR', relativePath: null })).toEqual({
      filename: 'standup.mp3',
      filetype: 'audio/mpeg',
      title: 'Standup',
      clientId: 'abc-1',
      meetingId: '7d0c0a4e-1b7a-4c59-9a43-9f2f59a1f0a1',
      language: 'pt-BR',
    });
    expect(parseUploadMetadata({ filename: 'a.wav', title: '  ' })).toMatchObject({ title: null, clientId: null, language: null });
  });

  it.each([
    ['no filename', {}],
    ['an empty filename', { filename: ' ' }],
    ['a NUL in the filename', { filename: 'a\u0000.wav' }],
    ['a newline in the title', { filename: 'a.wav', title: 'x\ny' }],
    ['a filename over 255 characters', { filename: `${'a'.repeat(252)}.wav` }],
    ['a clientId over 200 characters', { filename: 'a.wav', clientId: 'c'.repeat(201) }],
    ['a title over 300 characters', { filename: 'a.wav', title: 't'.repeat(301) }],
    ['a meetingId that is no uuid', { filename: 'a.wav', meetingId: '42' }],
    ['a language that is no code', { filename: 'a.wav', language: 'english please' }],
    ['a filetype that is no media type', { filename: 'a.wav', filetype: 'wav' }],
  ])('refuses %s', (_, raw) => {
    expect(refused(raw as Record<string, string>)).toBe('UPLOAD_METADATA_INVALID');
  });
});
