using System.Collections.Concurrent;

namespace OrleansServe.Grains.Servers;

/// <summary>
/// The models each model server of this silo holds, kept outside the grain: when the silo that held a server's
/// directory entry dies, Orleans may activate the server afresh on its own silo, and that activation must still
/// have its models (the engine's holds stay with the server id, not the activation).
/// </summary>
internal sealed class ServerModelSets
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _sets = new();

    public IReadOnlyCollection<string> Of(string serverId) => Set(serverId).Keys.Order(StringComparer.Ordinal).ToList();

    public bool Contains(string serverId, string model) => Set(serverId).ContainsKey(model);

    public void Add(string serverId, string model) => Set(serverId)[model] = 0;

    public bool Remove(string serverId, string model) => Set(serverId).TryRemove(model, out _);

    private ConcurrentDictionary<string, byte> Set(string serverId) =>
        _sets.GetOrAdd(serverId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
}
