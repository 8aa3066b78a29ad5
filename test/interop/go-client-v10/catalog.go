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
	c := catalog{}
	srcStacks, err := src.StacksList(d.ctx)
	d.report("StacksList", srcRegion, nil, srcStacks, err)
	c.srcStacks = index(srcStacks, func(s scalingo.Stack) (string, string) { return s.ID, s.Name })
	dstStacks, err := dst.StacksList(d.ctx)
	d.report("StacksList", dstRegion, nil, dstStacks, err)
	c.stacks = index(dstStacks, func(s scalingo.Stack) (string, string) { return s.Name, s.ID })
	sizes, err := dst.ContainerSizesList(d.ctx)
	d.report("ContainerSizesList", dstRegion, nil, sizes, err)
	providers, err := dst.AddonProvidersList(d.ctx)
	d.report("AddonProvidersList", dstRegion, nil, providers, err)
	c.providers = index(providers, func(p *scalingo.AddonProvider) (string, string) { return p.Name, p.ID })
	srcPlatforms, err := src.NotificationPlatformsList(d.ctx)
	d.report("NotificationPlatformsList", srcRegion, nil, srcPlatforms, err)
	c.srcPlatforms = index(srcPlatforms, func(p *scalingo.NotificationPlatform) (string, string) { return p.ID, p.Name })
	c.platforms = map[string]string{}
	for name := range c.srcPlatformsByName() {
		found, err := dst.NotificationPlatformByName(d.ctx, name)
		d.report("NotificationPlatformByName", dstRegion, map[string]string{"name": name}, found, err)
		if len(found) == 1 {
			c.platforms[name] = found[0].ID
		}
	}
	srcEvents, err := src.EventTypesList(d.ctx)
	d.report("EventTypesList", srcRegion, nil, srcEvents, err)
	c.srcEvents = index(srcEvents, func(e scalingo.EventType) (string, string) { return e.ID, e.Name })
	dstEvents, err := dst.EventTypesList(d.ctx)
	d.report("EventTypesList", dstRegion, nil, dstEvents, err)
	c.events = index(dstEvents, func(e scalingo.EventType) (string, string) { return e.Name, e.ID })
	return c
}

// index maps each item's key to its value (an id to a name, or a name to an id).
func index[T any](items []T, pair func(T) (string, string)) map[string]string {
	out := map[string]string{}
	for _, item := range items {
		key, value := pair(item)
		out[key] = value
	}
	return out
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
