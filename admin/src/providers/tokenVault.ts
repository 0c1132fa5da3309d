import type { StoredTokens } from './tokenStore';

/**
 * The refresh token's source of truth across tabs. localStorage reaches other tabs (other
 * renderer processes) only eventually, so a tab that takes the refresh lock right after
 * another tab rotated could still read the dead token and replay it, revoking the whole
 * family. IndexedDB reads go through one store and see every committed write.
 */
const DB_NAME = 'mina-auth';
const STORE = 'tokens';
const KEY = 'current';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
    });
    dbPromise.catch(() => {
      dbPromise = null;
    });
  }
  return dbPromise;
}

function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = op(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      }),
  );
}

export const hasVault = typeof indexedDB !== 'undefined';

export async function vaultGet(): Promise<StoredTokens | null> {
  if (!hasVault) return null;
  const value = await run<StoredTokens | undefined>(
    'readonly',
    (s) => s.get(KEY) as IDBRequest<StoredTokens | undefined>,
  );
  return value ?? null;
}

export async function vaultSet(tokens: StoredTokens | null): Promise<void> {
  if (!hasVault) return;
  await run<unknown>(
    'readwrite',
    (s) => (tokens ? s.put(tokens, KEY) : s.delete(KEY)) as IDBRequest<unknown>,
  );
}
