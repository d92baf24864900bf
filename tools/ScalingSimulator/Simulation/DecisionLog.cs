using System.Globalization;
using System.Text;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>decisions.csv: every poll at which the policy ran, with its inputs and the target.</summary>
public static class DecisionLog
{
    public static void Write(IEnumerable<ScalingDecision> decisions, DateTime start, string path)
    {
        var csv = new StringBuilder("second,policy,arrivalRate,serviceMs,queue,cpuPercent,ready,starting,recommended,target,direction\n");
        foreach (var d in decisions)
        {
            var s = d.Signals;
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{(d.TimestampUtc - start).TotalSeconds:0},{d.Policy},{s.ArrivalRate:0.00},{s.ServiceMs:0.00},{s.QueueLength:0},{s.CpuPercent:0.0}," +
                $"{s.ReadyReplicas},{s.StartingReplicas},{d.Recommended},{d.Target},{d.Direction}"));
        }
        File.WriteAllText(path, csv.ToString());
    }
}
