import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { MinaException } from '#src/common/mina.exception.js';
import type { LoginResult } from '../auth.service.js';
import { ClientIp, Public } from '../decorators.js';
import { OidcClientService } from './oidc-client.service.js';
import { SsoSignInService } from './sso-sign-in.service.js';
import type { SsoConfigView } from '@mina/contract/sso';

const BASE = '/api/auth/oidc';
const STATE_COOKIE = 'mina_oidc_state';
const HANDOFF_COOKIE = 'mina_oidc_handoff';
/** The console's login page (hash router): it reads `sso` / `sso_error` from there. */
const CONSOLE_LOGIN = '/admin/#/login';

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * OpenID Connect sign-in for the console: `login` sends the browser to the provider, `callback`
 * receives it back and sends it on to the console's login page, which calls `exchange` for the
 * tokens. Errors of the browser-facing steps land on that page as `?sso_error=<CODE>`.
 */
@ApiTags('auth')
@Controller('api/auth/oidc')
export class OidcController {
  constructor(
    private readonly client: OidcClientService,
    private readonly signIn: SsoSignInService,
  ) {}

  /** Whether the console should offer "Sign in with …". */
  @Get('config')
  @Public()
  settings(): SsoConfigView {
    return { enabled: this.client.enabled, label: this.client.enabled ? this.client.requireSettings().label : null };
  }

  @Get('login')
  @Public()
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    // Unset, the callback URL is this request's own origin; a forged Host only gets a redirect URI the provider does not know.
    const redirectUri = this.client.requireSettings().redirectUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}${BASE}/callback`;
    try {
      const started = await this.signIn.start(redirectUri);
      res.cookie(STATE_COOKIE, started.sealed, this.cookieOptions(req, started.ttlSeconds));
      res.redirect(302, started.url);
    } catch (error) {
      toConsole(res, error);
    }
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response, @ClientIp() ip: string): Promise<void> {
    const settings = this.client.requireSettings();
    const sealed = readCookie(req, STATE_COOKIE);
    res.clearCookie(STATE_COOKIE, this.cookieOptions(req));
    const query = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    try {
      const handoff = await this.signIn.finish(sealed, query, ip);
      res.cookie(HANDOFF_COOKIE, handoff, this.cookieOptions(req, settings.handoffTtlSeconds));
      res.redirect(302, `${CONSOLE_LOGIN}?sso=done`);
    } catch (error) {
      toConsole(res, error);
    }
  }

  /** The console trades the one-time handoff (an httpOnly cookie set by the callback) for tokens. */
  @Post('exchange')
  @HttpCode(200)
  @Public()
  async exchange(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    res.clearCookie(HANDOFF_COOKIE, this.cookieOptions(req));
    return this.signIn.exchange(readCookie(req, HANDOFF_COOKIE));
  }

  /** httpOnly, SameSite=Lax (sent on the provider's top-level redirect back), scoped to these routes, Secure over https. */
  private cookieOptions(req: Request, ttlSeconds?: number): CookieOptions {
    const origin = this.client.requireSettings().redirectUrl ?? `${req.protocol}:`;
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: origin.startsWith('https:'),
      path: BASE,
      ...(ttlSeconds === undefined ? {} : { maxAge: ttlSeconds * 1000 }),
    };
  }
}

function toConsole(res: Response, error: unknown): void {
  const code = error instanceof MinaException ? error.code : 'INTERNAL';
  res.redirect(302, `${CONSOLE_LOGIN}?sso_error=${encodeURIComponent(code)}`);
}
