package main

import (
	scalingo "github.com/Scalingo/go-scalingo/v10"
)

// catalog maps the destination's catalogue ids by name: ids differ per region, names do not.
type catalog struct {
	stacks    map[string]string
	providers map[string]string // provider name → destination id
	platforms map[string]string // notification platform name → destination id
	events    map[string]string // event type name → destination id
	// Source ids back to names.
	srcPlatforms map[string]string
	srcEvents    map[string]string
	srcStacks    map[string]string
}

func (d *driver) readCatalogs(src, dst *scalingo.Client, srcRegion, dstRegion string) catalog {
	c := catalog{stacks: map[string]string{}, providers: map[string]string{}, platforms: map[string]string{}, events: map[string]string{},
		srcPlatforms: map[string]string{}, srcEvents: map[string]string{}, srcStacks: map[string]string{}}
	srcStacks, err := src.StacksList(d.ctx)
	d.report("StacksList", srcRegion, nil, srcStacks, err)
	for _, s := range srcStacks {
		c.srcStacks[s.ID] = s.Name
	}
	dstStacks, err := dst.StacksList(d.ctx)
	d.report("StacksList", dstRegion, nil, dstStacks, err)
	for _, s := range dstStacks {
		c.stacks[s.Name] = s.ID
	}
	sizes, err := dst.ContainerSizesList(d.ctx)
	d.report("ContainerSizesList", dstRegion, nil, sizes, err)
	providers, err := dst.AddonProvidersList(d.ctx)
	d.report("AddonProvidersList", dstRegion, nil, providers, err)
	for _, p := range providers {
		c.providers[p.Name] = p.ID
	}
	srcPlatforms, err := src.NotificationPlatformsList(d.ctx)
	d.report("NotificationPlatformsList", srcRegion, nil, srcPlatforms, err)
	for _, p := range srcPlatforms {
		c.srcPlatforms[p.ID] = p.Name
	}
	for name := range c.srcPlatformsByName() {
		found, err := dst.NotificationPlatformByName(d.ctx, name)
		d.report("NotificationPlatformByName", dstRegion, map[string]string{"name": name}, found, err)
		if len(found) == 1 {
			c.platforms[name] = found[0].ID
		}
	}
	srcEvents, err := src.EventTypesList(d.ctx)
	d.report("EventTypesList", srcRegion, nil, srcEvents, err)
	for _, e := range srcEvents {
		c.srcEvents[e.ID] = e.Name
	}
	dstEvents, err := dst.EventTypesList(d.ctx)
	d.report("EventTypesList", dstRegion, nil, dstEvents, err)
	for _, e := range dstEvents {
		c.events[e.Name] = e.ID
	}
	return c
}

func (c catalog) srcPlatformsByName() map[string]bool {
	names := map[string]bool{}
	for _, name := range c.srcPlatforms {
		names[name] = true
	}
	return names
}

// planID finds a plan of the destination provider by name.
func (d *driver) planID(dst *scalingo.Client, region, providerID, planName string) string {
	plans, err := dst.AddonProviderPlansList(d.ctx, providerID, scalingo.AddonProviderPlansListOpts{ShowAll: true})
	d.report("AddonProviderPlansList", region, map[string]string{"provider": providerID}, plans, err)
	for _, p := range plans {
		if p.Name == planName {
			return p.ID
		}
	}
	return ""
}

func (c catalog) mapEvents(srcIDs []string) []string {
	out := []string{}
	for _, id := range srcIDs {
		if id2, ok := c.events[c.srcEvents[id]]; ok {
			out = append(out, id2)
		}
	}
	return out
}
