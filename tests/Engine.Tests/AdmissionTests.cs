using OrleansServe.Engine;

namespace OrleansServe.Engine.Tests;

/// <summary>
/// Admission control (<c>Engine:MaxQueueWaitMs</c>): a request arriving when its lane already holds more expected
/// work per worker than the limit is refused at once with Overloaded, not queued behind it.
/// </summary>
public sealed class AdmissionTests : IDisposable
{
    private readonly ModelFolder _models = new ModelFolder().Simulated("block", baseCpuMs: 300).Simulated("slow", baseCpuMs: 100);
    private readonly EngineHost _host;

    public AdmissionTests()
    {
        _host = new EngineHost(_models.Path, ("Engine:Workers", "1"), ("Engine:MaxQueueWaitMs", "350"));
        foreach (var model in new[] { "block", "slow" })
        {
            _host.Engine.LoadAsync(model, "test").GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task WorkBeyondTheExpectedWaitLimitIsRefusedAsOverloaded()
    {
        var blocker = await _host.Engine.OccupyWorkerAsync();

        var admitted = _host.Engine.RunAsync(Requests.Tokens("slow", 0)); // 300 ms ahead of it: under the 350 ms limit
        var refused = _host.Engine.RunAsync(Requests.Tokens("slow", 0)); // 400 ms ahead of it

        Assert.Equal(InferenceErrorKind.Overloaded, await Requests.ErrorOf(refused));
        await Task.WhenAll(blocker.ReleaseAsync(), admitted);
        Assert.True(admitted.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ALaneSlowerThanItsEstimateAdmitsLess()
    {
        // The blocker is expected to take 300 ms and holds the worker three times as long: the request admitted behind
        // it waits about 900 ms, so the lane learns its waits run ~3 × the estimate (counted at most 2 ×).
        var blocker = await _host.Engine.OccupyWorkerAsync();
        var learned = _host.Engine.RunAsync(Requests.Tokens("slow", 0));
        await Task.Delay(900);
        await Task.WhenAll(blocker.ReleaseAsync(), learned);

        // The same 300 ms ahead that was let in above is now refused: corrected, it is more than the 350 ms limit.
        blocker = await _host.Engine.OccupyWorkerAsync();
        var refused = _host.Engine.RunAsync(Requests.Tokens("slow", 0));
        Assert.Equal(InferenceErrorKind.Overloaded, await Requests.ErrorOf(refused));
        await blocker.ReleaseAsync();
    }

    public void Dispose()
    {
        _host.Dispose();
        _models.Dispose();
    }
}
