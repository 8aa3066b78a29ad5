import { InvalidError, NotFoundError } from "../../domain-errors";
import { requireWritable } from "../app-operations";
import { autoscalerAlerts } from "../build-world";
import { prefixedId } from "../ids";
import type { App, Autoscaler } from "../types";
import { recordEvent } from "./app-activity";
import { isoAt, type PublicContext } from "./context";
import { MAX_CONTAINERS_PER_TYPE } from "./formation-ops";

/** Autoscalers (§2.2): each owns a scale-up and a scale-down alert, created with it. */

export interface AutoscalerInput {
  containerType?: string;
  metric?: string;
  target?: number;
  minContainers?: number;
  maxContainers?: number;
  disabled?: boolean;
}

export function autoscalerById(app: App, id: string): Autoscaler {
  const autoscaler = app.autoscalers.find((a) => a.id === id);
  if (!autoscaler) throw new NotFoundError("autoscaler");
  return autoscaler;
}

export function createAutoscaler(ctx: PublicContext, app: App, input: AutoscalerInput, userId: string): Autoscaler {
  requireWritable(app);
  const containerType = input.containerType ?? "";
  if (!app.formation.some((f) => f.name === containerType)) {
    throw new InvalidError("container_type", `the app has no container type '${containerType}' (deploy it first)`);
  }
  if (app.autoscalers.some((a) => a.containerType === containerType)) throw new InvalidError("container_type", "already has an autoscaler");
  if (!input.metric) throw new InvalidError("metric", "can't be blank");
  if (input.target === undefined || input.target <= 0) throw new InvalidError("target", "must be greater than 0");
  const min = input.minContainers ?? 1;
  const max = input.maxContainers ?? min;
  checkBounds(min, max);
  const id = prefixedId("au");
  const [up, down] = autoscalerAlerts(id, { containerType, metric: input.metric, target: input.target }, isoAt(ctx.now()), () => prefixedId("al"));
  app.alerts.push(up, down);
  const autoscaler: Autoscaler = {
    id,
    containerType,
    metric: input.metric,
    target: input.target,
    minContainers: min,
    maxContainers: max,
    disabled: input.disabled ?? false,
    alertIdScaleUp: up.id,
    alertIdScaleDown: down.id,
  };
  app.autoscalers.push(autoscaler);
  recordEvent(app, "new_autoscaler", userId, { container_type: containerType, metric: autoscaler.metric, target: autoscaler.target });
  return autoscaler;
}

export function updateAutoscaler(app: App, autoscaler: Autoscaler, input: AutoscalerInput, userId: string): Autoscaler {
  requireWritable(app);
  checkBounds(input.minContainers ?? autoscaler.minContainers, input.maxContainers ?? autoscaler.maxContainers);
  if (input.metric !== undefined) autoscaler.metric = input.metric;
  if (input.target !== undefined) autoscaler.target = input.target;
  if (input.minContainers !== undefined) autoscaler.minContainers = input.minContainers;
  if (input.maxContainers !== undefined) autoscaler.maxContainers = input.maxContainers;
  if (input.disabled !== undefined) autoscaler.disabled = input.disabled;
  recordEvent(app, "edit_autoscaler", userId, { container_type: autoscaler.containerType, metric: autoscaler.metric, target: autoscaler.target });
  return autoscaler;
}

export function deleteAutoscaler(app: App, autoscaler: Autoscaler, userId: string): void {
  requireWritable(app);
  app.autoscalers = app.autoscalers.filter((a) => a !== autoscaler);
  app.alerts = app.alerts.filter((a) => a.autoscalerId !== autoscaler.id);
  recordEvent(app, "delete_autoscaler", userId, { container_type: autoscaler.containerType });
}

function checkBounds(min: number, max: number): void {
  if (min < 1) throw new InvalidError("min_containers", "must be at least 1");
  if (max < min) throw new InvalidError("max_containers", "must be greater than or equal to min_containers");
  if (max > MAX_CONTAINERS_PER_TYPE) throw new InvalidError("max_containers", `must be at most ${MAX_CONTAINERS_PER_TYPE}`);
}
