import { Addons } from "./addons";
import { Alerts } from "./alerts";
import { Apps } from "./apps";
import { Autoscalers } from "./autoscalers";
import { Catalogues } from "./catalogues";
import { Collaborators } from "./collaborators";
import type { RequestHints } from "../request-gate";
import type { PublicConnection } from "./connection";
import { Databases } from "./databases";
import { Deployments } from "./deployments";
import { Domains } from "./domains";
import { Events } from "./events";
import { Formation } from "./formation";
import { LogDrains } from "./log-drains";
import { Logs } from "./logs";
import { Notifiers } from "./notifiers";
import { OneOffs } from "./one-offs";
import { Operations } from "./operations";
import { Projects } from "./projects";
import { RegionChannel } from "./region-channel";
import { Scm } from "./scm";
import { Sources } from "./sources";
import { Variables } from "./variables";

/** Scalingo's public API in one region, one property per family. */
export class RegionApi {
  readonly apps: Apps;
  readonly projects: Projects;
  readonly catalogues: Catalogues;
  readonly formation: Formation;
  readonly operations: Operations;
  readonly variables: Variables;
  readonly addons: Addons;
  readonly databases: Databases;
  readonly domains: Domains;
  readonly collaborators: Collaborators;
  readonly notifiers: Notifiers;
  readonly alerts: Alerts;
  readonly logDrains: LogDrains;
  readonly autoscalers: Autoscalers;
  readonly scm: Scm;
  readonly deployments: Deployments;
  readonly sources: Sources;
  readonly oneOffs: OneOffs;
  readonly logs: Logs;
  readonly events: Events;

  constructor(
    readonly region: string,
    connection: PublicConnection,
    hints?: () => RequestHints,
  ) {
    const channel = new RegionChannel(region, connection, hints);
    this.apps = new Apps(channel);
    this.projects = new Projects(channel);
    this.catalogues = new Catalogues(channel);
    this.formation = new Formation(channel);
    this.operations = new Operations(channel);
    this.variables = new Variables(channel);
    this.addons = new Addons(channel);
    this.databases = new Databases(channel);
    this.domains = new Domains(channel);
    this.collaborators = new Collaborators(channel);
    this.notifiers = new Notifiers(channel);
    this.alerts = new Alerts(channel);
    this.logDrains = new LogDrains(channel);
    this.autoscalers = new Autoscalers(channel);
    this.scm = new Scm(channel);
    this.deployments = new Deployments(channel);
    this.sources = new Sources(channel);
    this.oneOffs = new OneOffs(channel);
    this.logs = new Logs(channel);
    this.events = new Events(channel);
  }
}
