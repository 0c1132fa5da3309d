import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Login, useLogin, useTranslate } from 'react-admin';
import { errorMessage } from '../providers/errors';
import { SsoSignIn } from '../sso/SsoSignIn';

const LoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setPending(true);
    try {
      await login({ email: email.trim(), password });
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <CardContent
      component="form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label={translate('mina.auth.form')}
    >
      <Typography component="h1" variant="h6" textAlign="center" gutterBottom>
        {translate('mina.auth.title')}
      </Typography>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      ) : null}
      <TextField
        id="login-email"
        label={translate('mina.auth.email')}
        type="email"
        name="email"
        autoComplete="username"
        autoFocus
        required
        fullWidth
        margin="dense"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        disabled={pending}
      />
      <TextField
        id="login-password"
        label={translate('mina.auth.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        fullWidth
        margin="dense"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        disabled={pending}
      />
      <Box mt={2}>
        <Button
          type="submit"
          variant="contained"
          fullWidth
          disabled={pending || !email || !password}
          startIcon={pending ? <CircularProgress size={18} color="inherit" /> : undefined}
        >
          {translate('mina.auth.sign_in')}
        </Button>
      </Box>
      <SsoSignIn />
    </CardContent>
  );
};

export const LoginPage = () => (
  <Login avatarIcon={<LockIcon />}>
    <LoginForm />
  </Login>
);
