package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	scalingo "github.com/Scalingo/go-scalingo/v7"
)

// driver makes the go-scalingo calls and reports each one.
type driver struct {
	ctx      context.Context
	client   *scalingo.Client
	apiToken string
	wait     waitSettings
	// failed is set by any failed call, for the exit code.
	failed bool
}

func (d *driver) report(call string, args interface{}, value interface{}, err error) {
	if err != nil {
		d.failed = true
	}
	emit(call, args, value, err)
}

// session is what any client does first: exchange the API token, read the regions and the user.
func (d *driver) session() {
	jwt, err := d.client.TokenExchange(d.ctx, d.apiToken)
	// The bearer token itself is never printed: only what a client reads from it.
	d.report("TokenExchange", nil, jwtShape(jwt), err)
	regions, err := d.client.RegionsList(d.ctx)
	d.report("RegionsList", nil, regions, err)
	user, err := d.client.Self(d.ctx)
	d.report("Self", nil, user, err)
}

func (d *driver) showApp(app string) {
	value, err := d.client.AppsShow(d.ctx, app)
	d.report("AppsShow", map[string]string{"app": app}, value, err)
}

func (d *driver) create(app, destination, dstAppName string) (scalingo.RegionMigration, bool) {
	params := scalingo.RegionMigrationParams{Destination: destination, DstAppName: dstAppName}
	migration, err := d.client.CreateRegionMigration(d.ctx, app, params)
	d.report("CreateRegionMigration", map[string]string{"app": app, "destination": destination, "dst_app_name": dstAppName}, migration, err)
	return migration, err == nil
}

func (d *driver) show(app, id string) {
	migration, err := d.client.ShowRegionMigration(d.ctx, app, id)
	d.report("ShowRegionMigration", map[string]string{"app": app, "id": id}, migration, err)
}

func (d *driver) list(app string) {
	migrations, err := d.client.ListRegionMigrations(d.ctx, app)
	d.report("ListRegionMigrations", map[string]string{"app": app}, migrations, err)
}

func (d *driver) run(app, id string, step scalingo.RegionMigrationStep) bool {
	err := d.client.RunRegionMigrationStep(d.ctx, app, id, step)
	d.report("RunRegionMigrationStep", map[string]string{"app": app, "id": id, "step": string(step)}, nil, err)
	return err == nil
}

// runAndWait runs a step, then polls until it ended, as the Scalingo CLI's migration-run does.
func (d *driver) runAndWait(app, id string, step scalingo.RegionMigrationStep) (scalingo.RegionMigration, bool) {
	if !d.run(app, id, step) {
		return scalingo.RegionMigration{}, false
	}
	return d.waitForStep(app, id, step)
}

type jwtInfo struct {
	Parts        int     `json:"parts"`
	ExpiresInSec float64 `json:"expiresInSec"`
}

// jwtShape reads the token the way go-scalingo's token generator does: the exp claim, unverified.
func jwtShape(token string) *jwtInfo {
	if token == "" {
		return nil
	}
	parts := strings.Split(token, ".")
	info := &jwtInfo{Parts: len(parts)}
	if len(parts) != 3 {
		return info
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return info
	}
	var claims struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) == nil && claims.Exp > 0 {
		info.ExpiresInSec = time.Until(time.Unix(claims.Exp, 0)).Round(time.Second).Seconds()
	}
	return info
}
