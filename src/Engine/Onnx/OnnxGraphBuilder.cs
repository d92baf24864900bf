using System.Runtime.InteropServices;

namespace OrleansServe.Engine.Onnx;

/// <summary>
/// Builds an ONNX model (the subset of onnx.proto a CNN classifier needs: nodes with int/float/ints attributes,
/// float initializers as raw data, float inputs/outputs with symbolic dimensions) and writes it with
/// <see cref="ProtoMessage"/>. Field numbers are those of onnx/onnx.proto (IR version 7, opset 13).
/// </summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    private const long IrVersion = 7;
    private const long Opset = 13;
    private const int FloatType = 1;

    private readonly ProtoMessage _graph = new ProtoMessage().String(2, graphName);
    private int _nodes;

    /// <summary>Elements in all initializers written so far.</summary>
    public long ParameterCount { get; private set; }

    public void Initializer(string name, float[] values, params long[] dims)
    {
        var tensor = new ProtoMessage();
        foreach (var dim in dims)
        {
            tensor.Int64(1, dim);
        }
        tensor.Int64(2, FloatType).String(8, name);
        // raw_data is little-endian IEEE floats, which is how .NET lays out a float[] on x64/arm64.
        tensor.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        _graph.Message(5, tensor);
        ParameterCount += values.LongLength;
    }

    public void Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoMessage();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }
        node.String(2, output).String(3, $"{opType.ToLowerInvariant()}_{_nodes++}").String(4, opType);
        foreach (var (name, value) in attributes)
        {
            node.Message(5, Attribute(name, value));
        }
        _graph.Message(1, node);
    }

    /// <summary>A float tensor input or output; a string dimension is symbolic (e.g. the batch).</summary>
    public void Input(string name, params object[] dims) => _graph.Message(11, ValueInfo(name, dims));

    public void Output(string name, params object[] dims) => _graph.Message(12, ValueInfo(name, dims));

    public void WriteTo(Stream stream, string producer)
    {
        var model = new ProtoMessage()
            .Int64(1, IrVersion)
            .String(2, producer)
            .Message(7, _graph)
            .Message(8, new ProtoMessage().String(1, "").Int64(2, Opset));
        var bytes = model.ToMemory();
        stream.Write(bytes.Span);
    }

    private static ProtoMessage Attribute(string name, object value)
    {
        var attribute = new ProtoMessage().String(1, name);
        switch (value)
        {
            case float f:
                return attribute.Float(2, f).Int64(20, 1);
            case int i:
                return attribute.Int64(3, i).Int64(20, 2);
            case int[] ints:
                foreach (var i in ints)
                {
                    attribute.Int64(8, i);
                }
                return attribute.Int64(20, 7);
            default:
                throw new ArgumentException($"Attribute type {value.GetType()} is not supported.", nameof(value));
        }
    }

    private static ProtoMessage ValueInfo(string name, object[] dims)
    {
        var shape = new ProtoMessage();
        foreach (var dim in dims)
        {
            var dimension = dim is string symbol
                ? new ProtoMessage().String(2, symbol)
                : new ProtoMessage().Int64(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
            shape.Message(1, dimension);
        }
        var tensorType = new ProtoMessage().Int64(1, FloatType).Message(2, shape);
        return new ProtoMessage().String(1, name).Message(2, new ProtoMessage().Message(1, tensorType));
    }
}
