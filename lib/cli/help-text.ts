// Text shown by `HELP;` in the shell and by `keydesk help`.

export const HELP_TEXT = `Statements (keywords in any case; end each with ;  KEY and TOKEN are synonyms):

  LIST USERS;
  SHOW USER <email>;
  SHOW USER PERMISSION <email>;          role, and each key's scopes
  SHOW CURRENT USER;                     who KEYDESK_API_KEY belongs to
  CREATE USER <email> <password> [ADMIN];
  DROP USER <email>;
  ALTER USER <email> SET ROLE ADMIN|USER;
  ALTER USER <email> PASSWORD <password>;
  ALTER USER <email> ACTIVE ON|OFF;
  GRANT ADMIN <email>;
  REVOKE ADMIN <email>;
  ENABLE USER <email>;
  DISABLE USER <email>;
  GENERATE KEY FOR USER <email>;
  LIST KEYS OF <email>;
  REVOKE KEY <key id or secret> OF <email>;
  DROP KEY <key id or secret> OF <email>;
  SHOW KEY <key id> OF <email>;          the key and its last 24 h of use
  CREATE MODEL PROVIDER <factory> <api key> [<base url>];
  DROP MODEL PROVIDER <factory>;
  LIST MODEL PROVIDERS;
  LIST MODELS [OF <factory>];              -- each model with its type
  SET DEFAULT LLM|VLM|EMBEDDING|RERANKER|ASR|TTS <model id>;
  RESET DEFAULT LLM|VLM|EMBEDDING|RERANKER|ASR|TTS;
  LIST DEFAULT MODELS;
  HELP;
  QUIT;   (or EXIT; or Ctrl-D)

Arguments are bare words, 'single quoted' or "double quoted" (write '' or ""
for the quote inside). The last statement's ; may be left out.
A secret is only ever sent in a request body, never in a URL.
-- starts a comment that runs to the end of the line.
User and key statements need an admin-scoped key; model statements act on
the caller's own providers and defaults.`;

export const USAGE = `Usage:
  keydesk admin [--json] [--url <url>]                 interactive shell (statements from stdin when piped)
  keydesk admin -e "<statements>" [--json] [--url <url>]  run statements and exit
  keydesk setup [--admin-key]                           prepare the database and create the first admin
  keydesk help                                          this text

Environment:
  KEYDESK_URL       the Keydesk server (default http://localhost:3000; --url overrides it)
  KEYDESK_API_KEY   the API key the CLI authenticates with

${HELP_TEXT}`;
