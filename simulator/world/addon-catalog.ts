/** What the simulator knows about Scalingo addon providers, by provider id. */

interface AddonKind {
  displayName: string;
  isDatabase: boolean;
  /** Scalingo's migration tool refused these (see the user documentation). */
  migratable: boolean;
}

const KNOWN_ADDONS: Record<string, AddonKind> = {
  postgresql: { displayName: "PostgreSQL", isDatabase: true, migratable: true },
  mysql: { displayName: "MySQL", isDatabase: true, migratable: true },
  mongodb: { displayName: "MongoDB", isDatabase: true, migratable: true },
  redis: { displayName: "Redis", isDatabase: true, migratable: true },
  elasticsearch: { displayName: "Elasticsearch", isDatabase: true, migratable: true },
  opensearch: { displayName: "OpenSearch", isDatabase: true, migratable: true },
  influxdb: { displayName: "InfluxDB", isDatabase: true, migratable: false },
  vpn: { displayName: "VPN", isDatabase: false, migratable: false },
  "tcp-gateway": { displayName: "TCP Gateway", isDatabase: false, migratable: false },
};

export function addonKind(providerId: string): AddonKind {
  return KNOWN_ADDONS[providerId] ?? { displayName: providerId, isDatabase: false, migratable: true };
}
