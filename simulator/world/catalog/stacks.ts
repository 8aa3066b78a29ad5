import { regionalId } from "../ids";

/** The stacks every region offers: same names, different ids per region. */

interface StackEntry {
  name: string;
  baseImage: string;
  default: boolean;
  deprecatedAt: string | null;
}

const STACKS: StackEntry[] = [
  { name: "scalingo-20", baseImage: "scalingo/scalingo-20", default: false, deprecatedAt: "2025-04-30" },
  { name: "scalingo-22", baseImage: "scalingo/scalingo-22", default: false, deprecatedAt: null },
  { name: "scalingo-24", baseImage: "scalingo/scalingo-24", default: true, deprecatedAt: null },
];

export const DEFAULT_STACK = "scalingo-24";

export function stackId(region: string, name: string): string {
  return regionalId("st", region, name);
}

export function stackByName(name: string): StackEntry | undefined {
  return STACKS.find((s) => s.name === name);
}

export function stackNameForId(region: string, id: string): string | undefined {
  return STACKS.find((s) => stackId(region, s.name) === id)?.name;
}

export function stacksJson(region: string) {
  return STACKS.map((s) => ({
    id: stackId(region, s.name),
    created_at: "2020-01-01T00:00:00.000Z",
    name: s.name,
    description: `Ubuntu-based stack ${s.name}`,
    base_image: s.baseImage,
    default: s.default,
    deprecated_at: s.deprecatedAt,
  }));
}
