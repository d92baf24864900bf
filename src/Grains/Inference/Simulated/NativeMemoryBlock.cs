using System.Runtime.InteropServices;

namespace OrleansServe.Grains.Inference;

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
        GC.AddMemoryPressure(bytes);
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
        GC.RemoveMemoryPressure(Bytes);
    }
}
