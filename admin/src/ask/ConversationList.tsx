import AddCommentIcon from '@mui/icons-material/AddComment';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Button,
  Card,
  CardContent,
  IconButton,
  LinearProgress,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import type { AskConversationView } from '@mina/contract/ask';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useNotify, useTranslate } from 'react-admin';
import { ErrorState } from '../components/ErrorState';
import { relativeTime } from '../format/time';
import { CONVERSATIONS_KEY, deleteConversation, listConversations } from './askApi';

/** The caller's past conversations (newest first): open one, delete one, or start a new one. */
export const ConversationList = ({
  activeId,
  onOpen,
  onNew,
  onDeleted,
}: {
  activeId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDeleted: (id: string) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<AskConversationView | null>(null);
  const conversations = useQuery({ queryKey: CONVERSATIONS_KEY, queryFn: listConversations });
  const remove = useMutation({
    mutationFn: (id: string) => deleteConversation(id),
    onSuccess: (_data, id) => {
      setDeleting(null);
      onDeleted(id);
      notify('mina.ask.conversations.deleted', { type: 'info' });
      return queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
    },
    onError: (error: Error) => {
      setDeleting(null);
      notify(error.message, { type: 'error' });
    },
  });
  return (
    <Card component="nav" aria-labelledby="ask-conversations-title">
      <CardContent>
        <Typography id="ask-conversations-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.ask.conversations.title')}
        </Typography>
        <Button variant="outlined" startIcon={<AddCommentIcon />} onClick={onNew} fullWidth>
          {translate('mina.ask.conversations.new')}
        </Button>
        {conversations.isPending ? (
          <LinearProgress sx={{ mt: 2 }} aria-label={translate('mina.ask.scope.loading')} />
        ) : null}
        {conversations.isError ? (
          <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
        ) : null}
        {conversations.data?.length === 0 ? (
          <Typography variant="body2" color="text.secondary" mt={2}>
            {translate('mina.ask.conversations.empty')}
          </Typography>
        ) : null}
        {conversations.data?.length ? (
          <List dense aria-label={translate('mina.ask.conversations.title')}>
            {conversations.data.map((c) => (
              <ListItem
                key={c.id}
                disablePadding
                secondaryAction={
                  <IconButton
                    edge="end"
                    size="small"
                    aria-label={translate('mina.ask.conversations.delete', { title: c.title })}
                    onClick={() => setDeleting(c)}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                }
              >
                <ListItemButton
                  selected={c.id === activeId}
                  aria-current={c.id === activeId ? 'true' : undefined}
                  onClick={() => onOpen(c.id)}
                  data-testid="ask-conversation"
                >
                  <ListItemText
                    primary={c.title}
                    secondary={relativeTime(c.updatedAt)}
                    slotProps={{ primary: { noWrap: true } }}
                  />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        ) : null}
      </CardContent>
      <Confirm
        isOpen={deleting !== null}
        loading={remove.isPending}
        title="mina.ask.conversations.delete_title"
        content="mina.ask.conversations.delete_content"
        confirmColor="warning"
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </Card>
  );
};
