namespace OrleansServe.Engine.Queueing;

/// <summary>What happened to an item offered to the <see cref="WorkQueue"/>.</summary>
internal enum EnqueueOutcome
{
    Queued,
    Full,
    Closed,
}
