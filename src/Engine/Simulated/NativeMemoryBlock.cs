using System.Runtime.InteropServices;

namespace OrleansServe.Engine.Simulated;

/// <summary>
/// Memory a simulated model holds while loaded: allocated natively and written page by page so the working set
/// really grows; freed at once on dispose (a block this large is its own mapping, returned to the OS).
/// </summary>
internal sealed unsafe class NativeMemoryBlock : IDisposable
{
    private const int PageSize = 4096;
    private byte* _memory;

    public NativeMemoryBlock(long bytes)
    {
        Bytes = bytes;
        if (bytes == 0)
        {
            return;
        }
        _memory = (byte*)NativeMemory.Alloc((nuint)bytes);
        for (long offset = 0; offset < bytes; offset += PageSize)
        {
            _memory[offset] = (byte)offset;
        }
        // No GC.AddMemoryPressure: the block is freed deterministically, and the collections it would trigger
        // only return the managed heap's memory while the model loads.
    }

    public long Bytes { get; }

    public void Dispose()
    {
        if (_memory is null)
        {
            return;
        }
        NativeMemory.Free(_memory);
        _memory = null;
    }
}
