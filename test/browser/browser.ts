/* Chromium (the machine's, never a downloaded one) driven by playwright-core, for the console tests. */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MINA_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(process.cwd(), 'test/artifacts');

/** The built console: MINA_TEST_ADMIN_DIST, else admin/dist (`npm run build -w admin`). */
export function adminDist(): string {
  const dir = resolve(process.env.MINA_TEST_ADMIN_DIST ?? resolve(process.cwd(), 'admin/dist'));
  if (!existsSync(resolve(dir, 'index.html')))
    throw new Error(
      `The admin console is not built: ${dir}/index.html is missing. Run \`npm run build -w admin\` first.`,
    );
  return dir;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (Debian package \`chromium\`; or set MINA_CHROMIUM)`);
}

export interface ConsoleBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, for the final assertion. */
  errors: string[];
  /** Full-page screenshot in test/artifacts/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** An afterEach hook: a screenshot named after the failed test (test/artifacts/<prefix>-failed-<test>.png). */
export function shotOnFailure(prefix: string, ui: () => ConsoleBrowser | undefined) {
  return async (ctx: { task: { name: string; result?: { state?: string } } }): Promise<void> => {
    const browser = ui();
    if (ctx.task.result?.state === 'fail' && browser)
      await browser
        .shot(`${prefix}-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
        .catch(() => undefined);
  };
}

/** Signs in through the console's login page and waits for the dashboard's welcome. */
export async function signIn(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/admin/#/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/^Welcome/).waitFor();
}

/** Closes react-admin's notification (MUI Snackbar closes on Escape) so it covers nothing later. */
export async function dismissToast(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByText(text).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** One headless Chromium whose microphone plays `micWav` (looped by Chromium). */
export async function openConsoleBrowser(origin: string, micWav: string): Promise<ConsoleBrowser> {
  assertChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}`,
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  await context.grantPermissions(['microphone'], { origin });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`.slice(0, 400));
  });
  const debugLog = process.env.MINA_BROWSER_DEBUG;
  if (debugLog) {
    const log = (line: string) => appendFileSync(debugLog, `${line}\n`);
    page.on('console', (m) => log(`[browser ${m.type()}] ${m.text().slice(0, 3000)}`));
    page.on('response', (r) => {
      if (r.url().includes('/api/'))
        log(
          `[http] ${r.status()} ${r.request().method()} ${decodeURIComponent(r.url().replace(origin, ''))}`,
        );
    });
  }
  return {
    browser,
    context,
    page,
    errors,
    shot: async (name) => {
      await page.screenshot({
        path: resolve(ARTIFACTS, `${name}.png`),
        fullPage: true,
        animations: 'disabled',
      });
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}
