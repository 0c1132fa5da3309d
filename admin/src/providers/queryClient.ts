import { QueryClient } from '@tanstack/react-query';
import { errorStatus } from './errors';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // react-admin's default: cached data shows at once and is refetched on mount. A longer
      // staleTime hid new records: an optimistic update rewrites a list's cache as fresh, so a
      // list invalidated by a create was not refetched (a new user missing from Users).
      staleTime: 0,
      // Only network failures and 5xx are worth retrying; a 4xx or a refused auth check
      // (react-admin runs those through this client too) will not change.
      retry: (count, error) => {
        if (count >= 2) return false;
        const status = errorStatus(error);
        return status === undefined ? error instanceof TypeError : status >= 500;
      },
    },
  },
});
