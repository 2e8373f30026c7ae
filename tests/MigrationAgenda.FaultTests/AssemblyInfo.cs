// Each fault test owns an Azurite, a host and a fake SendGrid, and measures how long recovery takes: one at a time,
// so one test's kill or outage never slows another's clock.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
