namespace OrleansServe.Scaling;

/// <summary>
/// What one poll saw served: requests per ready server in the poll, the arrival rate, the ready replicas and the mean
/// service time. The slo policy predicts the p99 of the servers' recent window from these (<see cref="Policies.SloQueueModel.WindowP99Ms"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.Scaling.ServedPoll")]
public sealed record ServedPoll(double RequestsPerServer, double Rate, int Replicas, double ServiceMs);
