// The scenarios share one cluster of network namespaces and damage it on purpose: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
