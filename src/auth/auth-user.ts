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
  /** The refresh-token family (one sign-in on one device): its logout ends this token too. Absent in tokens from before. */
  fam?: string;
}
