using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Runtime;
using OrleansServe.Gateway.Inference;

namespace OrleansServe.Gateway.Ui;

/// <summary>
/// The one loop per gateway process that reads the cluster for the ops page: every second it asks the registry, the
/// local router's circuits and the membership table (the predictor every few seconds), builds a frame, keeps ten
/// minutes of chart points and hands the frame to every connected page. Pages never poll the cluster themselves.
/// </summary>
public sealed partial class OpsSnapshotProducer(IGrainFactory grains, IClusterMembershipService membership, TimeProvider time,
    SlowRequests slow, ILogger<OpsSnapshotProducer> logger) : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan HistoryLength = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PredictorPeriod = TimeSpan.FromSeconds(5);

    private readonly OpsSnapshotBuilder _builder = new();
    private readonly Queue<HistoryPoint> _history = new();
    private readonly Lock _lock = new();
    private readonly List<Channel<OpsSnapshot>> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private OpsSnapshot? _latest;
    private PredictorError? _predictor;
    private string? _predictorProblem;
    private DateTimeOffset _predictorAt;
    private Task? _loop;

    /// <summary>Whether the gateway maps the scaler's API (it arrives with the autoscaler); set once endpoints are known.</summary>
    public bool ScalerApi { get; set; }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopping.Token));

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The stream one page reads: first the chart history, then a frame per period until the page goes away.</summary>
    public async IAsyncEnumerable<SseItem<object>> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<OpsSnapshot>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        HistoryPoint[] history;
        OpsSnapshot? latest;
        lock (_lock)
        {
            history = [.. _history];
            latest = _latest;
            _subscribers.Add(channel);
        }
        try
        {
            yield return new SseItem<object>(history, "history") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
            if (latest is not null)
            {
                yield return new SseItem<object>(latest, "snapshot");
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            while (await Wait(channel.Reader, linked.Token))
            {
                while (channel.Reader.TryRead(out var frame))
                {
                    yield return new SseItem<object>(frame, "snapshot");
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    private static async Task<bool> Wait(ChannelReader<OpsSnapshot> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                Publish(await TakeAsync(cancellationToken));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFrameFailed(e);
            }
        }
        while (await Tick(timer, cancellationToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<OpsSnapshot> TakeAsync(CancellationToken cancellationToken)
    {
        var serversTask = CallAsync(() => grains.GetGrain<IServerRegistryGrain>(0).GetServersAsync(), cancellationToken);
        var circuitsTask = CallAsync(() => grains.GetGrain<IRouterGrain>(0).GetCircuitsAsync(), cancellationToken);
        if (time.GetUtcNow() - _predictorAt >= PredictorPeriod)
        {
            _predictorAt = time.GetUtcNow();
            var (error, problem) = await CallAsync(() => grains.GetGrain<ILoadPredictorGrain>(0).GetErrorAsync(), cancellationToken);
            (_predictor, _predictorProblem) = (error ?? _predictor, problem);
        }
        var (servers, registryProblem) = await serversTask;
        var (circuits, _) = await circuitsTask;
        var members = membership.CurrentSnapshot.Members.Values
            .Select(m => new SiloMember(m.Name, m.SiloAddress.ToParsableString(), m.Status.ToString()))
            .ToList();
        return _builder.Build(time.GetUtcNow().UtcDateTime, servers, circuits ?? new Dictionary<string, CircuitState>(), members,
            _predictor, _predictorProblem, registryProblem) with { ScalerApi = ScalerApi, SlowRequests = slow.Snapshot() };
    }

    private static async Task<(T? Value, string? Problem)> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return (await call().WaitAsync(CallTimeout, cancellationToken), null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, e is TimeoutException ? "no answer within 2 s" : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private void Publish(OpsSnapshot frame)
    {
        lock (_lock)
        {
            _latest = frame;
            _history.Enqueue(frame.Point);
            var oldest = frame.Point.T - (long)HistoryLength.TotalMilliseconds;
            while (_history.Count > 0 && _history.Peek().T < oldest)
            {
                _history.Dequeue();
            }
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(frame);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ops page frame failed")]
    private partial void LogFrameFailed(Exception exception);
}
