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

    private WorkItem Item(string model, double expectedMs, TimeSpan deadline) =>
        new(new InferenceRequest($"q{_sequence}", model, null, 0, 0, DateTime.UtcNow + deadline), expectedMs, maxBatch: 8, ++_sequence, _metrics, CancellationToken.None);

    public void Dispose() => _metrics.Dispose();
}
