// English texts of the web app; the region's languages follow with the same keys.
export const en = {
  app: { name: 'JHA Hub', tagline: 'EU–Western Balkans cooperation on Justice and Home Affairs', skip: 'Skip to content' },
  nav: { home: 'Overview', statistics: 'Statistics', justice: 'Justice performance', migration: 'Migration', commitments: 'Action plans', meetings: 'Meetings', users: 'Users', audit: 'Audit trail', api: 'API documentation', main: 'Main navigation' },
  menu: { open: 'Account menu', signOut: 'Sign out', role: 'Role', partner: 'Partner' },
  roles: { admin: 'Administrator', commission: 'Commission', reviewer: 'Reviewer', coordinator: 'National coordinator' },
  signIn: {
    title: 'Sign in to JHA Hub', email: 'E-mail', password: 'Password', submit: 'Sign in',
    intro: 'National coordinators, Commission desk officers and experts sign in here.',
  },
  home: {
    welcome: 'Welcome, {{name}}', scope: 'You work for {{partner}}.', scopeAll: 'You can see the data of all partners.',
    partners: 'Partners', wb6: 'Western Balkan partners', comingTitle: 'What comes next',
    coming: 'Statistics, justice performance, migration exchange, action plans and meetings open here as they are delivered.',
  },
  users: {
    title: 'Users', add: 'Add user', email: 'E-mail', name: 'Name', role: 'Role', partner: 'Partner', status: 'Status',
    active: 'active', disabled: 'disabled', disable: 'Disable', enable: 'Enable', edit: 'Edit', resetPassword: 'Reset password',
    newPassword: 'New password (at least 12 characters)', password: 'Password (at least 12 characters)', save: 'Save', cancel: 'Cancel', created: 'User created.', saved: 'Saved.',
    passwordReset: 'Password reset; the user was signed out everywhere.', actions: 'Actions', choosePartner: 'Choose a partner',
  },
  audit: {
    title: 'Audit trail', when: 'When', who: 'Who', action: 'Action', entity: 'Entity', change: 'Change',
    filterAction: 'Action starts with', filterActor: 'Actor contains', filterEntity: 'Entity type', apply: 'Filter', more: 'Older entries',
    verify: 'Verify chain', intact: 'Chain intact: {{count}} entries checked.', broken: 'Chain broken at entry {{seq}}: {{reason}}', empty: 'No entries match.',
  },
  errors: { generic: 'Something went wrong: {{message}}', notFound: 'This page does not exist.', forbidden: 'Your role does not give access to this page.' },
} as const;
