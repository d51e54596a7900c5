// appsscript.json: V8, and only the OAuth scopes the features need (README, "Permissions").
export const manifest = {
  timeZone: 'Europe/Moscow',
  runtimeVersion: 'V8',
  exceptionLogging: 'STACKDRIVER',
  oauthScopes: [
    // Read the tracker and write the summary sheet — only in the spreadsheet the add-on runs in.
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    // The add-on menu, the settings sidebar and dialogs.
    'https://www.googleapis.com/auth/script.container.ui',
  ],
};
