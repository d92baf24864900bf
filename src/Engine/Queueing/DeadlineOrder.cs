namespace OrleansServe.Engine.Queueing;

/// <summary>Earliest deadline first; arrival order among equal deadlines.</summary>
internal sealed class DeadlineOrder : IComparer<WorkItem>
{
    public static readonly DeadlineOrder Instance = new();

    public int Compare(WorkItem? x, WorkItem? y)
    {
        var byDeadline = x!.DeadlineTicks.CompareTo(y!.DeadlineTicks);
        return byDeadline != 0 ? byDeadline : x.Sequence.CompareTo(y.Sequence);
    }
}
