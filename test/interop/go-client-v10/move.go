package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"time"

	scalingo "github.com/Scalingo/go-scalingo/v10"
	"github.com/Scalingo/go-utils/pagination"
)

// move recreates srcApp of srcRegion as newName in dstRegion, through go-scalingo only (the
// archive upload to the pre-signed URL aside, which is plain HTTP by design).
func (d *driver) move(srcApp, srcRegion, dstRegion, newName string) {
	src := d.client(srcRegion, scalingo.ExtraHeaders{})
	dst := d.client(dstRegion, scalingo.ExtraHeaders{})
	source, err := src.AppsShow(d.ctx, srcApp)
	if !d.report("AppsShow", srcRegion, map[string]string{"app": srcApp}, source, err) {
		return
	}
	apps, err := src.AppsList(d.ctx)
	d.report("AppsList", srcRegion, nil, len(apps), err)
	cat := d.readCatalogs(src, dst, srcRegion, dstRegion)
	app := d.createApp(dst, dstRegion, newName, cat.stacks[cat.srcStacks[source.StackID]])
	if app == "" {
		return
	}
	d.copySettings(dst, dstRegion, app, source)
	resp, err := dst.AppsScale(d.ctx, app, &scalingo.AppsScaleParams{Containers: []scalingo.ContainerType{{Name: "web", Amount: 0}}})
	d.reportResponse("AppsScale", dstRegion, map[string]string{"app": app, "when": "before first deploy"}, resp, err)
	addons := d.copyAddons(src, dst, srcRegion, dstRegion, srcApp, app, cat)
	d.copyVariables(src, dst, srcRegion, dstRegion, srcApp, app, addons)
	d.copyCollaborators(src, dst, srcRegion, dstRegion, srcApp, app)
	d.copyDomains(src, dst, srcRegion, dstRegion, srcApp, app)
	notifiers := d.copyNotifiers(src, dst, srcRegion, dstRegion, srcApp, app, cat)
	d.copyAlerts(src, dst, srcRegion, dstRegion, srcApp, app, notifiers)
	d.copyDrains(src, dst, srcRegion, dstRegion, srcApp, app, addons)
	d.linkRepository(src, dst, srcRegion, dstRegion, srcApp, app)
	d.deployArchive(dst, dstRegion, app)
	d.copyAutoscalers(src, dst, srcRegion, dstRegion, srcApp, app)
	d.scaleLikeSource(src, dst, srcRegion, dstRegion, srcApp, app)
	for srcAddon, dstAddon := range addons.databases {
		d.moveDatabase(src, dst, srcRegion, dstRegion, srcApp, app, srcAddon, dstAddon)
	}
	events, meta, err := dst.EventsList(d.ctx, app, pagination.Request{Page: 1, PerPage: 5})
	d.report("EventsList", dstRegion, map[string]string{"app": app}, map[string]interface{}{"events": events, "meta": meta}, err)
}

// remove takes an app apart through the API, then deletes it (an aborted move's clean-up).
func (d *driver) remove(app, region string) {
	d.cleanUp(d.client(region, scalingo.ExtraHeaders{}), region, app)
}

type copiedAddons struct {
	// Source addon id → destination addon id, for databases.
	databases map[string]string
	// Source addon id → destination addon id.
	all map[string]string
	// Variables the destination's addons define: never copied from the source.
	variables map[string]bool
}

func (d *driver) createApp(dst *scalingo.Client, region, name, stackID string) string {
	projects, err := dst.ProjectsList(d.ctx)
	d.report("ProjectsList", region, nil, projects, err)
	projectID := ""
	for _, p := range projects {
		if p.Default {
			projectID = p.ID
		}
	}
	opts := scalingo.AppsCreateOpts{Name: name, StackID: stackID, ProjectID: projectID}
	dryRun := d.client(region, scalingo.ExtraHeaders{API: http.Header{"X-Dry-Run": {"true"}}})
	preview, err := dryRun.AppsCreate(d.ctx, opts)
	d.report("AppsCreate", region, map[string]string{"name": name, "dry_run": "true"}, preview, err)
	app, err := dst.AppsCreate(d.ctx, opts)
	if !d.report("AppsCreate", region, map[string]string{"name": name}, app, err) {
		return ""
	}
	return app.Name
}

func (d *driver) copySettings(dst *scalingo.Client, region, app string, source *scalingo.App) {
	a, err := dst.AppsForceHTTPS(d.ctx, app, source.ForceHTTPS)
	d.report("AppsForceHTTPS", region, map[string]bool{"enable": source.ForceHTTPS}, a, err)
	a, err = dst.AppsStickySession(d.ctx, app, source.StickySession)
	d.report("AppsStickySession", region, map[string]bool{"enable": source.StickySession}, a, err)
	a, err = dst.AppsRouterLogs(d.ctx, app, source.RouterLogs)
	d.report("AppsRouterLogs", region, map[string]bool{"enable": source.RouterLogs}, a, err)
	shown, err := dst.AppsShow(d.ctx, app)
	d.report("AppsShow", region, map[string]string{"app": app}, shown, err)
	if shown != nil {
		a, err = dst.AppsSetStack(d.ctx, app, shown.StackID)
		d.report("AppsSetStack", region, map[string]string{"stack_id": shown.StackID}, a, err)
	}
}

func (d *driver) copyAddons(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string, cat catalog) copiedAddons {
	out := copiedAddons{databases: map[string]string{}, all: map[string]string{}, variables: map[string]bool{}}
	addons, err := src.AddonsList(d.ctx, srcApp)
	d.report("AddonsList", srcRegion, map[string]string{"app": srcApp}, addons, err)
	for _, a := range addons {
		providerID := cat.providers[a.AddonProvider.Name]
		planID := d.planID(dst, dstRegion, providerID, a.Plan.Name)
		res, err := dst.AddonProvision(d.ctx, app, scalingo.AddonProvisionParams{AddonProviderID: providerID, PlanID: planID})
		if !d.report("AddonProvision", dstRegion, map[string]string{"provider": a.AddonProvider.Name, "plan": a.Plan.Name}, res, err) {
			continue
		}
		for _, v := range res.Variables {
			out.variables[v] = true
		}
		out.all[a.ID] = res.Addon.ID
		if a.AddonProvider.Name != "Redis" {
			out.databases[a.ID] = res.Addon.ID
		}
		d.waitFor("AddonShow", dstRegion, map[string]string{"addon": res.Addon.ID}, func() (interface{}, bool, error) {
			addon, err := dst.AddonShow(d.ctx, app, res.Addon.ID)
			return addon, addon.Status == scalingo.AddonStatusRunning, err
		})
	}
	listed, err := dst.AddonsList(d.ctx, app)
	d.report("AddonsList", dstRegion, map[string]string{"app": app}, listed, err)
	for _, a := range listed {
		if a.AddonProvider.Name != "Redis" {
			continue
		}
		// A plan change there and back: the copy keeps the source's plan.
		bigger := d.planID(dst, dstRegion, a.AddonProvider.ID, "redis-starter-512")
		upgraded, err := dst.AddonUpgrade(d.ctx, app, a.ID, scalingo.AddonUpgradeParams{PlanID: bigger})
		d.report("AddonUpgrade", dstRegion, map[string]string{"plan": "redis-starter-512"}, upgraded, err)
		back, err := dst.AddonUpgrade(d.ctx, app, a.ID, scalingo.AddonUpgradeParams{PlanID: a.Plan.ID})
		d.report("AddonUpgrade", dstRegion, map[string]string{"plan": a.Plan.Name}, back, err)
	}
	return out
}

func (d *driver) copyVariables(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string, addons copiedAddons) {
	vars, err := src.VariablesList(d.ctx, srcApp)
	d.report("VariablesList", srcRegion, map[string]string{"app": srcApp}, names(vars), err)
	copied := scalingo.Variables{}
	for _, v := range vars {
		if !addons.variables[v.Name] {
			copied = append(copied, &scalingo.Variable{Name: v.Name, Value: v.Value})
		}
	}
	set, code, err := dst.VariableMultipleSet(d.ctx, app, copied)
	d.report("VariableMultipleSet", dstRegion, map[string]int{"count": len(copied), "status": code}, names(set), err)
	one, code, err := dst.VariableSet(d.ctx, app, "MOVED_FROM_REGION", srcRegion)
	d.report("VariableSet", dstRegion, map[string]int{"status": code}, one, err)
	again, code, err := dst.VariableSet(d.ctx, app, "MOVED_FROM_REGION", srcRegion)
	d.report("VariableSet", dstRegion, map[string]int{"status": code}, again, err)
	withAliases, err := dst.VariablesList(d.ctx, app)
	d.report("VariablesList", dstRegion, map[string]string{"app": app}, aliasesOf(withAliases), err)
	expanded, err := dst.VariablesListWithoutAlias(d.ctx, app)
	d.report("VariablesListWithoutAlias", dstRegion, map[string]string{"app": app}, aliasesOf(expanded), err)
	if one != nil {
		err = dst.VariableUnset(d.ctx, app, one.ID)
		d.report("VariableUnset", dstRegion, map[string]string{"name": one.Name}, nil, err)
	}
}

func (d *driver) copyCollaborators(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string) {
	collaborators, err := src.CollaboratorsList(d.ctx, srcApp)
	d.report("CollaboratorsList", srcRegion, map[string]string{"app": srcApp}, collaborators, err)
	for _, c := range collaborators {
		if c.Status != scalingo.CollaboratorStatusAccepted {
			continue
		}
		invited, err := dst.CollaboratorAdd(d.ctx, app, scalingo.CollaboratorAddParams{Email: c.Email, IsLimited: false})
		d.report("CollaboratorAdd", dstRegion, map[string]string{"email": c.Email}, invited, err)
		updated, err := dst.CollaboratorUpdate(d.ctx, app, invited.ID, scalingo.CollaboratorUpdateParams{IsLimited: c.IsLimited})
		d.report("CollaboratorUpdate", dstRegion, map[string]bool{"is_limited": c.IsLimited}, updated, err)
	}
	extra, err := dst.CollaboratorAdd(d.ctx, app, scalingo.CollaboratorAddParams{Email: "temporary@example.com"})
	d.report("CollaboratorAdd", dstRegion, map[string]string{"email": "temporary@example.com"}, extra, err)
	err = dst.CollaboratorRemove(d.ctx, app, extra.ID)
	d.report("CollaboratorRemove", dstRegion, map[string]string{"email": "temporary@example.com"}, nil, err)
	listed, err := dst.CollaboratorsList(d.ctx, app)
	d.report("CollaboratorsList", dstRegion, map[string]string{"app": app}, listed, err)
}

func (d *driver) copyDomains(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string) {
	domains, err := src.DomainsList(d.ctx, srcApp)
	d.report("DomainsList", srcRegion, map[string]string{"app": srcApp}, domains, err)
	canonical := ""
	for _, domain := range domains {
		params := scalingo.DomainsAddParams{Name: domain.Name}
		if domain.TLSCert != "" {
			// An uploaded certificate cannot be read back: the user supplies it again.
			cert, key := selfSignedCertificate(domain.Name)
			params.TLSCert, params.TLSKey = &cert, &key
		}
		added, err := dst.DomainsAdd(d.ctx, app, params)
		d.report("DomainsAdd", dstRegion, map[string]interface{}{"name": domain.Name, "certificate": domain.TLSCert != ""}, added, err)
		if domain.Canonical {
			canonical = added.ID
		}
		if domain.TLSCert != "" {
			unset, err := dst.DomainUnsetCertificate(d.ctx, app, added.ID)
			d.report("DomainUnsetCertificate", dstRegion, map[string]string{"name": domain.Name}, unset, err)
			cert, key := selfSignedCertificate(domain.Name)
			set, err := dst.DomainSetCertificate(d.ctx, app, added.ID, cert, key)
			d.report("DomainSetCertificate", dstRegion, map[string]string{"name": domain.Name}, set, err)
		}
	}
	if canonical != "" {
		set, err := dst.DomainSetCanonical(d.ctx, app, canonical)
		d.report("DomainSetCanonical", dstRegion, map[string]string{"id": canonical}, set, err)
		shown, err := dst.DomainsShow(d.ctx, app, canonical)
		d.report("DomainsShow", dstRegion, map[string]string{"id": canonical}, shown, err)
	}
	extra, err := dst.DomainsAdd(d.ctx, app, scalingo.DomainsAddParams{Name: "temporary.example.org"})
	d.report("DomainsAdd", dstRegion, map[string]string{"name": "temporary.example.org"}, extra, err)
	err = dst.DomainsRemove(d.ctx, app, extra.ID)
	d.report("DomainsRemove", dstRegion, map[string]string{"name": "temporary.example.org"}, nil, err)
}

func (d *driver) copyNotifiers(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string, cat catalog) map[string]string {
	ids := map[string]string{}
	notifiers, err := src.NotifiersList(d.ctx, srcApp)
	d.report("NotifiersList", srcRegion, map[string]string{"app": srcApp}, notifiers, err)
	existing, err := dst.NotifiersList(d.ctx, app)
	d.report("NotifiersList", dstRegion, map[string]string{"app": app}, existing, err)
	for _, detailed := range notifiers {
		n := detailed.GetNotifier()
		params := scalingo.NotifierParams{
			Name:             n.Name,
			PlatformID:       cat.platforms[cat.srcPlatforms[n.PlatformID]],
			Active:           n.Active,
			SendAllAlerts:    n.SendAllAlerts,
			SendAllEvents:    n.SendAllEvents,
			SelectedEventIDs: cat.mapEvents(n.SelectedEventIDs),
		}
		switch typed := detailed.(type) {
		case *scalingo.NotifierSlackType:
			params.WebhookURL = typed.TypeData.WebhookURL
		case *scalingo.NotifierWebhookType:
			params.WebhookURL = typed.TypeData.WebhookURL
		case *scalingo.NotifierEmailType:
			params.Emails, params.UserIDs = typed.TypeData.Emails, typed.TypeData.UserIDs
		}
		created, err := dst.NotifierProvision(d.ctx, app, params)
		if !d.report("NotifierProvision", dstRegion, map[string]string{"name": n.Name}, created, err) {
			continue
		}
		ids[n.ID] = created.ID
		inactive := false
		updated, err := dst.NotifierUpdate(d.ctx, app, created.ID, scalingo.NotifierParams{Active: &inactive})
		d.report("NotifierUpdate", dstRegion, map[string]bool{"active": false}, updated, err)
		active := true
		updated, err = dst.NotifierUpdate(d.ctx, app, created.ID, scalingo.NotifierParams{Active: &active})
		d.report("NotifierUpdate", dstRegion, map[string]bool{"active": true}, updated, err)
		shown, err := dst.NotifierByID(d.ctx, app, created.ID)
		d.report("NotifierByID", dstRegion, map[string]string{"id": created.ID}, shown, err)
	}
	return ids
}

func (d *driver) copyAlerts(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string, notifiers map[string]string) {
	alerts, err := src.AlertsList(d.ctx, srcApp)
	d.report("AlertsList", srcRegion, map[string]string{"app": srcApp}, alerts, err)
	for _, a := range alerts {
		// An autoscaler's own alerts come back with it. go-scalingo v10's Autoscaler has no
		// alert_id_scale_up/down, so the alert's metadata is what tells them apart here.
		if a.Metadata["autoscaler_id"] != nil {
			continue
		}
		mapped := []string{}
		for _, id := range a.Notifiers {
			mapped = append(mapped, notifiers[id])
		}
		remind, _ := time.ParseDuration(a.RemindEvery)
		trigger := a.DurationBeforeTrigger
		created, err := dst.AlertAdd(d.ctx, app, scalingo.AlertAddParams{
			ContainerType: a.ContainerType, Metric: a.Metric, Limit: a.Limit, Disabled: a.Disabled, SendWhenBelow: a.SendWhenBelow,
			RemindEvery: &remind, DurationBeforeTrigger: &trigger, Notifiers: mapped,
		})
		if !d.report("AlertAdd", dstRegion, map[string]string{"metric": a.Metric}, created, err) {
			continue
		}
		every := 2 * time.Hour
		updated, err := dst.AlertUpdate(d.ctx, app, created.ID, scalingo.AlertUpdateParams{RemindEvery: &every})
		d.report("AlertUpdate", dstRegion, map[string]string{"remind_every": every.String()}, updated, err)
		shown, err := dst.AlertShow(d.ctx, app, created.ID)
		d.report("AlertShow", dstRegion, map[string]string{"id": created.ID}, shown, err)
	}
}

func (d *driver) copyDrains(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string, addons copiedAddons) {
	drains, err := src.LogDrainsList(d.ctx, srcApp)
	d.report("LogDrainsList", srcRegion, map[string]string{"app": srcApp}, drains, err)
	for _, drain := range drains {
		added, err := dst.LogDrainAdd(d.ctx, app, scalingo.LogDrainAddParams{Type: drainType(drain.URL), URL: drain.URL})
		d.report("LogDrainAdd", dstRegion, map[string]string{"type": drainType(drain.URL)}, added, err)
	}
	for srcAddon, dstAddon := range addons.all {
		addonDrains, err := src.LogDrainsAddonList(d.ctx, srcApp, srcAddon)
		d.report("LogDrainsAddonList", srcRegion, map[string]string{"addon": srcAddon}, addonDrains, err)
		for _, drain := range addonDrains {
			added, err := dst.LogDrainAddonAdd(d.ctx, app, dstAddon, scalingo.LogDrainAddParams{Type: drainType(drain.URL), URL: drain.URL})
			d.report("LogDrainAddonAdd", dstRegion, map[string]string{"type": drainType(drain.URL)}, added, err)
		}
		temporary, err := dst.LogDrainAddonAdd(d.ctx, app, dstAddon, scalingo.LogDrainAddParams{Type: "syslog", Host: "db-logs.example.org", Port: "514"})
		d.report("LogDrainAddonAdd", dstRegion, map[string]string{"type": "syslog", "from": "host and port"}, temporary, err)
		if temporary != nil {
			err = dst.LogDrainAddonRemove(d.ctx, app, dstAddon, temporary.Drain.URL)
			d.report("LogDrainAddonRemove", dstRegion, map[string]string{"url": temporary.Drain.URL}, nil, err)
		}
		listed, err := dst.LogDrainsAddonList(d.ctx, app, dstAddon)
		d.report("LogDrainsAddonList", dstRegion, map[string]string{"addon": dstAddon}, listed, err)
	}
	temporary, err := dst.LogDrainAdd(d.ctx, app, scalingo.LogDrainAddParams{Type: "syslog", Host: "logs.example.org", Port: "6514"})
	d.report("LogDrainAdd", dstRegion, map[string]string{"type": "syslog", "from": "host and port"}, temporary, err)
	if temporary != nil {
		err = dst.LogDrainRemove(d.ctx, app, temporary.Drain.URL)
		d.report("LogDrainRemove", dstRegion, map[string]string{"url": temporary.Drain.URL}, nil, err)
	}
	listed, err := dst.LogDrainsList(d.ctx, app)
	d.report("LogDrainsList", dstRegion, map[string]string{"app": app}, listed, err)
}

func (d *driver) linkRepository(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string) {
	link, err := src.SCMRepoLinkShow(d.ctx, srcApp)
	if err != nil && strings.Contains(err.Error(), "not found") {
		// Deployed by git push or archive: nothing to link (404, as Scalingo answers).
		d.expectError("SCMRepoLinkShow", srcRegion, map[string]string{"app": srcApp}, err)
		return
	}
	if !d.report("SCMRepoLinkShow", srcRegion, map[string]string{"app": srcApp}, link, err) {
		return
	}
	integrations, err := src.SCMIntegrationsList(d.ctx)
	d.report("SCMIntegrationsList", "", nil, integrations, err)
	integration := ""
	for _, i := range integrations {
		if i.SCMType == link.SCMType {
			integration = i.ID
		}
	}
	source := link.URL + "/" + link.Owner + "/" + link.Repo
	off := false
	created, err := dst.SCMRepoLinkCreate(d.ctx, app, scalingo.SCMRepoLinkCreateParams{Source: &source, Branch: &link.Branch, AuthIntegrationUUID: &integration, AutoDeployEnabled: &off})
	d.report("SCMRepoLinkCreate", dstRegion, map[string]string{"source": source}, created, err)
	updated, err := dst.SCMRepoLinkUpdate(d.ctx, app, scalingo.SCMRepoLinkUpdateParams{DeployReviewAppsEnabled: &off})
	d.report("SCMRepoLinkUpdate", dstRegion, nil, updated, err)
	deployment, err := dst.SCMRepoLinkManualDeploy(d.ctx, app, link.Branch)
	if d.report("SCMRepoLinkManualDeploy", dstRegion, map[string]string{"branch": link.Branch}, deployment, err) {
		d.waitDeployment(dst, dstRegion, app, deployment.ID)
	}
	deployments, err := dst.SCMRepoLinkDeployments(d.ctx, app)
	d.report("SCMRepoLinkDeployments", dstRegion, nil, deployments, err)
}

func (d *driver) deployArchive(dst *scalingo.Client, region, app string) {
	source, err := dst.SourcesCreate(d.ctx)
	if !d.report("SourcesCreate", region, nil, map[string]bool{"upload_url": source != nil && source.UploadURL != "", "download_url": source != nil && source.DownloadURL != ""}, err) {
		return
	}
	req, _ := http.NewRequest(http.MethodPut, source.UploadURL, bytes.NewReader(codeArchive()))
	req.Header.Set("Content-Type", "application/x-gzip")
	res, err := http.DefaultClient.Do(req)
	status := 0
	if res != nil {
		status = res.StatusCode
		res.Body.Close()
	}
	d.report("UploadArchive (plain HTTP PUT)", region, nil, map[string]int{"status": status}, err)
	ref := "v2.0.0"
	deployment, err := dst.DeploymentsCreate(d.ctx, app, &scalingo.DeploymentsCreateParams{SourceURL: source.DownloadURL, GitRef: &ref})
	if !d.report("DeploymentsCreate", region, map[string]string{"git_ref": ref}, deployment, err) {
		return
	}
	done := d.waitDeployment(dst, region, app, deployment.ID)
	list, err := dst.DeploymentList(d.ctx, app)
	d.report("DeploymentList", region, nil, list, err)
	page, meta, err := dst.DeploymentListWithPagination(d.ctx, app, pagination.Request{Page: 1, PerPage: 1})
	d.report("DeploymentListWithPagination", region, nil, map[string]interface{}{"deployments": page, "meta": meta}, err)
	if done != nil && done.Links != nil {
		output, err := dst.DeploymentLogs(d.ctx, done.Links.Output)
		body := ""
		if output != nil {
			var buf bytes.Buffer
			_, _ = buf.ReadFrom(output.Body)
			output.Body.Close()
			body = buf.String()
		}
		d.report("DeploymentLogs", region, nil, map[string]string{"output": body}, err)
	}
	shown, err := dst.AppsShow(d.ctx, app)
	d.report("AppsShow", region, map[string]string{"app": app, "after": "deploy"}, shown, err)
}

func (d *driver) waitDeployment(dst *scalingo.Client, region, app, id string) *scalingo.Deployment {
	value := d.waitFor("Deployment", region, map[string]string{"id": id}, func() (interface{}, bool, error) {
		deployment, err := dst.Deployment(d.ctx, app, id)
		return deployment, err == nil && deployment.IsFinished(), err
	})
	deployment, _ := value.(*scalingo.Deployment)
	return deployment
}

func (d *driver) copyAutoscalers(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string) {
	autoscalers, err := src.AutoscalersList(d.ctx, srcApp)
	d.report("AutoscalersList", srcRegion, map[string]string{"app": srcApp}, autoscalers, err)
	for _, a := range autoscalers {
		created, err := dst.AutoscalerAdd(d.ctx, app, scalingo.AutoscalerAddParams{ContainerType: a.ContainerType, Metric: a.Metric, Target: a.Target, MinContainers: a.MinContainers, MaxContainers: a.MaxContainers})
		if !d.report("AutoscalerAdd", dstRegion, map[string]string{"container_type": a.ContainerType}, created, err) {
			continue
		}
		max := a.MaxContainers + 1
		updated, err := dst.AutoscalerUpdate(d.ctx, app, created.ID, scalingo.AutoscalerUpdateParams{MaxContainers: &max})
		d.report("AutoscalerUpdate", dstRegion, map[string]int{"max_containers": max}, updated, err)
		shown, err := dst.AutoscalerShow(d.ctx, app, created.ID)
		d.report("AutoscalerShow", dstRegion, map[string]string{"id": created.ID}, shown, err)
	}
}

func (d *driver) scaleLikeSource(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app string) {
	types, err := src.AppsContainerTypes(d.ctx, srcApp)
	d.report("AppsContainerTypes", srcRegion, map[string]string{"app": srcApp}, types, err)
	before, err := dst.AppsContainerTypes(d.ctx, app)
	d.report("AppsContainerTypes", dstRegion, map[string]string{"app": app}, before, err)
	wanted := []scalingo.ContainerType{}
	for _, t := range types {
		wanted = append(wanted, scalingo.ContainerType{Name: t.Name, Amount: t.Amount, Size: t.Size})
	}
	resp, err := dst.AppsScale(d.ctx, app, &scalingo.AppsScaleParams{Containers: wanted})
	location := d.reportResponse("AppsScale", dstRegion, map[string]string{"app": app, "when": "after deploy"}, resp, err)
	if location != "" {
		d.waitFor("OperationsShowFromURL", dstRegion, map[string]string{"type": "scale"}, func() (interface{}, bool, error) {
			op, err := dst.OperationsShowFromURL(d.ctx, location)
			return op, err == nil && (op.Status == scalingo.OperationStatusDone || op.Status == scalingo.OperationStatusError), err
		})
	}
	resp, err = dst.AppsRestart(d.ctx, app, &scalingo.AppsRestartParams{Scope: []string{"web"}})
	location = d.reportResponse("AppsRestart", dstRegion, map[string]string{"app": app}, resp, err)
	if location != "" {
		opID := location[strings.LastIndex(location, "/")+1:]
		d.waitFor("OperationsShow", dstRegion, map[string]string{"type": "restart"}, func() (interface{}, bool, error) {
			op, err := dst.OperationsShow(d.ctx, app, opID)
			return op, err == nil && op.Status == scalingo.OperationStatusDone, err
		})
	}
	ps, err := dst.AppsContainersPs(d.ctx, app)
	d.report("AppsContainersPs", dstRegion, map[string]string{"app": app}, ps, err)
}

// moveDatabase backs the source database up, then restores the backup into the destination's
// database from a detached one-off running Scalingo's "Copying your Database" recipe.
func (d *driver) moveDatabase(src, dst *scalingo.Client, srcRegion, dstRegion, srcApp, app, srcAddon, dstAddon string) {
	db, err := src.DatabaseShow(d.ctx, srcApp, srcAddon)
	d.report("DatabaseShow", srcRegion, map[string]string{"addon": srcAddon}, db, err)
	version, err := src.DatabaseTypeVersion(d.ctx, srcApp, srcAddon, db.VersionID)
	d.report("DatabaseTypeVersion", srcRegion, map[string]string{"version_id": db.VersionID}, version, err)
	backup, err := src.BackupCreate(d.ctx, srcApp, srcAddon)
	if !d.report("BackupCreate", srcRegion, map[string]string{"addon": srcAddon}, backup, err) {
		return
	}
	d.waitFor("BackupShow", srcRegion, map[string]string{"id": backup.ID}, func() (interface{}, bool, error) {
		b, err := src.BackupShow(d.ctx, srcApp, srcAddon, backup.ID)
		return b, err == nil && (b.Status == scalingo.BackupStatusDone || b.Status == scalingo.BackupStatusError), err
	})
	backups, err := src.BackupList(d.ctx, srcApp, srcAddon)
	d.report("BackupList", srcRegion, map[string]string{"addon": srcAddon}, backups, err)
	downloadURL, err := src.BackupDownloadURL(d.ctx, srcApp, srcAddon, backup.ID)
	d.report("BackupDownloadURL", srcRegion, map[string]string{"backup": backup.ID}, signedURLShape(downloadURL), err)
	dstDB, err := dst.DatabaseShow(d.ctx, app, dstAddon)
	d.report("DatabaseShow", dstRegion, map[string]string{"addon": dstAddon}, dstDB, err)
	envName := "SCALINGO_" + strings.ToUpper(map[string]string{"postgresql": "postgresql", "mysql": "mysql", "mongodb": "mongo"}[dstDB.TypeName]) + "_URL"
	script := restoreScript(dstDB.TypeName, envName)
	env := map[string]string{"BACKUP_URL": downloadURL}
	if dstDB.TypeName == "mysql" {
		// The mysql client takes no URL: the one-off gets the connection's parts in its env.
		vars, err := dst.VariablesListWithoutAlias(d.ctx, app)
		d.report("VariablesListWithoutAlias", dstRegion, map[string]string{"app": app, "for": "mysql connection"}, names(vars), err)
		if v, ok := vars.Contains(envName); ok {
			if u, err := url.Parse(v.Value); err == nil {
				password, _ := u.User.Password()
				env["DB_USER"], env["DB_PASSWORD"], env["DB_HOST"], env["DB_PORT"], env["DB_NAME"] = u.User.Username(), password, u.Hostname(), u.Port(), strings.TrimPrefix(u.Path, "/")
			}
		}
	}
	run, err := dst.Run(d.ctx, scalingo.RunOpts{App: app, Command: []string{script}, Env: env, Size: "M", Detached: true})
	d.report("Run", dstRegion, map[string]interface{}{"detached": true, "command": script}, map[string]interface{}{"container": run.Container, "has_operation_url": run.OperationURL != ""}, err)
	if run != nil && run.OperationURL != "" {
		op, err := dst.OperationsShowFromURL(d.ctx, run.OperationURL)
		d.report("OperationsShowFromURL", dstRegion, map[string]string{"type": "start-one-off"}, op, err)
	}
	d.waitFor("Logs", dstRegion, map[string]string{"until": "the one-off exits"}, func() (interface{}, bool, error) {
		logsURL, err := dst.LogsURL(d.ctx, app)
		if err != nil {
			return nil, false, err
		}
		res, err := dst.Logs(d.ctx, logsURL.LogsURL, 200, "")
		if err != nil {
			return nil, false, err
		}
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(res.Body)
		res.Body.Close()
		lines := oneOffLines(buf.String(), run.Container.Label)
		return lines, strings.Contains(buf.String(), "Process exited with status"), nil
	})
}

// restoreScript is the recipe's restore, one shell line, the backup URL in the one-off's env.
func restoreScript(typeName, envName string) string {
	fetch := `curl --silent --show-error --fail --output /tmp/backup.tar.gz "$BACKUP_URL" && mkdir -p /tmp/restore && tar --extract --verbose --file=/tmp/backup.tar.gz --directory=/tmp/restore`
	switch typeName {
	case "mysql":
		return "dbclient-fetcher mysql && " + fetch + ` && mysql --user="$DB_USER" --password="$DB_PASSWORD" --host="$DB_HOST" --port="$DB_PORT" "$DB_NAME" < /tmp/restore/*/*.sql && echo RESTORE-OK`
	default:
		return "dbclient-fetcher pgsql && " + fetch + ` && pg_restore --clean --if-exists --no-owner --no-privileges --no-comments --dbname "$` + envName + `" /tmp/restore/*/*.pgsql && echo RESTORE-OK`
	}
}

func (d *driver) cleanUp(dst *scalingo.Client, region, app string) {
	autoscalers, err := dst.AutoscalersList(d.ctx, app)
	d.report("AutoscalersList", region, map[string]string{"app": app}, autoscalers, err)
	for _, a := range autoscalers {
		err = dst.AutoscalerRemove(d.ctx, app, a.ID)
		d.report("AutoscalerRemove", region, map[string]string{"id": a.ID}, nil, err)
	}
	alerts, err := dst.AlertsList(d.ctx, app)
	d.report("AlertsList", region, map[string]string{"app": app}, alerts, err)
	for _, a := range alerts {
		err = dst.AlertRemove(d.ctx, app, a.ID)
		d.report("AlertRemove", region, map[string]string{"id": a.ID}, nil, err)
	}
	notifiers, err := dst.NotifiersList(d.ctx, app)
	d.report("NotifiersList", region, map[string]string{"app": app}, notifiers, err)
	for _, n := range notifiers {
		err = dst.NotifierDestroy(d.ctx, app, n.GetID())
		d.report("NotifierDestroy", region, map[string]string{"id": n.GetID()}, nil, err)
	}
	err = dst.SCMRepoLinkDelete(d.ctx, app)
	d.report("SCMRepoLinkDelete", region, nil, nil, err)
	addons, err := dst.AddonsList(d.ctx, app)
	d.report("AddonsList", region, map[string]string{"app": app}, addons, err)
	for _, a := range addons {
		err = dst.AddonDestroy(d.ctx, app, a.ID)
		d.report("AddonDestroy", region, map[string]string{"id": a.ID}, nil, err)
	}
	err = dst.AppsDestroy(d.ctx, app, app)
	d.report("AppsDestroy", region, map[string]string{"app": app}, nil, err)
	_, err = dst.AppsShow(d.ctx, app)
	d.expectError("AppsShow", region, map[string]string{"app": app, "after": "delete"}, err)
}

// waitFor polls until done, reporting the last value and how many polls it took.
func (d *driver) waitFor(call, region string, args interface{}, poll func() (interface{}, bool, error)) interface{} {
	deadline := time.Now().Add(d.wait.timeout)
	for polls := 1; ; polls++ {
		value, done, err := poll()
		if err != nil || done || time.Now().After(deadline) {
			out := line{Call: call, Region: region, Args: args, OK: err == nil && done, Value: value, Polls: polls}
			if err != nil {
				out.Error = describe(err)
			} else if !done {
				out.Error = &errorReport{Message: "still not finished after " + d.wait.timeout.String()}
			}
			if !out.OK {
				d.failed = true
			}
			write(out)
			return value
		}
		time.Sleep(d.wait.poll)
	}
}

// reportResponse reports a call that returns the raw response, and gives its Location header.
func (d *driver) reportResponse(call, region string, args interface{}, res *http.Response, err error) string {
	if res == nil {
		d.report(call, region, args, nil, err)
		return ""
	}
	defer res.Body.Close()
	var body bytes.Buffer
	_, _ = body.ReadFrom(res.Body)
	location := res.Header.Get("Location")
	d.report(call, region, args, map[string]interface{}{"status": res.StatusCode, "location": location, "body": body.String()}, err)
	return location
}

func names(vars scalingo.Variables) []string {
	out := []string{}
	for _, v := range vars {
		out = append(out, v.Name)
	}
	return out
}

// aliasesOf shows only the values that are aliases ($NAME) or what DATABASE_URL became: other
// values (addon URLs with passwords) are secrets and never printed.
func aliasesOf(vars scalingo.Variables) map[string]string {
	out := map[string]string{}
	for _, v := range vars {
		switch {
		case strings.HasPrefix(v.Value, "$"):
			out[v.Name] = v.Value
		case v.Name == "DATABASE_URL":
			out[v.Name] = "(expanded: " + strings.SplitN(v.Value, "://", 2)[0] + " URL)"
		}
	}
	return out
}

func signedURLShape(raw string) map[string]interface{} {
	u, err := url.Parse(raw)
	if err != nil {
		return map[string]interface{}{"valid": false}
	}
	return map[string]interface{}{"valid": true, "path": u.Path, "signed": u.Query().Get("signature") != "", "expires": u.Query().Get("expires") != ""}
}

func drainType(raw string) string {
	scheme := strings.SplitN(raw, "://", 2)[0]
	switch scheme {
	case "syslog+tls", "syslog":
		return "syslog"
	case "ovh":
		return "ovh-graylog"
	default:
		return scheme
	}
}

func oneOffLines(logs, label string) []string {
	out := []string{}
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "["+label+"]") {
			out = append(out, l[strings.Index(l, "["+label+"]")+len(label)+3:])
		}
	}
	return out
}
