using Orleans.Runtime;

namespace OrleansServe.Grains.Servers;

/// <summary>Places a grain on the silo its key names (see <see cref="ServerIds"/>), and nowhere else.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.PinnedToSiloPlacement")]
internal sealed class PinnedToSiloPlacement : PlacementStrategy
{
    internal static readonly PinnedToSiloPlacement Instance = new();
}
