namespace OrleansServe.Gateway.Hosting;

/// <summary>Rejects a bad <c>Gateway</c> section at start, naming the key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        var errors = new List<string>();
        if (o.MaxBodyBytes < 1024)
        {
            errors.Add("Gateway:MaxBodyBytes must be at least 1024.");
        }

        if (o.GrpcPort is < 0 or > 65535)
        {
            errors.Add("Gateway:GrpcPort must be between 0 (off) and 65535.");
        }

        if (o.TimeoutMs < 1)
        {
            errors.Add("Gateway:TimeoutMs must be positive.");
        }

        if (o.MaxTimeoutMs < o.TimeoutMs)
        {
            errors.Add("Gateway:MaxTimeoutMs must be at least Gateway:TimeoutMs.");
        }

        if (string.IsNullOrWhiteSpace(o.TimeoutHeader))
        {
            errors.Add("Gateway:TimeoutHeader must not be empty.");
        }

        if (o.DefaultTopK < 1 || o.DefaultTopK > o.MaxTopK)
        {
            errors.Add("Gateway:DefaultTopK must be between 1 and Gateway:MaxTopK.");
        }

        if (o.MaxBatchItems < 1)
        {
            errors.Add("Gateway:MaxBatchItems must be at least 1.");
        }

        if (o.MaxTokens < 1)
        {
            errors.Add("Gateway:MaxTokens must be at least 1.");
        }

        if (o.RetryAfterSeconds < 0)
        {
            errors.Add("Gateway:RetryAfterSeconds must not be negative.");
        }

        if (o.OverloadStatus is not (429 or 503))
        {
            errors.Add("Gateway:OverloadStatus must be 429 or 503.");
        }

        if (o.SlowRequestMs < 0)
        {
            errors.Add("Gateway:SlowRequestMs must not be negative.");
        }

        if (o.MaxTestTrafficRequests < 1)
        {
            errors.Add("Gateway:MaxTestTrafficRequests must be at least 1.");
        }

        if (o.AdminKey is { Length: > 0 and < 8 })
        {
            errors.Add("Gateway:AdminKey must be at least 8 characters (or empty for loopback-only admin).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
