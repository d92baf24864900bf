using System.Globalization;
using OrleansServe.Grains;

namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>The environment a launched silo process gets: this cluster's settings, its own ports and name, one model server, no dashboard.</summary>
internal static class SiloEnvironment
{
    public static Dictionary<string, string> For(
        ClusterSettings cluster, SiloSettings localSilo, string name, SiloProcessPorts ports, IReadOnlyDictionary<string, string> extra)
    {
        static string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Cluster__Mode"] = cluster.Mode.ToString(),
            ["Cluster__ClusterId"] = cluster.ClusterId,
            ["Cluster__ServiceId"] = cluster.ServiceId,
            ["Silo__Name"] = name,
            ["Silo__SiloPort"] = S(ports.SiloPort),
            ["Silo__GatewayPort"] = S(ports.GatewayPort),
            ["Silo__HttpPort"] = S(ports.HttpPort),
            ["Silo__Address"] = "127.0.0.1",
            ["Silo__Dashboard"] = "false",
            // The silo exists to add a replica: one model server, whatever the launching process inherited (a gateway
            // in Redis mode runs with Silo__Servers=0, and its children used to start without a server).
            ["Silo__Servers"] = "1",
            // A launched silo never runs a scaler or a warm pool of its own (a child inherits its launcher's environment:
            // a pool setting there made each warm silo start the next), and stops when its launcher's process is gone.
            ["Scaling__Enabled"] = "false",
            ["Scaling__Process__WarmSilos"] = "0",
            ["Silo__ParentProcessId"] = S(Environment.ProcessId),
        };
        if (cluster.Mode == ClusterMode.Redis)
        {
            env["Cluster__Redis"] = cluster.Redis ?? "";
        }
        else
        {
            // Embedded: join the primary's localhost clustering (this silo, unless it joined a primary itself).
            env["Cluster__PrimarySiloPort"] = S(cluster.PrimarySiloPort > 0 ? cluster.PrimarySiloPort : localSilo.SiloPort);
        }
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }
}
