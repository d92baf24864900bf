using Google.Protobuf;

namespace OrleansServe.Engine.Tests;

/// <summary>Reads an ONNX file's initializers (ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.dims = 1) independently of the writer.</summary>
internal static class OnnxFile
{
    public static long CountParameters(string path)
    {
        var graph = Field(File.ReadAllBytes(path), 7).Single();
        return Field(graph, 5).Sum(tensor => Dims(tensor).Aggregate(1L, (a, b) => a * b));
    }

    private static List<byte[]> Field(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }
        return found;
    }

    private static List<long> Dims(byte[] tensor)
    {
        var dims = new List<long>();
        var input = new CodedInputStream(tensor);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                dims.Add(input.ReadInt64());
            }
            else
            {
                input.SkipLastField();
            }
        }
        return dims;
    }
}
