/** A well-formed migration as the API shows it, for hostile answers to start from. */
export function migrationJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "11111111-2222-4333-8444-555555555555",
    src_app_name: "my-app",
    dst_app_name: "my-app",
    app_id: "app-1",
    new_app_id: null,
    source: "osc-fr1",
    destination: "osc-secnum-fr1",
    status: "created",
    started_at: "2025-01-01T00:00:00Z",
    finished_at: null,
    steps: [],
    ...overrides,
  };
}
