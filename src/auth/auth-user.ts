/** What a verified access token tells the rest of the app about the caller. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  isInstanceAdmin: boolean;
}

export interface AccessTokenPayload {
  sub: string;
  ver: number;
  typ: 'access';
}
