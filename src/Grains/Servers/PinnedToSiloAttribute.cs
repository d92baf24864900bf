using Orleans.Placement;

namespace OrleansServe.Grains.Servers;

/// <summary>Marks a grain class as pinned to the silo its key names.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class PinnedToSiloAttribute() : PlacementAttribute(PinnedToSiloPlacement.Instance);
