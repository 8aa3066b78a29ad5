package main

import scalingo "github.com/Scalingo/go-scalingo/v10"

// read lists, through go-scalingo's own methods, everything a person would look at on an app
// after a migration: the app, its addons, variables, domains, collaborators, notifiers,
// alerts, log drains, autoscalers, SCM link, formation and deployments. Each call is one
// reported line; the tests compare the values with what the migration copied.
func (d *driver) read(app, region string) {
	c := d.client(region, scalingo.ExtraHeaders{})
	args := map[string]string{"app": app}
	shown, err := c.AppsShow(d.ctx, app)
	d.report("AppsShow", region, args, shown, err)
	addons, err := c.AddonsList(d.ctx, app)
	d.report("AddonsList", region, args, addons, err)
	variables, err := c.VariablesList(d.ctx, app)
	d.report("VariablesList", region, args, variables, err)
	domains, err := c.DomainsList(d.ctx, app)
	d.report("DomainsList", region, args, domains, err)
	collaborators, err := c.CollaboratorsList(d.ctx, app)
	d.report("CollaboratorsList", region, args, collaborators, err)
	notifiers, err := c.NotifiersList(d.ctx, app)
	d.report("NotifiersList", region, args, notifiers, err)
	alerts, err := c.AlertsList(d.ctx, app)
	d.report("AlertsList", region, args, alerts, err)
	drains, err := c.LogDrainsList(d.ctx, app)
	d.report("LogDrainsList", region, args, drains, err)
	autoscalers, err := c.AutoscalersList(d.ctx, app)
	d.report("AutoscalersList", region, args, autoscalers, err)
	link, err := c.SCMRepoLinkShow(d.ctx, app)
	d.report("SCMRepoLinkShow", region, args, link, err)
	types, err := c.AppsContainerTypes(d.ctx, app)
	d.report("AppsContainerTypes", region, args, types, err)
	deployments, err := c.DeploymentList(d.ctx, app)
	d.report("DeploymentList", region, args, deployments, err)
}
