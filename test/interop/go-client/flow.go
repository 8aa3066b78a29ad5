package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	scalingo "github.com/Scalingo/go-scalingo/v7"
)

type waitSettings struct {
	poll    time.Duration
	timeout time.Duration
}

func waitSettingsFromEnv() waitSettings {
	return waitSettings{
		// The CLI polls every second; the simulator's fast profile ends a step in well under that.
		poll:    time.Duration(envInt("GOCLIENT_POLL_MS", 100)) * time.Millisecond,
		timeout: time.Duration(envInt("GOCLIENT_WAIT_S", 20)) * time.Second,
	}
}

func envInt(name string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return fallback
}

// successOf is the status a step leads to when it succeeds (the CLI's expected statuses).
var successOf = map[scalingo.RegionMigrationStep]scalingo.RegionMigrationStatus{
	scalingo.RegionMigrationStepPreflight: scalingo.RegionMigrationStatusPreflightSuccess,
	scalingo.RegionMigrationStepPrepare:   scalingo.RegionMigrationStatusPrepared,
	scalingo.RegionMigrationStepData:      scalingo.RegionMigrationStatusDataMigrated,
	scalingo.RegionMigrationStepFinalize:  scalingo.RegionMigrationStatusDone,
	scalingo.RegionMigrationStepAbort:     scalingo.RegionMigrationStatusAborted,
}

// stepEnded is the CLI's stop rule (the step's success status, error or done), widened to the
// other final statuses: the CLI itself would poll an aborted migration forever.
func stepEnded(step scalingo.RegionMigrationStep, status scalingo.RegionMigrationStatus) bool {
	switch status {
	case successOf[step], scalingo.RegionMigrationStatusError, scalingo.RegionMigrationStatusDone,
		scalingo.RegionMigrationStatusAborted, scalingo.RegionMigrationStatusPreflightError:
		return true
	}
	return false
}

// waitForStep polls ShowRegionMigration and reports the migration as it was when the step ended.
func (d *driver) waitForStep(app, id string, step scalingo.RegionMigrationStep) (scalingo.RegionMigration, bool) {
	args := map[string]string{"app": app, "id": id, "step": string(step)}
	deadline := time.Now().Add(d.wait.timeout)
	for polls := 1; ; polls++ {
		migration, err := d.client.ShowRegionMigration(d.ctx, app, id)
		if err != nil {
			d.failed = true
			out := line{Call: "ShowRegionMigration", Args: args, Error: describe(err), Polls: polls}
			write(out)
			return migration, false
		}
		if stepEnded(step, migration.Status) {
			ok := migration.Status == successOf[step]
			write(line{Call: "ShowRegionMigration", Args: args, OK: true, Value: migration, Polls: polls})
			return migration, ok
		}
		if time.Now().After(deadline) {
			d.report("WaitForStep", args, nil, fmt.Errorf("still %q after %s", migration.Status, d.wait.timeout))
			return migration, false
		}
		time.Sleep(d.wait.poll)
	}
}

type migrateFlags struct {
	newName string
	until   scalingo.RegionMigrationStep
	abort   bool
}

func parseMigrateFlags(args []string) migrateFlags {
	flags := migrateFlags{until: scalingo.RegionMigrationStepPreflight}
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--new-name" && i+1 < len(args):
			i++
			flags.newName = args[i]
		case args[i] == "--until" && i+1 < len(args):
			i++
			flags.until = scalingo.RegionMigrationStep(args[i])
		case args[i] == "--abort":
			flags.abort = true
		default:
			usage(fmt.Sprintf("unknown migrate option %q", args[i]))
		}
	}
	return flags
}

var forwardSteps = []scalingo.RegionMigrationStep{
	scalingo.RegionMigrationStepPreflight,
	scalingo.RegionMigrationStepPrepare,
	scalingo.RegionMigrationStepData,
	scalingo.RegionMigrationStepFinalize,
}

// migrate walks a migration the way a CLI user does: create, preflight (the CLI runs it right
// after create), then each step up to --until; it stops advancing at the first step that does
// not succeed, then aborts if asked, and lists the app's migrations last.
func (d *driver) migrate(app, destination string, flags migrateFlags) {
	created, ok := d.create(app, destination, flags.newName)
	if !ok {
		return
	}
	for _, step := range forwardSteps {
		if _, ok := d.runAndWait(app, created.ID, step); !ok || step == flags.until {
			break
		}
	}
	if flags.abort {
		d.runAndWait(app, created.ID, scalingo.RegionMigrationStepAbort)
	}
	d.list(app)
}
