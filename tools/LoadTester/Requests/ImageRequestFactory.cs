namespace OrleansServe.LoadTester.Requests;

/// <summary>
/// Image requests of one style (<c>v2</c>, <c>predict</c> or <c>enqueue</c>): bodies are encoded once
/// per image, each send picks an image (and, for <c>v2</c>, a model from the mix).
/// </summary>
public sealed class ImageRequestFactory : IRequestFactory
{
    private readonly PreparedBody[] _bodies;
    private readonly Uri[] _uris;
    private readonly string[] _models;
    private readonly ModelMix _mix;
    private readonly int _seed;

    /// <summary>Prepares the bodies of every image in <paramref name="images"/> for <paramref name="style"/>.</summary>
    public ImageRequestFactory(RequestStyle style, string baseUrl, ImagePool images, ModelMix mix, int seed)
    {
        _mix = mix;
        _seed = seed;
        _models = [.. mix.Models];
        var root = baseUrl.TrimEnd('/');
        _uris = style switch
        {
            RequestStyle.V2 => _models.Select(m => new Uri($"{root}/v2/models/{Uri.EscapeDataString(m)}/infer")).ToArray(),
            RequestStyle.Predict => _models.Select(_ => new Uri($"{root}/predict")).ToArray(),
            RequestStyle.Enqueue => _models.Select(_ => new Uri($"{root}/enqueue")).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, "not an image style"),
        };
        _bodies = images.Images.Select((bytes, i) => style switch
        {
            RequestStyle.V2 => new PreparedBody(bytes, "image/jpeg"),
            RequestStyle.Predict => BodyEncoding.Multipart(bytes, images.Names[i]),
            _ => BodyEncoding.Base64Json(bytes),
        }).ToArray();
    }

    /// <inheritdoc />
    public HttpRequestMessage Create(long index, out string model)
    {
        var m = _mix.Pick(StableRandom.Unit(_seed, index, salt: 1));
        var body = _bodies[StableRandom.Below(_seed, index, salt: 2, _bodies.Length)];
        model = _models[m];
        return new HttpRequestMessage(HttpMethod.Post, _uris[m]) { Content = body.ToContent() };
    }
}
