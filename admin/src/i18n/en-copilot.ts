/** The live copilot: its panel on the live page and its list on the session page (mina.copilot.*). */
export const copilotMessages = {
  copilot: {
    title: 'Copilot',
    intro:
      'Action items, decisions, open questions and risks noticed while the meeting records. They are provisional: the final insights confirm them when the session ends.',
    empty: 'Nothing noticed yet.',
    session_empty: 'The copilot noticed nothing during this session.',
    items: 'Copilot items',
    kind: {
      action_item: 'Action item',
      decision: 'Decision',
      question: 'Open question',
      risk: 'Risk',
    },
    state: {
      open: 'Open',
      pinned: 'Pinned',
      dismissed: 'Dismissed',
    },
    outcome: {
      matched: 'Confirmed by the final insights',
      added: 'Kept: added to the final insights',
      superseded: 'Not confirmed by the final insights',
      pending: 'Not reconciled yet',
      dismissed: 'Dismissed during the meeting',
    },
    local: 'rule-based (AI unavailable)',
    owner: 'Owner: %{owner}',
    due: 'due %{date}',
    at: 'at %{time}',
    pin: 'Pin',
    dismiss: 'Dismiss',
    pin_item: 'Pin "%{text}" as a marker',
    dismiss_item: 'Dismiss "%{text}"',
    announce: 'Copilot: new %{kind}: %{text}',
    failed: 'The copilot item could not be updated: %{error}',
    task: 'Task',
  },
};
