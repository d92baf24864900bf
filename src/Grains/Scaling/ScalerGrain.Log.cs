namespace OrleansServe.Grains.Scaling;

internal sealed partial class ScalerGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scaler started: policy {Policy}, poll every {PollSeconds} s, launcher {Launcher}")]
    private partial void LogStarted(string policy, double pollSeconds, string launcher);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaler stopping: {Reason}")]
    private partial void LogStopping(DeactivationReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaling {Policy}: {Direction} {Current} -> {Target} replicas (recommended {Recommended}; "
        + "rate {Rate:0.0}/s, service {ServiceMs:0.0} ms, queue {Queue:0}, cpu {Cpu:0} %, ready {Ready}, starting {Starting}, cold start {StartupSeconds:0.0} s): {Actions}")]
    private partial void LogDecision(string policy, ScalingDirection direction, int current, int target, int recommended, double rate, double serviceMs,
        double queue, double cpu, int ready, int starting, double startupSeconds, string actions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scaling {Policy}: steady at {Current} replicas (recommended {Recommended}; rate {Rate:0.0}/s, "
        + "service {ServiceMs:0.0} ms, queue {Queue:0}, cpu {Cpu:0} %, ready {Ready}, starting {Starting}, cold start {StartupSeconds:0.0} s)")]
    private partial void LogSteady(string policy, int current, int recommended, double rate, double serviceMs, double queue, double cpu, int ready, int starting, double startupSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scaling {Policy}: {Direction} {Current} -> {Target} replicas again: {Actions}")]
    private partial void LogRepeated(string policy, ScalingDirection direction, int current, int target, string actions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaling policy set to {Policy}")]
    private partial void LogPolicyChanged(string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaling pinned to {Replicas} replicas (null: unpinned)")]
    private partial void LogPinned(int? replicas);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} launched and healthy after {StartupSeconds:0.0} s")]
    private partial void LogLaunched(string silo, double startupSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId} reports without {Models}: loading them")]
    private partial void LogRepair(string serverId, string models);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scaling action '{Action}' failed")]
    private partial void LogActionFailed(Exception ex, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scaler poll failed")]
    private partial void LogPollFailed(Exception ex);
}
