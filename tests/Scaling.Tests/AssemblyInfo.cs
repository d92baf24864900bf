// The scale-out test runs silo processes on two shared cores: nothing else may run beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
