using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansServe.Engine.Imaging;

/// <summary>
/// Turns RGBA8888 pixels into three normalised float planes (NCHW): <c>(v / 255 - mean) / std</c> folded into one
/// multiply-add per value, eight pixels at a time.
/// </summary>
internal sealed class RgbaNormalizer
{
    private readonly float[] _scale = new float[3];
    private readonly float[] _bias = new float[3];

    public RgbaNormalizer(ImageInputSpec spec)
    {
        for (var c = 0; c < 3; c++)
        {
            _scale[c] = 1f / (255f * spec.Std[c]);
            _bias[c] = -spec.Mean[c] / spec.Std[c];
        }
    }

    /// <summary>Writes one value per pixel of <paramref name="rgba"/> into each of the three planes of <paramref name="destination"/>.</summary>
    public void Normalize(ReadOnlySpan<byte> rgba, Span<float> destination)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba);
        var count = pixels.Length;
        if (destination.Length < 3 * count)
        {
            throw new ArgumentException("The destination is smaller than three planes.", nameof(destination));
        }
        ref var source = ref MemoryMarshal.GetReference(pixels);
        ref var red = ref MemoryMarshal.GetReference(destination);
        ref var green = ref Unsafe.Add(ref red, count);
        ref var blue = ref Unsafe.Add(ref green, count);

        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(0xFFu);
            var (s0, s1, s2) = (Vector256.Create(_scale[0]), Vector256.Create(_scale[1]), Vector256.Create(_scale[2]));
            var (b0, b1, b2) = (Vector256.Create(_bias[0]), Vector256.Create(_bias[1]), Vector256.Create(_bias[2]));
            for (; i <= count - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                // Little-endian RGBA: red is the low byte of each 32-bit pixel.
                var v = Vector256.LoadUnsafe(ref source, (nuint)i);
                var r = Vector256.ConvertToSingle((v & mask).AsInt32());
                var g = Vector256.ConvertToSingle((Vector256.ShiftRightLogical(v, 8) & mask).AsInt32());
                var b = Vector256.ConvertToSingle((Vector256.ShiftRightLogical(v, 16) & mask).AsInt32());
                Vector256.FusedMultiplyAdd(r, s0, b0).StoreUnsafe(ref red, (nuint)i);
                Vector256.FusedMultiplyAdd(g, s1, b1).StoreUnsafe(ref green, (nuint)i);
                Vector256.FusedMultiplyAdd(b, s2, b2).StoreUnsafe(ref blue, (nuint)i);
            }
        }
        for (; i < count; i++)
        {
            var p = Unsafe.Add(ref source, i);
            Unsafe.Add(ref red, i) = (p & 0xFF) * _scale[0] + _bias[0];
            Unsafe.Add(ref green, i) = ((p >> 8) & 0xFF) * _scale[1] + _bias[1];
            Unsafe.Add(ref blue, i) = ((p >> 16) & 0xFF) * _scale[2] + _bias[2];
        }
    }
}
