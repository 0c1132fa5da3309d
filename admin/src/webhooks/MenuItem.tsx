import WebhookIcon from '@mui/icons-material/Webhook';
import { Menu, useTranslate } from 'react-admin';
import { useCanManageWebhooks } from './access';

/** Shown to the selected workspace's owners and admins only. */
export const WebhooksMenuItem = () => {
  const translate = useTranslate();
  return useCanManageWebhooks() ? <Menu.Item to="/webhooks" primaryText={translate('mina.webhooks.menu')} leftIcon={<WebhookIcon />} /> : null;
};
