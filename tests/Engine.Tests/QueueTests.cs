using OrleansServe.Engine;

namespace OrleansServe.Engine.Tests;

/// <summary>Deadline-first order, shedding before compute, cancellation, bounds and draining, on one worker.</summary>
public sealed class QueueTests : IDisposable
{
    private readonly ModelFolder _models = new ModelFolder().Simulated("block", baseCpuMs: 300).Simulated("zero", 0).Simulated("slow", baseCpuMs: 100);
    private readonly EngineHost _host;

    public QueueTests()
    {
        _host = new EngineHost(_models.Path, ("Engine:Workers", "1"), ("Engine:MaxQueue", "4"));
        foreach (var model in new[] { "block", "zero", "slow" })
        {
            _host.Engine.LoadAsync(model, "test").GetAwaiter().GetResult();
        }
    }

    private InferenceEngine Engine => _host.Engine;

    [Fact]
    public async Task QueuedWorkRunsEarliestDeadlineFirst()
    {
        var started = new List<string>();
        var blocker = await Engine.OccupyWorkerAsync();
        Engine.OnStarted += r => { lock (started) { started.Add(r.Id); } };

        var late = Engine.RunAsync(Requests.Tokens("zero", 0, TimeSpan.FromSeconds(30)) with { Id = "late" });
        var early = Engine.RunAsync(Requests.Tokens("zero", 0, TimeSpan.FromSeconds(10)) with { Id = "early" });
        var middle = Engine.RunAsync(Requests.Tokens("zero", 0, TimeSpan.FromSeconds(20)) with { Id = "middle" });
        await Task.WhenAll(blocker.ReleaseAsync(), late, early, middle);

        Assert.Equal(["early", "middle", "late"], started);
    }

    [Fact]
    public async Task RequestsWaitingWhenAWorkerFreesUpRunAsOneBatch()
    {
        var idle = await Engine.RunAsync(Requests.Tokens("zero", 0));
        Assert.Equal(1, idle.Timings.BatchSize);

        var blocker = await Engine.OccupyWorkerAsync();
        var queued = Enumerable.Range(0, 2).Select(_ => Engine.RunAsync(Requests.Tokens("zero", 0))).ToList();
        var burns = Enumerable.Range(0, 2).Select(_ => Engine.RunAsync(Requests.Tokens("slow", 0))).ToList();
        await blocker.ReleaseAsync();

        Assert.All(await Task.WhenAll(queued), r => Assert.Equal(2, r.Timings.BatchSize));
        Assert.All(await Task.WhenAll(burns), r => Assert.Equal(1, r.Timings.BatchSize));
    }

    [Fact]
    public async Task WorkThatCannotMeetItsDeadlineIsShedWithoutComputing()
    {
        var atArrival = Engine.RunAsync(Requests.Tokens("slow", 0, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(InferenceErrorKind.DeadlineExceeded, await Requests.ErrorOf(atArrival));

        var blocker = await Engine.OccupyWorkerAsync();
        // Fits when queued (250 ms left for 100 ms of work), but the 300 ms blocker ahead of it uses that up.
        var whileQueued = Engine.RunAsync(Requests.Tokens("slow", 0, TimeSpan.FromMilliseconds(250)));
        await blocker.ReleaseAsync();
        Assert.Equal(InferenceErrorKind.DeadlineExceeded, await Requests.ErrorOf(whileQueued));

        Assert.Equal(1, Engine.StartedCount);
    }

    [Fact]
    public async Task CancellingAQueuedRequestTakesItOutOfTheQueue()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        using var cancellation = new CancellationTokenSource();
        var queued = Engine.RunAsync(Requests.Tokens("zero", 0), cancellation.Token);
        Assert.Equal(1, Engine.Snapshot().QueueLength);

        cancellation.Cancel();

        Assert.Equal(InferenceErrorKind.Cancelled, await Requests.ErrorOf(queued));
        Assert.Equal(0, Engine.Snapshot().QueueLength);
        await blocker.ReleaseAsync();
        Assert.Equal(1, Engine.StartedCount);
    }

    [Fact]
    public async Task AFullQueueRejectsWithOverloaded()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        var queued = Enumerable.Range(0, 4).Select(_ => Engine.RunAsync(Requests.Tokens("zero", 0))).ToList();

        var rejected = Engine.RunAsync(Requests.Tokens("zero", 0));

        Assert.Equal(InferenceErrorKind.Overloaded, await Requests.ErrorOf(rejected));
        await Task.WhenAll(queued.Append(blocker.ReleaseAsync()));
    }

    [Fact]
    public async Task RejectQueuedFailsEveryQueuedRequestWithDraining()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        var queued = Enumerable.Range(0, 3).Select(_ => Engine.RunAsync(Requests.Tokens("zero", 0))).ToList();

        Assert.Equal(3, Engine.Lane(InferenceEngine.SharedLane).RejectQueued("silo stopping"));

        foreach (var request in queued)
        {
            Assert.Equal(InferenceErrorKind.Draining, await Requests.ErrorOf(request));
        }
        await blocker.ReleaseAsync();
        Assert.Equal(0, Engine.Snapshot().QueueLength);
    }

    [Fact]
    public async Task UnloadingAModelFailsItsQueuedRequestsWithModelNotLoaded()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        var queued = Engine.RunAsync(Requests.Tokens("slow", 0));

        Engine.Unload("slow", "test");

        Assert.Equal(InferenceErrorKind.ModelNotLoaded, await Requests.ErrorOf(queued));
        Assert.DoesNotContain("slow", Engine.LoadedModels);
        await blocker.ReleaseAsync();
    }

    [Fact]
    public async Task RequestsQueuedTogetherCompleteOnceAllHaveFinished()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        var batch = new[] { Requests.Tokens("zero", 0), Requests.Tokens("nowhere", 0), Requests.Tokens("zero", -1), Requests.Tokens("slow", 0) };

        var all = Engine.RunManyAsync(batch);
        await Task.Delay(50);
        Assert.False(all.IsCompleted); // two of them wait behind the blocker
        await blocker.ReleaseAsync();
        var runs = await all;

        Assert.All(runs, run => Assert.True(run.IsCompleted));
        Assert.Equal(2, (await runs[0]).Timings.BatchSize + (await runs[3]).Timings.BatchSize);
        Assert.Equal(InferenceErrorKind.UnknownModel, await Requests.ErrorOf(runs[1]));
        Assert.Equal(InferenceErrorKind.BadInput, await Requests.ErrorOf(runs[2]));
    }

    [Fact]
    public async Task RequestsQueuedTogetherBeyondTheBoundAreRejectedOneByOne()
    {
        var blocker = await Engine.OccupyWorkerAsync();

        var all = Engine.RunManyAsync(Enumerable.Range(0, 5).Select(_ => Requests.Tokens("zero", 0)).ToList());
        await blocker.ReleaseAsync();
        var runs = await all;

        // MaxQueue is 4: the fifth never entered, the others ran.
        Assert.Equal(4, runs.Count(r => r.IsCompletedSuccessfully));
        Assert.Equal(InferenceErrorKind.Overloaded, await Requests.ErrorOf(runs[4]));
    }

    [Fact]
    public async Task SnapshotCountsQueuedAndRunningWork()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        var queued = Engine.RunAsync(Requests.Tokens("slow", 0));

        var snapshot = Engine.Snapshot();

        Assert.Equal((1, 1, 1), (snapshot.QueueLength, snapshot.InFlight, snapshot.Workers));
        Assert.InRange(snapshot.ExpectedWaitMs, 399, 401);
        await Task.WhenAll(blocker.ReleaseAsync(), queued);
    }


    public void Dispose()
    {
        _host.Dispose();
        _models.Dispose();
    }
}
