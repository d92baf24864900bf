using System.Collections.Concurrent;
using Orleans.Runtime;
using OrleansServe.Grains.Servers;

namespace OrleansServe.Cluster.Tests;

/// <summary>A fault the tests inject into a model server: fail every call, and/or add a fake queue to its reports.</summary>
public sealed record ServerFault(bool Fail, int FakeQueueLength)
{
    public static readonly ServerFault None = new(false, 0);
}

/// <summary>
/// The tests' fault seam, kept off the production interfaces: grain call filters on every silo of the test cluster
/// that fail a faulty server's <c>InferAsync</c> calls and add a fake queue to the load reports it sends the registry.
/// One instance is shared by the in-process silos.
/// </summary>
public sealed class ServerFaults : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public static readonly ServerFaults Instance = new();

    private readonly ConcurrentDictionary<string, ServerFault> _faults = new(StringComparer.Ordinal);

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
    }

    /// <summary>Fails the calls into a faulty server before they reach it.</summary>
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext?.GrainInstance is ModelServerGrain && context.InterfaceMethod?.Name == nameof(IModelServerGrain.InferAsync)
            && _faults.TryGetValue(context.TargetId.Key.ToString()!, out var fault) && fault.Fail)
        {
            throw new InferenceException(InferenceErrorKind.Internal, $"Server {context.TargetId.Key} has an injected fault.");
        }
        return context.Invoke();
    }

    /// <summary>Adds the fake queue to a faulty server's reports to the registry.</summary>
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IServerRegistryGrain.ReportAsync) && context.Request.GetArgument(0) is ServerLoadReport report
            && _faults.TryGetValue(report.ServerId, out var fault) && fault.FakeQueueLength > 0)
        {
            context.Request.SetArgument(0, report with
            {
                QueueLength = report.QueueLength + fault.FakeQueueLength,
                ExpectedWaitMs = report.ExpectedWaitMs + fault.FakeQueueLength * Grains.Routing.ServerScorer.DefaultServiceMs,
            });
        }
        return context.Invoke();
    }
}
