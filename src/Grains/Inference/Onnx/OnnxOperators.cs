namespace OrleansServe.Grains.Inference;

/// <summary>
/// The operator types of an ONNX graph's top-level nodes, read from the file's protobuf without loading the model:
/// weights (initializers) are skipped, not read.
/// </summary>
internal static class OnnxOperators
{
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int NodeOpType = 4;

    public static IReadOnlySet<string> Read(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
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
}
