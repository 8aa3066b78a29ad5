import { regionalId } from "../ids";

/** Notification platforms and event types: same names per region, different ids. */

export const EVENT_TYPES = [
  "new_app", "edit_app", "delete_app", "restart", "scale", "stop_app", "crash", "repeated_crash", "deployment",
  "link_scm", "update_scm", "unlink_scm", "run", "new_domain", "edit_domain", "delete_domain", "new_addon",
  "upgrade_addon", "delete_addon", "database_backup_succeeded", "database_backup_failed", "new_collaborator",
  "accept_collaborator", "delete_collaborator", "change_collaborator_role", "new_variable", "edit_variable",
  "edit_variables", "delete_variable", "new_notifier", "edit_notifier", "delete_notifier", "new_alert", "alert",
  "delete_alert", "new_autoscaler", "edit_autoscaler", "delete_autoscaler", "new_log_drain", "delete_log_drain",
];

const PLATFORMS = [
  { name: "email", displayName: "E-mail" },
  { name: "slack", displayName: "Slack" },
  { name: "webhook", displayName: "Webhook" },
  { name: "rocket_chat", displayName: "Rocket.Chat" },
  { name: "microsoft_teams", displayName: "Microsoft Teams" },
];

export function eventTypeId(region: string, name: string): string {
  return regionalId("et", region, name);
}

export function eventTypeNameForId(region: string, id: string): string | undefined {
  return EVENT_TYPES.find((name) => eventTypeId(region, name) === id);
}

export function eventTypesJson(region: string) {
  return EVENT_TYPES.map((name) => ({
    id: eventTypeId(region, name),
    category_id: regionalId("ec", region, "app"),
    name,
    display_name: name.replace(/_/g, " "),
    description: `When ${name.replace(/_/g, " ")} happens`,
    template: `{{app_name}}: ${name}`,
  }));
}

export function platformId(region: string, name: string): string {
  return regionalId("np", region, name);
}

export function platformNameForId(region: string, id: string): string | undefined {
  return PLATFORMS.find((p) => platformId(region, p.name) === id)?.name;
}

export function platformsJson(region: string) {
  return PLATFORMS.map((p) => ({
    id: platformId(region, p.name),
    name: p.name,
    display_name: p.displayName,
    logo_url: `https://cdn.scalingo.com/notifiers/${p.name}.png`,
    description: `Notifications by ${p.displayName}`,
    available_event_ids: EVENT_TYPES.map((e) => eventTypeId(region, e)),
  }));
}
