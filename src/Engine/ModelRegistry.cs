namespace OrleansServe.Engine;

/// <summary>The models loaded on this silo, reference-counted by holder (the model-server grains).</summary>
internal sealed class ModelRegistry : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ModelSlot> _slots = new(StringComparer.Ordinal);

    /// <summary>Names of the models whose load has completed.</summary>
    public IReadOnlyCollection<string> Ready
    {
        get
        {
            lock (_gate)
            {
                return [.. _slots.Where(s => s.Value.Model is not null).Select(s => s.Key)];
            }
        }
    }

    public LoadedModel? TryGetReady(string name)
    {
        lock (_gate)
        {
            return _slots.TryGetValue(name, out var slot) ? slot.Model : null;
        }
    }

    /// <summary>Adds <paramref name="holder"/>'s hold and returns the (possibly shared, possibly finished) load.</summary>
    public Task Hold(string name, string holder, Func<LoadedModel> load)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(name, out var existing))
            {
                existing.Holders.Add(holder);
                return existing.Loading;
            }
            var slot = new ModelSlot();
            slot.Holders.Add(holder);
            _slots.Add(name, slot);
            slot.Loading = Task.Run(() => Complete(name, slot, load));
            return slot.Loading;
        }
    }

    /// <summary>Drops <paramref name="holder"/>'s hold; returns true when that was the last one and the model is retired.</summary>
    public bool Release(string name, string holder)
    {
        LoadedModel? retired;
        lock (_gate)
        {
            if (!_slots.TryGetValue(name, out var slot) || !slot.Holders.Remove(holder) || slot.Holders.Count > 0)
            {
                return false;
            }
            _slots.Remove(name);
            retired = slot.Model;
        }
        // A load still in flight sees its slot gone and retires the model itself.
        retired?.Retire();
        return true;
    }

    public void Dispose()
    {
        List<LoadedModel> models;
        lock (_gate)
        {
            models = [.. _slots.Values.Select(s => s.Model).OfType<LoadedModel>()];
            _slots.Clear();
        }
        models.ForEach(m => m.Retire());
    }

    private void Complete(string name, ModelSlot slot, Func<LoadedModel> load)
    {
        LoadedModel model;
        try
        {
            model = load();
        }
        catch
        {
            lock (_gate)
            {
                if (_slots.TryGetValue(name, out var current) && current == slot)
                {
                    _slots.Remove(name);
                }
            }
            throw;
        }
        lock (_gate)
        {
            if (_slots.TryGetValue(name, out var current) && current == slot)
            {
                slot.Model = model;
                return;
            }
        }
        model.Retire();
    }

    private sealed class ModelSlot
    {
        public HashSet<string> Holders { get; } = new(StringComparer.Ordinal);

        public Task Loading { get; set; } = Task.CompletedTask;

        public LoadedModel? Model { get; set; }
    }
}
