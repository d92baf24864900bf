namespace OrleansServe.GatewayBench;

/// <summary>
/// One row of the summary: what it measures, the figure and its goal, and whether it was met; <paramref name="Met"/>
/// is null for a figure reported without a goal (verdict "—").
/// </summary>
public sealed record Goal(string Name, string Figure, string Target, bool? Met)
{
    public string Verdict => Met switch { true => "PASS", false => "MISS", null => "—" };

    public static void Print(IReadOnlyList<Goal> goals)
    {
        Console.WriteLine();
        Console.WriteLine($"{"goal",-52} {"figure",-34} {"target",-22} verdict");
        foreach (var goal in goals)
        {
            Console.WriteLine($"{goal.Name,-52} {goal.Figure,-34} {goal.Target,-22} {goal.Verdict}");
        }
    }
}
