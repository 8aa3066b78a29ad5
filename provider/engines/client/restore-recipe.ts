import { Secret, type SecretInput } from "../../client/public";
import { DATABASE_URL_VARIABLE } from "./addon-kinds";

type Engine = keyof typeof DATABASE_URL_VARIABLE;

const FETCH =
  'curl --silent --show-error --fail --output /tmp/backup.tar.gz "$BACKUP_URL" && mkdir -p /tmp/restore && tar --extract --file=/tmp/backup.tar.gz --directory=/tmp/restore';

/**
 * Scalingo's "Copying your Database" recipe as one detached one-off command: install the
 * engine's client, fetch the backup archive (its pre-signed URL is in the one-off's env, never
 * in the command), unpack it, restore into the destination's database, then print a sentinel
 * the engine looks for in the logs.
 */
export function restoreCommand(engine: Engine, sentinel: string): string {
  switch (engine) {
    case "postgresql":
      return `dbclient-fetcher pgsql && ${FETCH} && pg_restore --clean --if-exists --no-owner --no-privileges --no-comments --dbname "$${DATABASE_URL_VARIABLE.postgresql}" /tmp/restore/*/*.pgsql && echo ${sentinel}`;
    case "mysql":
      return `dbclient-fetcher mysql && ${FETCH} && mysql --user="$DB_USER" --password="$DB_PASSWORD" --host="$DB_HOST" --port="$DB_PORT" "$DB_NAME" < /tmp/restore/*/*.sql && echo ${sentinel}`;
    case "mongodb":
      return `dbclient-fetcher mongo && ${FETCH} && mongorestore --uri "$${DATABASE_URL_VARIABLE.mongodb}" --drop /tmp/restore/*/*.bson && echo ${sentinel}`;
  }
}

/** The one-off's env: the archive URL, and for MySQL the connection's parts (its client takes no URL). All Secrets. */
export function restoreEnv(engine: Engine, archiveUrl: SecretInput, databaseUrl: Secret | undefined): Record<string, SecretInput> {
  const env: Record<string, SecretInput> = { BACKUP_URL: archiveUrl };
  if (engine !== "mysql" || !databaseUrl) return env;
  const url = new URL(databaseUrl.reveal());
  return {
    ...env,
    DB_USER: new Secret(decodeURIComponent(url.username)),
    DB_PASSWORD: new Secret(decodeURIComponent(url.password)),
    DB_HOST: new Secret(url.hostname),
    DB_PORT: new Secret(url.port || "3306"),
    DB_NAME: new Secret(url.pathname.replace(/^\//, "")),
  };
}
