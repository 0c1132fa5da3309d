import KeyIcon from '@mui/icons-material/Key';
import { Alert, Box, Button, CircularProgress, Divider, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorCode, errorMessage } from '../providers/errors';
import { fetchSsoConfig, SSO_LOGIN_URL } from './ssoClient';
import type { SsoConfigView } from '@mina/contract/sso';

/**
 * The login page's single sign-on part: the "Sign in with …" button when the server has SSO, and
 * the return from the provider. The callback sends the browser to `#/login?sso=done` (the handoff
 * waits in an httpOnly cookie, so the URL carries no secret) or `#/login?sso_error=<CODE>`.
 */
export const SsoSignIn = () => {
  const translate = useTranslate();
  const login = useLogin();
  const location = useLocation();
  const navigate = useNavigate();
  const [config, setConfig] = useState<SsoConfigView | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const describe = (code: string, fallback?: string) =>
    translate('mina.sso.with_code', {
      message: translate(`mina.sso.errors.${code}`, { _: fallback ?? translate('mina.sso.failed') }),
      code,
    });

  useEffect(() => {
    let live = true;
    void fetchSsoConfig().then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const failed = params.get('sso_error');
    const done = params.get('sso') === 'done';
    if (!failed && !done) return;
    // Off the address bar at once: a reload must not replay the step.
    navigate('/login', { replace: true });
    if (failed) {
      setError(describe(failed));
      return;
    }
    if (started.current) return;
    started.current = true;
    setFinishing(true);
    login({ sso: true }).catch((e: unknown) => {
      const code = errorCode(e);
      setError(code ? describe(code, errorMessage(e)) : errorMessage(e));
      setFinishing(false);
    });
    // Runs once per arrival from the provider; translate/login identities do not matter here.
  }, [location.search]);

  if (!config?.enabled && !error && !finishing) return null;
  return (
    <Box mt={2}>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      ) : null}
      {config?.enabled ? (
        <>
          <Divider sx={{ mb: 2 }}>
            <Typography variant="caption" color="text.secondary">
              {translate('mina.sso.or')}
            </Typography>
          </Divider>
          <Button
            variant="outlined"
            fullWidth
            href={SSO_LOGIN_URL}
            disabled={finishing}
            startIcon={finishing ? <CircularProgress size={18} color="inherit" /> : <KeyIcon />}
          >
            {finishing ? translate('mina.sso.finishing') : translate('mina.sso.sign_in_with', { label: config.label ?? 'SSO' })}
          </Button>
        </>
      ) : null}
    </Box>
  );
};
