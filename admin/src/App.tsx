import { lazy, useMemo } from 'react';
import { Admin, CustomRoutes, localStorageStore, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { themeFor } from './layout/themes';
import { useDisplay } from './layout/useDisplay';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { queryClient } from './providers/queryClient';
import { customRoutes, resources } from './routes';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const store = localStorageStore('1', 'mina');

export const App = () => {
  const [{ theme: name, largeText }] = useDisplay();
  const theme = useMemo(
    () => themeFor({ theme: name, largeText }, i18nProvider.translate('mina.a11y.loading')),
    [name, largeText],
  );
  return (
    <Admin
      title="Mina"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      queryClient={queryClient}
      store={store}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      theme={theme}
      darkTheme={null}
      requireAuth
      disableTelemetry
    >
      {resources.map((resource) => (
        <Resource key={resource.name} {...resource} />
      ))}
      <CustomRoutes>
        {customRoutes.map(({ path, page: Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
      </CustomRoutes>
    </Admin>
  );
};
