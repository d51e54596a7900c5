// appsscript.json: V8, and only the OAuth scopes the features need (docs/deploying.md, "Permissions");
// the BigQuery build adds the BigQuery advanced service and its scope (docs/sql.md, "BigQuery in the add-on").
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

/** The BigQuery advanced service as Google's manifest reference shapes it (developers.google.com/apps-script/manifest/dependencies). */
export const BIGQUERY_SERVICE = { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' };
/** What BigQuery.Jobs.query and getQueryResults accept (the BigQuery API's jobs reference, "Authorization scopes"). */
export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

/**
 * The BigQuery build's manifest (`npx tsx scripts/build.ts --bigquery`): every user of it consents to
 * a sensitive scope at install, so the default build leaves it out (docs/sql.md, "The manifest trade-off").
 */
export function bigqueryManifest() {
  return {
    ...manifest,
    dependencies: { enabledAdvancedServices: [BIGQUERY_SERVICE] },
    oauthScopes: [
      ...manifest.oauthScopes,
      // Build summary from a BigQuery table: query jobs in the user's project (read-only SQL; never a write).
      BIGQUERY_SCOPE,
    ],
  };
}
