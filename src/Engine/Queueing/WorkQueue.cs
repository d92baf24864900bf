namespace OrleansServe.Engine.Queueing;

/// <summary>
/// The engine's bounded queue: one earliest-deadline-first heap per model. A worker that frees up takes the
/// globally earliest item and, behind it, up to its batch limit of the same model's earliest items, as long as the
/// batch can still finish before the first of their deadlines and does not exceed its fair share (see
/// <see cref="Take"/>). Items whose remaining time is shorter than their expected service time are handed back to
/// be shed, not run.
/// </summary>
internal sealed class WorkQueue(int capacity, TimeProvider? time = null, int workers = 1)
{
    private readonly object _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, PriorityQueue<WorkItem, WorkItem>> _byModel = new(StringComparer.Ordinal);
    private readonly int _workers = Math.Max(1, workers);
    private int _count;
    private int _taken;
    private double _queuedMs;
    private bool _closed;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Sum of the expected service times of the queued items.</summary>
    public double QueuedMs
    {
        get
        {
            lock (_gate)
            {
                return _queuedMs;
            }
        }
    }

    /// <summary>Items handed to workers and not yet reported <see cref="Finished"/>.</summary>
    public int Taken
    {
        get
        {
            lock (_gate)
            {
                return _taken;
            }
        }
    }

    /// <summary>
    /// Queues items under one lock and wakes workers: one per item that costs something (each takes only its share,
    /// so as many as the work splits into may be needed), and one per batch of free items (a worker takes up to its
    /// batch limit of those): on the tiny path per-item wake-ups were most of the engine's cost.
    /// </summary>
    public EnqueueOutcome[] TryEnqueue(IReadOnlyList<WorkItem> items)
    {
        var outcomes = new EnqueueOutcome[items.Count];
        lock (_gate)
        {
            var wakes = 0;
            for (var i = 0; i < items.Count; i++)
            {
                outcomes[i] = _closed ? EnqueueOutcome.Closed : _count >= capacity ? EnqueueOutcome.Full : Add(items[i]);
                if (outcomes[i] == EnqueueOutcome.Queued && (items[i].ExpectedServiceMs > 0 || wakes++ % items[i].MaxBatch == 0))
                {
                    Monitor.Pulse(_gate);
                }
            }
        }
        return outcomes;
    }

    private EnqueueOutcome Add(WorkItem item)
    {
        if (!_byModel.TryGetValue(item.Model, out var heap))
        {
            heap = new PriorityQueue<WorkItem, WorkItem>(DeadlineOrder.Instance);
            _byModel.Add(item.Model, heap);
        }
        heap.Enqueue(item, item);
        item.IsQueued = true;
        _count++;
        _queuedMs += item.ExpectedServiceMs;
        return EnqueueOutcome.Queued;
    }

    /// <summary>Takes the item out if it is still queued (a cancelled caller); false once a worker has it.</summary>
    public bool TryRemove(WorkItem item)
    {
        lock (_gate)
        {
            if (!item.IsQueued || !_byModel[item.Model].Remove(item, out _, out _))
            {
                return false;
            }
            Dequeued(item);
            return true;
        }
    }

    /// <summary>
    /// Blocks until there is work, then fills <paramref name="batch"/> (one model, deadline order) and
    /// <paramref name="shed"/> (items whose time left is below their expected service time). The batch stops
    /// growing before it would outlast its first (earliest) deadline, and, for work that costs something, at this
    /// worker's share of the lane's work: what waits and what runs, spread over the workers. A worker that took
    /// more would compute its items one after another while another worker idles or runs a batch of one, and every
    /// request of the big batch would wait for all of it (at saturation this set the tail: p99 2.9 × the mean).
    /// The caller reports the batch done with <see cref="Finished"/>. False once closed and empty.
    /// </summary>
    public bool Take(List<WorkItem> batch, List<WorkItem> shed)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_count > 0 && Earliest() is { } heap)
                {
                    var now = _time.GetUtcNow().UtcTicks;
                    var budgetMs = double.PositiveInfinity;
                    var share = (heap.Count + _taken + _workers - 1) / _workers;
                    while (heap.TryPeek(out var head, out _) && batch.Count < (head.ExpectedServiceMs > 0 ? Math.Min(share, head.MaxBatch) : head.MaxBatch))
                    {
                        var remainingMs = head.RemainingMs(now);
                        var fits = remainingMs >= head.ExpectedServiceMs;
                        if (fits && batch.Count > 0 && (batch.Count + 1) * head.ExpectedServiceMs > budgetMs)
                        {
                            break;
                        }
                        heap.Dequeue();
                        Dequeued(head);
                        if (!fits)
                        {
                            shed.Add(head);
                            continue;
                        }
                        budgetMs = Math.Min(budgetMs, remainingMs);
                        batch.Add(head);
                    }
                    _taken += batch.Count;
                    return true;
                }
                if (_closed)
                {
                    return false;
                }
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>A worker finished <paramref name="count"/> items it took.</summary>
    public void Finished(int count)
    {
        lock (_gate)
        {
            _taken -= count;
        }
    }

    /// <summary>Empties the queue and returns what was in it.</summary>
    public List<WorkItem> RemoveAll()
    {
        lock (_gate)
        {
            var all = new List<WorkItem>(_count);
            foreach (var heap in _byModel.Values)
            {
                while (heap.TryDequeue(out var item, out _))
                {
                    Dequeued(item);
                    all.Add(item);
                }
            }
            return all;
        }
    }

    /// <summary>Refuses new work and wakes every waiting worker so it can exit once the queue is empty.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private PriorityQueue<WorkItem, WorkItem>? Earliest()
    {
        PriorityQueue<WorkItem, WorkItem>? earliest = null;
        WorkItem? earliestHead = null;
        foreach (var heap in _byModel.Values)
        {
            if (heap.TryPeek(out var head, out _) && (earliestHead is null || DeadlineOrder.Instance.Compare(head, earliestHead) < 0))
            {
                (earliest, earliestHead) = (heap, head);
            }
        }
        return earliest;
    }

    private void Dequeued(WorkItem item)
    {
        item.IsQueued = false;
        _count--;
        _queuedMs = _count == 0 ? 0 : _queuedMs - item.ExpectedServiceMs;
    }
}
