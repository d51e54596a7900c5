// appsscript.json: V8, and only the OAuth scopes the features need (docs/deploying.md, "Permissions").
export const manifest = {
  timeZone: 'Europe/Moscow',
  runtimeVersion: 'V8',
  exceptionLogging: 'STACKDRIVER',
  oauthScopes: [
    // Read the tracker and write the summary sheet — only in the spreadsheet the add-on runs in.
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    // The add-on menu, the settings sidebar and dialogs.
    'https://www.googleapis.com/auth/script.container.ui',
    // Lead watch: its on-change, deadline and hourly triggers.
    'https://www.googleapis.com/auth/script.scriptapp',
    // Lead watch: e-mail to the new manager and escalations to the head of sales (send only, no reading).
    'https://www.googleapis.com/auth/script.send_mail',
  ],
};
