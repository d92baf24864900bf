namespace OrleansServe.Engine.Tests;

/// <summary>Request builders.</summary>
internal static class Requests
{
    private static int _next;

    public static InferenceRequest Tokens(string model, int tokens, TimeSpan? deadline = null) =>
        new($"r{Interlocked.Increment(ref _next)}", model, null, tokens, 0, DateTime.UtcNow + (deadline ?? TimeSpan.FromMinutes(1)));

    public static InferenceRequest Image(string model, byte[] image, int topK = 5) =>
        new($"r{Interlocked.Increment(ref _next)}", model, image, 0, topK, DateTime.UtcNow + TimeSpan.FromMinutes(2));

    /// <summary>Awaits a request expected to fail and returns its error kind.</summary>
    public static async Task<InferenceErrorKind> ErrorOf(Task<Engine.InferenceResult> task)
    {
        var error = await Assert.ThrowsAsync<InferenceException>(() => task);
        return error.Kind;
    }
}
