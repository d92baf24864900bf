namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>
/// The fixtures that start a gateway, a silo or a process cluster. Two of them at once would share the machine's two
/// cores (and time their requests against each other's start-up), so their collections run in series
/// (<c>DisableParallelization</c>); a fixture that starts while another is alive fails its collection, saying so.
/// </summary>
public static class HeavyFixtures
{
    private static readonly HashSet<string> Alive = [];

    public static void Enter(string name)
    {
        lock (Alive)
        {
            if (Alive.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{name} starts while {string.Join(", ", Alive)} is alive: heavy collections must run in series (DisableParallelization = true).");
            }
            Alive.Add(name);
        }
    }

    public static void Leave(string name)
    {
        lock (Alive)
        {
            Alive.Remove(name);
        }
    }
}
