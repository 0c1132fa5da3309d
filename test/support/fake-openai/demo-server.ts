/*
 * The fake OpenAI in demo mode, for `npm run demo`: it knows one recording (the bundled
 * es2002a-2min.wav and its ground truth) and answers it with its real words, including audio that
 * went through a browser's microphone path (envelope matching); speech it cannot place is
 * answered with a numbered "[demo AI: unknown audio #n]" and a warning, never with silence. Chat
 * answers are labelled demo text built from the transcript (demo-chat.ts); "translations" are the
 * text behind a `[demo → xx]` tag (translation-chat.ts). Not a model.
 */
import { fixtureAudio } from '../fixtures.js';
import { installDemoChat } from './demo-chat.js';
import { startFakeOpenAI } from './fake-openai-server.js';
import { installTranslationChat } from './translation-chat.js';
import type { FakeOpenAI } from './fake-openai.types.js';

export const DEMO_RECORDING = fixtureAudio('es2002a-2min');

export async function startDemoFakeOpenAI(
  options: { port?: number; host?: string; onWarning?: (message: string) => void } = {},
): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI({
    scripts: [DEMO_RECORDING],
    match: 'exact-or-envelope',
    unmatched: 'marker',
    // Local servers answer whatever model name they are given; so does the demo.
    strictModels: false,
    onWarning: options.onWarning ?? ((message) => process.stderr.write(`${message}\n`)),
    port: options.port,
    host: options.host,
  });
  installDemoChat(fake);
  installTranslationChat(fake, (language) => `[demo → ${language}]`);
  return fake;
}
