namespace OrleansServe.Gateway.Inference;

/// <summary>One unit of work parsed from a request: an encoded image (image models) or a token count (token models).</summary>
public sealed record InferenceItem(byte[]? Image, int Tokens)
{
    public static InferenceItem ForImage(byte[] image) => new(image, 0);

    public static InferenceItem ForTokens(int tokens) => new(null, tokens);
}
