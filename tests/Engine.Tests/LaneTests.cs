using OrleansServe.Engine;

namespace OrleansServe.Engine.Tests;

/// <summary>
/// A model server's lane is its own capacity: its queue and workers. Two servers on one silo each report their own
/// queue (the silo's total counts every request once), and draining one hands back only its own queued work.
/// </summary>
public sealed class LaneTests : IDisposable
{
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(10);
    private readonly ModelFolder _models = new ModelFolder().Simulated("block", baseCpuMs: 0).Simulated("zero", 0);
    private readonly EngineHost _host;
    private readonly ManualResetEventSlim _gate = new();

    public LaneTests()
    {
        _host = new EngineHost(_models.Path, ("Engine:Workers", "1"));
        _host.Engine.LoadAsync("block", "test").GetAwaiter().GetResult();
        _host.Engine.LoadAsync("zero", "test").GetAwaiter().GetResult();
    }

    [Fact]
    public async Task TwoServersOnASiloEachReportTheirOwnQueueAndDrainingOneHandsBackOnlyItsWork()
    {
        var engine = _host.Engine;
        var (a, b) = (engine.Lane("silo/0"), engine.Lane("silo/1"));
        var (blockA, blockB) = await OccupyAsync(a, b);

        var queuedA = Enumerable.Range(0, 3).Select(_ => a.RunAsync(Requests.Tokens("zero", 0))).ToList();
        var queuedB = Enumerable.Range(0, 2).Select(_ => b.RunAsync(Requests.Tokens("zero", 0))).ToList();

        Assert.Equal((1, 3, 1), (a.Workers, a.Snapshot().QueueLength, a.Snapshot().InFlight));
        Assert.Equal((1, 2, 1), (b.Workers, b.Snapshot().QueueLength, b.Snapshot().InFlight));
        Assert.Equal((5, 2, 2), (engine.Snapshot().QueueLength, engine.Snapshot().InFlight, engine.Snapshot().Workers));
        Assert.Equal(engine.Options.MaxQueue, a.Snapshot().QueueLimit); // each lane is bounded on its own; the silo's bound is their sum
        Assert.Equal(2 * engine.Options.MaxQueue, engine.Snapshot().QueueLimit);

        Assert.Equal(3, engine.CloseLane("silo/0", "silo/0 is draining"));
        _gate.Set();

        foreach (var request in queuedA)
        {
            Assert.Equal(InferenceErrorKind.Draining, await Requests.ErrorOf(request));
        }
        await Task.WhenAll(queuedB.Append(blockA).Append(blockB)); // the other server's work and the running batches finish
        Assert.Equal(0, engine.Snapshot().QueueLength);
        Assert.Equal(InferenceErrorKind.Draining, await Requests.ErrorOf(a.RunAsync(Requests.Tokens("zero", 0))));
    }

    [Fact]
    public void AnEngineWithoutServersRunsNoWorker()
    {
        Assert.Equal(0, _host.Engine.Snapshot().Workers);
    }

    public void Dispose()
    {
        _gate.Set();
        _host.Dispose();
        _models.Dispose();
    }

    /// <summary>Holds each lane's one worker on a "block" request until <see cref="_gate"/> opens.</summary>
    private async Task<(Task<InferenceResult>, Task<InferenceResult>)> OccupyAsync(IEngineLane a, IEngineLane b)
    {
        var running = new CountdownEvent(2);
        _host.Engine.OnStarted = r =>
        {
            if (r.Model == "block")
            {
                running.Signal();
                _gate.Wait(MaxHold);
            }
        };
        var blocks = (a.RunAsync(Requests.Tokens("block", 0)), b.RunAsync(Requests.Tokens("block", 0)));
        await Task.Run(() => running.Wait(MaxHold));
        Assert.True(running.IsSet, "both workers took their block request");
        return blocks;
    }
}
