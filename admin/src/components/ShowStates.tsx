import { Loading, useShowContext } from 'react-admin';
import { ErrorState } from './ErrorState';

/** For `<ShowBase error={…}>`: stay on the page and offer a retry instead of redirecting. */
export const ShowError = () => {
  const { error, refetch } = useShowContext();
  return <ErrorState error={error} onRetry={() => void refetch()} />;
};

export const showStates = { loading: <Loading />, error: <ShowError /> } as const;
