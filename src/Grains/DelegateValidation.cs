namespace OrleansServe.Grains;

/// <summary>Options validation from a function that lists what is wrong (each message names its key).</summary>
internal sealed class DelegateValidation<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = validate(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
