using SkiaSharp;

namespace OrleansServe.Engine.Imaging;

/// <summary>Pixels an <see cref="ImageDecoder"/> left in its buffer (RGBA, <c>Width × 4</c> bytes a row) and where the centre crop lies in them.</summary>
internal readonly record struct DecodedImage(int Width, int Height, SKRect Crop);
