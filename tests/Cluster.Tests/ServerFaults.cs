using System.Collections.Concurrent;
using Orleans.Runtime;
using OrleansServe.Grains.Servers;

namespace OrleansServe.Cluster.Tests;

/// <summary>
/// A fault the tests inject into a model server: fail every call, add a fake queue to its reports, hang every call
/// into it until the fault is lifted (<paramref name="Hang"/>), and/or drop its reports (<paramref name="Silent"/>).
/// </summary>
public sealed record ServerFault(bool Fail, int FakeQueueLength, bool Hang = false, bool Silent = false)
{
    public static readonly ServerFault None = new(false, 0);
}

/// <summary>
/// The tests' fault seam, kept off the production interfaces: grain call filters on every silo of the test cluster
/// that fail or hang the calls into a faulty server, count the inference calls each server receives, and add a fake
/// queue to (or drop) the load reports it sends the registry. One instance is shared by the in-process silos.
/// </summary>
public sealed class ServerFaults : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public static readonly ServerFaults Instance = new();

    private readonly ConcurrentDictionary<string, ServerFault> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _hangs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inferCalls = new(StringComparer.Ordinal);

    public void Set(string serverId, ServerFault fault)
    {
        if (fault == ServerFault.None)
        {
            _faults.TryRemove(serverId, out _);
        }
        else
        {
            _faults[serverId] = fault;
        }

        if (fault.Hang)
        {
            _hangs.TryAdd(serverId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        else if (_hangs.TryRemove(serverId, out var hang))
        {
            hang.TrySetResult();
        }
    }

    /// <summary>How many inference calls have reached the server (hung ones included).</summary>
    public int InferCalls(string serverId) => _inferCalls.GetValueOrDefault(serverId);

    /// <summary>Counts, fails or hangs the calls into a faulty server before they reach it.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Calls through the server's interface only: its own timer ticks pass these filters too.
        if (context.TargetContext?.GrainInstance is ModelServerGrain && context.InterfaceMethod?.DeclaringType == typeof(IModelServerGrain))
        {
            var serverId = context.TargetId.Key.ToString()!;
            var infer = context.InterfaceMethod?.Name == nameof(IModelServerGrain.InferAsync);
            if (infer)
            {
                _inferCalls.AddOrUpdate(serverId, 1, (_, n) => n + 1);
            }

            if (_hangs.TryGetValue(serverId, out var hang))
            {
                await hang.Task;
            }

            if (infer && _faults.TryGetValue(serverId, out var fault) && fault.Fail)
            {
                throw new InferenceException(InferenceErrorKind.Internal, $"Server {context.TargetId.Key} has an injected fault.");
            }
        }
        await context.Invoke();
    }

    /// <summary>Adds the fake queue to a faulty server's reports to the registry, or drops them.</summary>
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IServerRegistryGrain.ReportAsync) && context.Request.GetArgument(0) is ServerLoadReport report
            && _faults.TryGetValue(report.ServerId, out var fault))
        {
            if (fault.Silent)
            {
                return Task.CompletedTask;
            }

            if (fault.FakeQueueLength > 0)
            {
                context.Request.SetArgument(0, report with
                {
                    QueueLength = report.QueueLength + fault.FakeQueueLength,
                    ExpectedWaitMs = report.ExpectedWaitMs + fault.FakeQueueLength * Grains.Routing.ServerScorer.DefaultServiceMs,
                });
            }
        }
        return context.Invoke();
    }
}
