/** Summary templates and the workspace vocabulary (mina.templates.*, resources.templates). */
export const templatesMessages = {
  templates: {
    built_in: 'Built-in',
    custom: 'Custom',
    default: 'Workspace default',
    sections: 'Sections',
    section_title: 'Section title',
    section_instruction: 'What goes in it',
    built_in_note: 'Built-in templates cannot be changed; create your own to adjust the sections.',
    empty: 'No templates yet.',
    not_allowed: 'Only the owners and admins of this workspace change its templates.',
    template_title: 'Summary template',
    template_help: 'Meetings that choose none are summarized with this template.',
    meeting_template: 'Summary template',
    meeting_template_help: 'Empty: the workspace default.',
    follow_default: 'Workspace default',
    standard_default: 'Not set: Standard is used',
    vocabulary_title: 'Vocabulary',
    vocabulary: 'Terms, one per line',
    vocabulary_help:
      'Names, products and jargon of this workspace. The speech recognizer and the transcript clean-up are told how they are spelled, so "Mina" is not written "Mena".',
    summary_template: 'Template: %{name}',
    unavailable: 'Not available',
  },
};

/** react-admin's resource labels for /templates. */
export const templatesResource = {
  templates: {
    name: 'Summary template |||| Summary templates',
    fields: {
      name: 'Name',
      description: 'Description',
      sections: 'Sections',
      builtIn: 'Kind',
      isDefault: 'Default',
      createdAt: 'Created',
    },
  },
};
