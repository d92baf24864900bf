namespace OrleansServe.Grains;

/// <summary>Whether this silo's model servers have started and loaded their models (drives /health).</summary>
public sealed class SiloReadiness
{
    private volatile string? _notReadyReason = "starting";

    public bool IsReady => _notReadyReason is null;

    public string? Reason => _notReadyReason;

    public void MarkReady() => _notReadyReason = null;

    public void MarkNotReady(string reason) => _notReadyReason = reason;
}
