import { useQuery } from '@tanstack/react-query';
import { getMe } from './me';

export const ME_QUERY_KEY = ['mina', 'me'] as const;

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: () => getMe(), staleTime: 5 * 60_000 });
}
