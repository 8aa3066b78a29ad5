import type { Router } from "../../router";
import { addActivityRoutes } from "./activity-routes";
import { addAddonRoutes } from "./addon-routes";
import { addAlertRoutes } from "./alert-routes";
import { addAutoscalerRoutes } from "./autoscaler-routes";
import { addCatalogRoutes } from "./catalog-routes";
import { addCollaboratorRoutes } from "./collaborator-routes";
import { addDatabaseRoutes } from "./database-routes";
import { addDeploymentRoutes } from "./deployment-routes";
import { addDomainRoutes } from "./domain-routes";
import { addFormationRoutes } from "./formation-routes";
import { addLogDrainRoutes } from "./log-drain-routes";
import { addNotifierRoutes } from "./notifier-routes";
import { addProjectRoutes } from "./project-routes";
import { addRunRoutes } from "./run-routes";
import { addScmRoutes } from "./scm-routes";
import { addVariableRoutes } from "./variable-routes";

/** Every family of Scalingo's public regional API and Database API the simulator serves (§2). */
export function addPublicApiRoutes(router: Router): Router {
  const families = [
    addCatalogRoutes,
    addProjectRoutes,
    addFormationRoutes,
    addVariableRoutes,
    addAddonRoutes,
    addDatabaseRoutes,
    addDomainRoutes,
    addCollaboratorRoutes,
    addNotifierRoutes,
    addAlertRoutes,
    addLogDrainRoutes,
    addAutoscalerRoutes,
    addDeploymentRoutes,
    addScmRoutes,
    addRunRoutes,
    addActivityRoutes,
  ];
  return families.reduce((r, add) => add(r), router);
}
