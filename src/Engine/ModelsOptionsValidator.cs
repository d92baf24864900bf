namespace OrleansServe.Engine;

/// <summary>Checks <see cref="ModelsOptions"/> at start; each failure names its configuration key.</summary>
internal sealed class ModelsOptionsValidator : IValidateOptions<ModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add("Models:Directory must name the folder of model manifests.");
        }
        if (options.Load is null)
        {
            failures.Add("Models:Load must be a list of model names (it may be empty).");
        }
        else if (options.Load.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Models:Load must not contain empty names.");
        }
        if (options.FetchTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"Models:FetchTimeoutSeconds must be between 1 and 3600; it is {options.FetchTimeoutSeconds}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
