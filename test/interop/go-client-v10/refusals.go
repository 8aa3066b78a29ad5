package main

import (
	scalingo "github.com/Scalingo/go-scalingo/v10"
)

// refusals makes calls the simulator must refuse the way Scalingo does, so the tests can check
// go-scalingo reads each refusal as the right typed error.
func (d *driver) refusals(app, region, otherRegion string) {
	c := d.client(region, scalingo.ExtraHeaders{})
	other := d.client(otherRegion, scalingo.ExtraHeaders{})
	_, err := c.AppsShow(d.ctx, "no-such-app")
	d.expectError("AppsShow", region, map[string]string{"case": "unknown app"}, err)
	stacks, _ := other.StacksList(d.ctx)
	_, err = c.AppsCreate(d.ctx, scalingo.AppsCreateOpts{Name: "copied-stack-id", StackID: stacks[0].ID})
	d.expectError("AppsCreate", region, map[string]string{"case": "stack id of another region"}, err)
	_, err = c.AppsCreate(d.ctx, scalingo.AppsCreateOpts{Name: app})
	d.expectError("AppsCreate", region, map[string]string{"case": "name taken"}, err)
	providers, _ := other.AddonProvidersList(d.ctx)
	_, err = c.AddonProvision(d.ctx, app, scalingo.AddonProvisionParams{AddonProviderID: providers[0].ID, PlanID: "whatever"})
	d.expectError("AddonProvision", region, map[string]string{"case": "provider id of another region"}, err)
	resp, err := c.AppsScale(d.ctx, app, &scalingo.AppsScaleParams{Containers: []scalingo.ContainerType{{Name: "no-such-type", Amount: 1}}})
	if resp != nil {
		resp.Body.Close()
	}
	d.expectError("AppsScale", region, map[string]string{"case": "unknown container type"}, err)
	resp, err = c.AppsScale(d.ctx, app, &scalingo.AppsScaleParams{Containers: []scalingo.ContainerType{{Name: "web", Amount: 11}}})
	if resp != nil {
		resp.Body.Close()
	}
	d.expectError("AppsScale", region, map[string]string{"case": "over 10 containers"}, err)
	resp, err = c.AppsRestart(d.ctx, app, &scalingo.AppsRestartParams{})
	if resp != nil {
		resp.Body.Close()
	}
	d.report("AppsRestart", region, map[string]string{"case": "first restart"}, nil, err)
	resp, err = c.AppsRestart(d.ctx, app, &scalingo.AppsRestartParams{})
	if resp != nil {
		resp.Body.Close()
	}
	d.expectError("AppsRestart", region, map[string]string{"case": "while an operation runs"}, err)
	_, err = c.SCMRepoLinkShow(d.ctx, "git-push-app")
	d.expectError("SCMRepoLinkShow", region, map[string]string{"case": "no link"}, err)
	_, err = c.DomainsAdd(d.ctx, app, scalingo.DomainsAddParams{Name: "not a domain"})
	d.expectError("DomainsAdd", region, map[string]string{"case": "bad name"}, err)
	bad := "not a certificate"
	_, err = c.DomainsAdd(d.ctx, app, scalingo.DomainsAddParams{Name: "bad-cert.example.org", TLSCert: &bad, TLSKey: &bad})
	d.expectError("DomainsAdd", region, map[string]string{"case": "bad certificate"}, err)
	_, err = c.Run(d.ctx, scalingo.RunOpts{App: "no-such-app", Command: []string{"true"}, Detached: true})
	d.expectError("Run", region, map[string]string{"case": "run on an unknown app"}, err)
}
