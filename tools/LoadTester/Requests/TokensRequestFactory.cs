using System.Net.Http.Headers;
using System.Text;

namespace OrleansServe.LoadTester.Requests;

/// <summary><c>--style tokens</c>: JSON <c>{"tokens": N}</c> to <c>/v2/models/{model}/infer</c>, models from the mix.</summary>
public sealed class TokensRequestFactory(string baseUrl, ModelMix mix, TokenRange tokens, int seed) : IRequestFactory
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri[] _uris = mix.Models
        .Select(m => new Uri($"{baseUrl.TrimEnd('/')}/v2/models/{Uri.EscapeDataString(m)}/infer"))
        .ToArray();

    /// <inheritdoc />
    public HttpRequestMessage Create(long index, out string model)
    {
        var m = mix.Pick(StableRandom.Unit(seed, index, salt: 1));
        var n = tokens.Pick(StableRandom.Unit(seed, index, salt: 3));
        model = mix.Models[m];
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"{{\"tokens\":{n}}}"));
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, _uris[m]) { Content = content };
    }
}
