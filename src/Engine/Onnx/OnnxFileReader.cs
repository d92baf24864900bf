namespace OrleansServe.Engine.Onnx;

/// <summary>
/// Facts about an ONNX file read from its protobuf without loading the model: weights (initializers) are skipped,
/// not read.
/// </summary>
internal static class OnnxFileReader
{
    private const int ModelProducerName = 2;
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int NodeOpType = 4;

    /// <summary>The operator types of the graph's top-level nodes.</summary>
    public static IReadOnlySet<string> Operators(string file)
    {
        using var stream = Open(file);
        var reader = new ProtoReader(stream);
        var operators = new HashSet<string>(StringComparer.Ordinal);
        foreach (var graph in reader.Messages(stream.Length, ModelGraph))
        {
            foreach (var node in reader.Messages(graph, GraphNode))
            {
                foreach (var opType in reader.Messages(node, NodeOpType))
                {
                    operators.Add(reader.String(opType));
                }
            }
        }
        return operators;
    }

    /// <summary>The model's <c>producer_name</c> (empty when it has none).</summary>
    public static string Producer(string file)
    {
        using var stream = Open(file);
        var reader = new ProtoReader(stream);
        foreach (var producer in reader.Messages(stream.Length, ModelProducerName))
        {
            return reader.String(producer);
        }
        return "";
    }

    private static FileStream Open(string file) => new(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
}
