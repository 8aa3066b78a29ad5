// Command goclient drives a Scalingo region API with go-scalingo v7.0.2, the last client
// release that had the region-migration calls, exactly as real Go clients (the Scalingo CLI
// among them) set it up: scalingo.New with the auth endpoint, the API token and a region name,
// which makes go-scalingo find the region's API in the auth service's region list.
//
// It exists for the interoperability tests (test/interop/go-scalingo.test.ts): every call
// prints one JSON line saying what go-scalingo returned (the parsed struct, or the error's Go
// types, HTTP status and API error), so the tests check what the real client accepts.
//
// Environment: SCALINGO_AUTH_URL, SCALINGO_API_TOKEN, SCALINGO_REGION (all required);
// GOCLIENT_POLL_MS (default 100) and GOCLIENT_WAIT_S (default 20) for waits; DEBUG=1 makes
// go-scalingo log every request URL on stderr.
//
// Usage:
//
//	goclient session                            token exchange, region list, current user
//	goclient app <app>                          show an app
//	goclient create <app> <destination> [name]  create a migration (nothing else)
//	goclient show <app> <id>
//	goclient list <app>
//	goclient run <app> <id> <step>              run a step, then poll until it ended
//	goclient migrate <app> <destination> [--new-name N] [--until STEP] [--abort]
//	                                            create, preflight, then each step up to STEP
//	                                            (preflight|prepare|data|finalize), polling
//	                                            after each as the CLI does; --abort ends with one
package main

import (
	"context"
	"fmt"
	"os"

	scalingo "github.com/Scalingo/go-scalingo/v7"
)

func main() {
	if len(os.Args) < 2 {
		usage("missing command")
	}
	cfg := scalingo.ClientConfig{
		AuthEndpoint: requireEnv("SCALINGO_AUTH_URL"),
		APIToken:     requireEnv("SCALINGO_API_TOKEN"),
		Region:       requireEnv("SCALINGO_REGION"),
	}
	ctx := context.Background()
	client, err := scalingo.New(ctx, cfg)
	emit("New", map[string]string{"region": cfg.Region}, nil, err)
	if err != nil {
		os.Exit(1)
	}
	d := &driver{ctx: ctx, client: client, apiToken: cfg.APIToken, wait: waitSettingsFromEnv()}

	cmd, args := os.Args[1], os.Args[2:]
	switch {
	case cmd == "session" && len(args) == 0:
		d.session()
	case cmd == "app" && len(args) == 1:
		d.showApp(args[0])
	case cmd == "create" && (len(args) == 2 || len(args) == 3):
		d.create(args[0], args[1], optional(args, 2))
	case cmd == "show" && len(args) == 2:
		d.show(args[0], args[1])
	case cmd == "list" && len(args) == 1:
		d.list(args[0])
	case cmd == "run" && len(args) == 3:
		d.runAndWait(args[0], args[1], scalingo.RegionMigrationStep(args[2]))
	case cmd == "migrate" && len(args) >= 2:
		d.migrate(args[0], args[1], parseMigrateFlags(args[2:]))
	default:
		usage(fmt.Sprintf("bad command line: %q", os.Args[1:]))
	}
	if d.failed {
		os.Exit(1)
	}
}

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		usage(name + " is not set")
	}
	return value
}

func optional(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func usage(problem string) {
	fmt.Fprintf(os.Stderr, "goclient: %s (see the comment at the top of main.go)\n", problem)
	os.Exit(2)
}
