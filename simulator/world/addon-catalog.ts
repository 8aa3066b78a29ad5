/** What the simulator knows about Scalingo addon providers, by provider id. */

export interface AddonKind {
  displayName: string;
  isDatabase: boolean;
  /** Scalingo's migration tool refused these (see the user documentation). */
  migratable: boolean;
  /** The variable provisioning injects into the app, e.g. SCALINGO_POSTGRESQL_URL. */
  envName: string;
  /** Connection URL scheme and port. */
  scheme: string;
  port: number;
  /** What a new addon gets: Scalingo provisions the default version only. */
  defaultVersion: string;
  /** Plan names, cheapest first. */
  plans: string[];
  /** The file a backup archive holds. */
  dumpFile: string;
}

const KNOWN_ADDONS: Record<string, AddonKind> = {
  postgresql: database("PostgreSQL", "SCALINGO_POSTGRESQL_URL", "postgres", 30000, "16.6.0", "postgresql", "dump.pgsql"),
  mysql: database("MySQL", "SCALINGO_MYSQL_URL", "mysql", 30100, "8.0.40", "mysql", "dump.sql"),
  mongodb: database("MongoDB", "SCALINGO_MONGO_URL", "mongodb", 30200, "7.0.14", "mongo", "dump.bson"),
  redis: database("Redis", "SCALINGO_REDIS_URL", "redis", 30300, "7.2.5", "redis", "dump.rdb"),
  elasticsearch: database("Elasticsearch", "SCALINGO_ELASTICSEARCH_URL", "https", 30400, "7.10.2", "elasticsearch", "dump.json"),
  opensearch: database("OpenSearch", "SCALINGO_OPENSEARCH_URL", "https", 30500, "2.17.1", "opensearch", "dump.json"),
  influxdb: { ...database("InfluxDB", "SCALINGO_INFLUX_URL", "https", 30600, "1.8.10", "influxdb", "dump.influx"), migratable: false },
  vpn: { ...other("VPN", "SCALINGO_VPN_URL", "vpn"), migratable: false },
  "tcp-gateway": { ...other("TCP Gateway", "SCALINGO_TCP_GATEWAY_URL", "tcp-gateway"), migratable: false },
};

function database(displayName: string, envName: string, scheme: string, port: number, defaultVersion: string, plan: string, dumpFile: string): AddonKind {
  return {
    displayName,
    isDatabase: true,
    migratable: true,
    envName,
    scheme,
    port,
    defaultVersion,
    plans: [`${plan}-sandbox`, `${plan}-starter-256`, `${plan}-starter-512`, `${plan}-starter-1024`, `${plan}-business-512`, `${plan}-business-1024`],
    dumpFile,
  };
}

function other(displayName: string, envName: string, plan: string): AddonKind {
  return { displayName, isDatabase: false, migratable: true, envName, scheme: "https", port: 443, defaultVersion: "1.0.0", plans: [`${plan}-standard`], dumpFile: "" };
}

export function addonKind(providerId: string): AddonKind {
  return KNOWN_ADDONS[providerId] ?? { ...other(providerId, `SCALINGO_${providerId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`, providerId) };
}

/** Provider ids in catalogue order. */
export function addonProviderIds(): string[] {
  return Object.keys(KNOWN_ADDONS);
}
