import * as pulumi from "@pulumi/pulumi";

/**
 * A test-only resource whose one output, `echoed`, is its input `values`: a stand-in for any
 * resource whose outputs feed an AppMigration. Until it exists (or while it changes), a
 * preview does not know `echoed`: the engine hands its consumers the unknown marker.
 */
const echoProvider: pulumi.dynamic.ResourceProvider = {
  create: async (inputs) => ({ id: "echo", outs: { values: inputs.values, echoed: inputs.values } }),
  diff: async (_id, olds, news) => ({ changes: JSON.stringify(olds.values) !== JSON.stringify(news.values) }),
  update: async (_id, _olds, news) => ({ outs: { values: news.values, echoed: news.values } }),
};

export class Echo<T extends Record<string, unknown>> extends pulumi.dynamic.Resource {
  declare readonly echoed: pulumi.Output<T>;

  constructor(name: string, values: pulumi.Input<T>) {
    super(echoProvider, name, { values, echoed: undefined }, {}, "test", "Echo");
  }
}
