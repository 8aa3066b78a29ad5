// Command goclient10 drives the simulator's public API with go-scalingo v10.0.0 (the release
// the Go module proxy serves), through the SDK's own methods, the way a client that moves an app
// from one region to another would: read everything the source app is made of, recreate it in
// the destination region, move the code and the database, scale; and delete it again.
//
// It exists for the interoperability tests (test/interop/go-scalingo-v10.test.ts): every SDK
// call prints one JSON line saying what go-scalingo returned (the parsed value, or the error's
// Go types, HTTP status and API error), so the tests check what the real client accepts.
//
// Environment: SCALINGO_AUTH_URL, SCALINGO_API_TOKEN (required); GOCLIENT_POLL_MS (default 50)
// and GOCLIENT_WAIT_S (default 20) for waits; DEBUG=1 makes go-scalingo log every request URL.
//
// Usage:
//
//	goclient10 move <source app> <source region> <destination region> <new name>
//	goclient10 delete <app> <region>      remove its parts one by one, then the app
//	goclient10 refusals <app> <region> <other region>
//	goclient10 read <app> <region>        list what the app is made of (after a migration)
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	scalingo "github.com/Scalingo/go-scalingo/v10"
)

func main() {
	if len(os.Args) < 2 {
		usage("missing command")
	}
	cmd, args := os.Args[1], os.Args[2:]
	d := &driver{ctx: context.Background(), authURL: requireEnv("SCALINGO_AUTH_URL"), apiToken: requireEnv("SCALINGO_API_TOKEN"), wait: waitSettingsFromEnv()}
	switch {
	case cmd == "move" && len(args) == 4:
		d.move(args[0], args[1], args[2], args[3])
	case cmd == "delete" && len(args) == 2:
		d.remove(args[0], args[1])
	case cmd == "refusals" && len(args) == 3:
		d.refusals(args[0], args[1], args[2])
	case cmd == "read" && len(args) == 2:
		d.read(args[0], args[1])
	default:
		usage(fmt.Sprintf("bad command line: %q", os.Args[1:]))
	}
	if d.failed {
		os.Exit(1)
	}
}

type waitSettings struct {
	poll    time.Duration
	timeout time.Duration
}

func waitSettingsFromEnv() waitSettings {
	return waitSettings{
		poll:    time.Duration(envInt("GOCLIENT_POLL_MS", 50)) * time.Millisecond,
		timeout: time.Duration(envInt("GOCLIENT_WAIT_S", 20)) * time.Second,
	}
}

// driver makes the go-scalingo calls and reports each one.
type driver struct {
	ctx      context.Context
	authURL  string
	apiToken string
	wait     waitSettings
	// failed is set by any failed call that was meant to succeed, for the exit code.
	failed bool
}

// client is go-scalingo set up as real Go clients do: the auth endpoint, the API token and a
// region name, which makes it find the region's API (and Database API) in the regions list.
func (d *driver) client(region string, extra scalingo.ExtraHeaders) *scalingo.Client {
	c, err := scalingo.New(d.ctx, scalingo.ClientConfig{AuthEndpoint: d.authURL, APIToken: d.apiToken, Region: region, ExtraHeaders: extra})
	d.report("New", region, map[string]string{"region": region}, nil, err)
	if err != nil {
		os.Exit(1)
	}
	return c
}

func (d *driver) report(call, region string, args interface{}, value interface{}, err error) bool {
	out := line{Call: call, Region: region, Args: args, OK: err == nil, Value: value}
	if err != nil {
		d.failed = true
		out.Value = nil
		out.Error = describe(err)
	}
	write(out)
	return err == nil
}

// expectError reports a call meant to be refused; it does not fail the run.
func (d *driver) expectError(call, region string, args interface{}, err error) {
	out := line{Call: call, Region: region, Args: args, OK: err == nil}
	if err != nil {
		out.Error = describe(err)
	}
	write(out)
}

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		usage(name + " is not set")
	}
	return value
}

func envInt(name string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return fallback
}

func usage(problem string) {
	fmt.Fprintf(os.Stderr, "goclient10: %s (see the comment at the top of main.go)\n", problem)
	os.Exit(2)
}
