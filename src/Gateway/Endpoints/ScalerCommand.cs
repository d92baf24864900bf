namespace OrleansServe.Gateway.Endpoints;

/// <summary>Body of <c>POST /api/scaler</c>: switch the policy and/or pin a replica count (<c>unpin: true</c> lets the policy decide again).</summary>
public sealed record ScalerCommand(string? Policy, int? Pin, bool Unpin = false);
