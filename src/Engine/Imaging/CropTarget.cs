using SkiaSharp;

namespace OrleansServe.Engine.Imaging;

/// <summary>A reusable size × size RGBA raster surface drawn into by <see cref="ImagePreprocessor"/>, over pinned managed memory.</summary>
internal sealed class CropTarget : IDisposable
{
    private readonly byte[] _pixels;
    private readonly SKSurface _surface;

    public unsafe CropTarget(int size)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        _pixels = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        fixed (byte* pixels = _pixels)
        {
            // The array is pinned for its lifetime, so the surface may keep this address.
            _surface = SKSurface.Create(info, (IntPtr)pixels, info.RowBytes)
                ?? throw new InvalidOperationException($"Skia could not create a {size}×{size} raster surface.");
        }
        Canvas = _surface.Canvas;
    }

    public SKCanvas Canvas { get; }

    public ReadOnlySpan<byte> Pixels => _pixels;

    public void Dispose() => _surface.Dispose();
}
