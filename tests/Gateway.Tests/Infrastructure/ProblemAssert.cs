namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>Checks that an error response is RFC 9457 ProblemDetails with the added <c>error</c> string.</summary>
public static class ProblemAssert
{
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), body);
        Assert.False(string.IsNullOrWhiteSpace(problem["error"]?.GetValue<string>()), body);
        return problem;
    }
}
