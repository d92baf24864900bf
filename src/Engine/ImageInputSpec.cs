namespace OrleansServe.Engine;

/// <summary>How an image becomes the model's input tensor: resize the short side to <see cref="Resize"/>, centre-crop <see cref="Size"/>, normalise.</summary>
public sealed record ImageInputSpec
{
    /// <summary>Input name in the graph; null takes the graph's first input.</summary>
    public string? Name { get; init; }

    public int Size { get; init; } = 224;

    public int Resize { get; init; } = 256;

    public float[] Mean { get; init; } = [0.485f, 0.456f, 0.406f];

    public float[] Std { get; init; } = [0.229f, 0.224f, 0.225f];
}
