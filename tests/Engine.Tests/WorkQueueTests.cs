using OrleansServe.Engine;
using OrleansServe.Engine.Queueing;

namespace OrleansServe.Engine.Tests;

/// <summary>How a free worker's batch is formed from the queue.</summary>
public sealed class WorkQueueTests : IDisposable
{
    private readonly EngineMetrics _metrics = new(null, () => new EngineSnapshot(0, 0, 1, 0, 16));
    private long _sequence;

    [Fact]
    public void ABatchStopsGrowingBeforeItWouldOutlastItsEarliestDeadline()
    {
        var queue = new WorkQueue(16);
        queue.TryEnqueue([Item("m", expectedMs: 100, TimeSpan.FromMilliseconds(290))]);
        for (var i = 0; i < 3; i++)
        {
            queue.TryEnqueue([Item("m", expectedMs: 100, TimeSpan.FromSeconds(10))]);
        }
        var (batch, shed) = (new List<WorkItem>(), new List<WorkItem>());

        Assert.True(queue.Take(batch, shed));

        Assert.Equal(2, batch.Count); // a third would need 300 ms; the first deadline leaves under 290
        Assert.Empty(shed);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void TheEarliestDeadlineAcrossModelsChoosesTheBatchAndHopelessItemsAreShed()
    {
        var queue = new WorkQueue(16);
        var other = Item("other", expectedMs: 1, TimeSpan.FromSeconds(20));
        var hopeless = Item("m", expectedMs: 50, TimeSpan.FromMilliseconds(10));
        var first = Item("m", expectedMs: 1, TimeSpan.FromSeconds(5));
        var second = Item("m", expectedMs: 1, TimeSpan.FromSeconds(30));
        foreach (var item in new[] { other, second, hopeless, first })
        {
            queue.TryEnqueue([item]);
        }
        var (batch, shed) = (new List<WorkItem>(), new List<WorkItem>());

        Assert.True(queue.Take(batch, shed));

        Assert.Equal([first, second], batch);
        Assert.Equal([hopeless], shed);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void WorkIsShedByTheQueuesClockNotTheWallClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = new WorkQueue(16, clock);
        var item = Item("m", expectedMs: 50, TimeSpan.FromSeconds(1));
        queue.TryEnqueue([item]);
        clock.Advance(TimeSpan.FromMilliseconds(990)); // 10 ms left on the queue's clock: too little for 50 ms of work
        var (batch, shed) = (new List<WorkItem>(), new List<WorkItem>());

        Assert.True(queue.Take(batch, shed));

        Assert.Empty(batch);
        Assert.Equal([item], shed);
    }

    [Fact]
    public void WorkersOfALaneTakeEqualSharesOfQueuedWorkInArrivalOrder()
    {
        var queue = new WorkQueue(16, workers: 2);
        var items = Enumerable.Range(0, 8).Select(_ => Item("m", expectedMs: 50, TimeSpan.FromSeconds(30), maxBatch: 8)).ToList();
        queue.TryEnqueue(items);
        var (first, second, shed) = (new List<WorkItem>(), new List<WorkItem>(), new List<WorkItem>());

        Assert.True(queue.Take(first, shed));
        Assert.Equal(4, queue.Count); // not all 8 on one worker while the other idles
        Assert.True(queue.Take(second, shed));

        Assert.Equal(items[..4], first); // first come, first batched
        Assert.Equal(items[4..], second);
        Assert.Equal(8, queue.Taken);
    }

    [Fact]
    public void AShareCountsTheWorkStillRunningAndFreeWorkIsNotSplit()
    {
        var queue = new WorkQueue(32, workers: 2);
        var (running, batch, shed) = (new List<WorkItem>(), new List<WorkItem>(), new List<WorkItem>());
        queue.TryEnqueue(Enumerable.Range(0, 4).Select(_ => Item("m", 50, TimeSpan.FromSeconds(30), maxBatch: 8)).ToList());
        Assert.True(queue.Take(running, shed));
        Assert.Equal(2, running.Count); // 4 waiting, 2 workers

        queue.TryEnqueue(Enumerable.Range(0, 4).Select(_ => Item("m", 50, TimeSpan.FromSeconds(30), maxBatch: 8)).ToList());
        Assert.True(queue.Take(batch, shed));
        Assert.Equal(4, batch.Count); // (6 waiting + 2 running) / 2

        queue.Finished(running.Count + batch.Count);
        Assert.Equal(0, queue.Taken);
        batch.Clear();
        Assert.True(queue.Take(batch, shed));
        Assert.Single(batch); // the last 2 with nothing running: one each

        var free = Enumerable.Range(0, 8).Select(_ => Item("zero", 0, TimeSpan.FromSeconds(1), maxBatch: 8)).ToList();
        queue.TryEnqueue(free);
        batch.Clear();
        Assert.True(queue.Take(batch, shed));
        Assert.Equal(free, batch); // work that costs nothing gains nothing from splitting
    }

    [Fact]
    public void TheQueueNeverHandsOutMoreThanTheBatchLimit()
    {
        var queue = new WorkQueue(64, workers: 2);
        queue.TryEnqueue(Enumerable.Range(0, 40).Select(_ => Item("m", 50, TimeSpan.FromSeconds(30), maxBatch: 8)).ToList());
        var (batch, shed) = (new List<WorkItem>(), new List<WorkItem>());

        Assert.True(queue.Take(batch, shed));

        Assert.Equal(8, batch.Count); // beyond capacity a share is more than a batch: full batches
    }

    [Fact]
    public void QueuedWorkWakesAsManyIdleWorkersAsItSplitsInto()
    {
        var queue = new WorkQueue(16, workers: 2);
        var sizes = new System.Collections.Concurrent.ConcurrentBag<int>();
        var workers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            var batch = new List<WorkItem>();
            if (queue.Take(batch, []))
            {
                sizes.Add(batch.Count);
            }
        }) { IsBackground = true }).ToList();
        try
        {
            workers.ForEach(t => t.Start());
            Assert.True(SpinWait.SpinUntil(() => workers.All(t => t.ThreadState.HasFlag(ThreadState.WaitSleepJoin)), TimeSpan.FromSeconds(30)));

            queue.TryEnqueue(Enumerable.Range(0, 8).Select(_ => Item("m", 50, TimeSpan.FromSeconds(30))).ToList());

            Assert.True(workers.All(t => t.Join(TimeSpan.FromSeconds(30))), "a worker slept while half the work waited");
            Assert.Equal([4, 4], sizes.Order());
        }
        finally
        {
            queue.Close();
        }
    }

    private WorkItem Item(string model, double expectedMs, TimeSpan deadline, int maxBatch = 8) =>
        new(new InferenceRequest($"q{_sequence}", model, null, 0, 0, DateTime.UtcNow + deadline), expectedMs, maxBatch, ++_sequence, _metrics, CancellationToken.None);

    public void Dispose() => _metrics.Dispose();
}
