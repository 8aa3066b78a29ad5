import { regionalId } from "../ids";

/** Container sizes: same names in every region, different ids and SKUs. */

const SIZES = [
  { name: "S", humanName: "Small", memory: 256, cpu: "standard" },
  { name: "M", humanName: "Medium", memory: 512, cpu: "standard" },
  { name: "L", humanName: "Large", memory: 1024, cpu: "standard" },
  { name: "XL", humanName: "Extra Large", memory: 2048, cpu: "standard" },
  { name: "2XL", humanName: "Double Extra Large", memory: 4096, cpu: "priority" },
];

export function isContainerSize(name: string): boolean {
  return SIZES.some((s) => s.name === name);
}

export function containerSizeJson(region: string, name: string) {
  const index = SIZES.findIndex((s) => s.name === name);
  const size = SIZES[index] ?? { name, humanName: name, memory: 512, cpu: "standard" };
  return {
    id: regionalId("cs", region, size.name),
    sku: `${region}-container-${size.name.toLowerCase()}`,
    name: size.name,
    human_name: size.humanName,
    human_cpu: size.cpu,
    memory: size.memory * 1024 * 1024,
    swap: size.memory * 1024 * 1024,
    pids_limit: 4096,
    ordinal: index + 1,
    hourly_price: 1 + index,
    thirtydays_price: 720 * (1 + index),
    pricings: {},
  };
}

export function containerSizesJson(region: string) {
  return SIZES.map((s) => containerSizeJson(region, s.name));
}
