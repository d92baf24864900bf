using System.Collections.Concurrent;

namespace OrleansServe.Grains;

/// <summary>
/// Grain references by string key, made once: <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string?)"/>
/// encodes the key and resolves the interface on every call, which cost 6 % of the tiny-request path.
/// </summary>
public sealed class GrainReferences<TGrain>(IGrainFactory grains) where TGrain : IGrainWithStringKey
{
    /// <summary>Keys come from a bounded set (models, servers); past this many the cache starts again rather than grow.</summary>
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, TGrain> _references = new(StringComparer.Ordinal);

    public TGrain Get(string key)
    {
        if (_references.TryGetValue(key, out var reference))
        {
            return reference;
        }

        if (_references.Count >= MaxEntries)
        {
            _references.Clear();
        }

        return _references.GetOrAdd(key, k => grains.GetGrain<TGrain>(k));
    }
}
