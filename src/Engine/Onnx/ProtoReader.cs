using System.Text;

namespace OrleansServe.Engine.Onnx;

/// <summary>
/// Reads length-delimited fields of a protobuf message from a seekable stream, skipping every other field by
/// seeking (just enough of the wire format to find an ONNX graph's nodes past gigabytes of weights).
/// </summary>
internal sealed class ProtoReader(Stream stream)
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    /// <summary>
    /// Visits each length-delimited field numbered <paramref name="field"/> of the message that ends at
    /// <paramref name="end"/>, positioned at its content; yields the content's end. The caller reads inside it.
    /// </summary>
    public IEnumerable<long> Messages(long end, int field)
    {
        while (stream.Position < end)
        {
            var tag = ReadVarint();
            var (number, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wireType)
            {
                case Varint:
                    ReadVarint();
                    break;
                case Fixed64:
                    stream.Seek(8, SeekOrigin.Current);
                    break;
                case Fixed32:
                    stream.Seek(4, SeekOrigin.Current);
                    break;
                case LengthDelimited:
                    var length = checked((long)ReadVarint());
                    var contentEnd = stream.Position + length;
                    if (contentEnd > end)
                    {
                        throw new InvalidDataException($"A protobuf field runs past its message ({contentEnd} > {end}).");
                    }
                    if (number == field)
                    {
                        yield return contentEnd;
                    }
                    stream.Position = contentEnd;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wireType} at offset {stream.Position}.");
            }
        }
    }

    /// <summary>The UTF-8 string from the current position to <paramref name="end"/>.</summary>
    public string String(long end)
    {
        var bytes = new byte[checked((int)(end - stream.Position))];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException("The protobuf ends inside a varint.");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }
}
