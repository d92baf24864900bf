// Clusters share two cores: run test collections one after another so failure detection is not starved.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
