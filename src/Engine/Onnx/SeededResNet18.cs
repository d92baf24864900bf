namespace OrleansServe.Engine.Onnx;

/// <summary>
/// The ResNet18 graph (He et al. 2015, torchvision layout: 7×7 stem, max-pool, 4 stages × 2 basic blocks with
/// 1×1 projection shortcuts, global average pool, 1000-way Gemm) with seeded He-uniform weights: the real
/// architecture, shapes and cost (11.7 M parameters), dynamic batch, meaningless predictions.
/// </summary>
internal static class SeededResNet18
{
    /// <summary>The manifest's <c>seeded</c> value that selects this graph.</summary>
    public const string Architecture = "resnet18";

    /// <summary>The <c>producer_name</c> of every seeded graph: how a seeded file is told from a pretrained one.</summary>
    public const string Producer = "OrleansServe seeded ResNet18 (meaningless weights)";

    public const string InputName = "data";
    public const string OutputName = "logits";
    public const ulong DefaultSeed = 18;

    /// <summary>Writes the ONNX file and returns its parameter count.</summary>
    public static long Write(Stream stream, ulong seed = DefaultSeed)
    {
        var random = new SeededRandom(seed);
        var graph = new OnnxGraphBuilder("resnet18_seeded");
        graph.Input(InputName, "N", 3, 224, 224);

        var x = ConvBn(graph, random, "stem", InputName, 3, 64, kernel: 7, stride: 2);
        x = Relu(graph, x);
        graph.Node("MaxPool", [x], "stem_pool", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }));
        x = "stem_pool";

        var channels = 64;
        int[] widths = [64, 128, 256, 512];
        for (var stage = 0; stage < widths.Length; stage++)
        {
            for (var block = 0; block < 2; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                x = BasicBlock(graph, random, $"layer{stage + 1}_{block}", x, channels, widths[stage], stride);
                channels = widths[stage];
            }
        }

        graph.Node("GlobalAveragePool", [x], "pool");
        graph.Node("Flatten", ["pool"], "flat", ("axis", 1));
        var limit = 1f / MathF.Sqrt(512);
        graph.Initializer("fc_weight", random.Uniform(1000 * 512, limit), 1000, 512);
        graph.Initializer("fc_bias", random.Uniform(1000, limit), 1000);
        graph.Node("Gemm", ["flat", "fc_weight", "fc_bias"], OutputName, ("transB", 1));
        graph.Output(OutputName, "N", 1000);

        graph.WriteTo(stream, Producer);
        return graph.ParameterCount;
    }

    private static string BasicBlock(OnnxGraphBuilder graph, SeededRandom random, string name, string input, int inChannels, int outChannels, int stride)
    {
        var y = Relu(graph, ConvBn(graph, random, $"{name}_conv1", input, inChannels, outChannels, kernel: 3, stride));
        y = ConvBn(graph, random, $"{name}_conv2", y, outChannels, outChannels, kernel: 3, stride: 1);
        var shortcut = stride == 1 && inChannels == outChannels
            ? input
            : ConvBn(graph, random, $"{name}_downsample", input, inChannels, outChannels, kernel: 1, stride);
        graph.Node("Add", [y, shortcut], $"{name}_add");
        return Relu(graph, $"{name}_add");
    }

    private static string ConvBn(OnnxGraphBuilder graph, SeededRandom random, string name, string input, int inChannels, int outChannels, int kernel, int stride)
    {
        var fanIn = inChannels * kernel * kernel;
        graph.Initializer($"{name}_weight", random.Uniform(outChannels * fanIn, MathF.Sqrt(6f / fanIn)), outChannels, inChannels, kernel, kernel);
        var pad = kernel / 2;
        graph.Node("Conv", [input, $"{name}_weight"], $"{name}_conv",
            ("kernel_shape", new[] { kernel, kernel }), ("strides", new[] { stride, stride }), ("pads", new[] { pad, pad, pad, pad }));

        // Batch norm with seeded affine terms; mean 0 and variance 1 keep activations in a sane range.
        graph.Initializer($"{name}_bn_scale", [.. random.Uniform(outChannels, 0.2f).Select(v => 0.7f + v)], outChannels);
        graph.Initializer($"{name}_bn_bias", random.Uniform(outChannels, 0.1f), outChannels);
        graph.Initializer($"{name}_bn_mean", new float[outChannels], outChannels);
        graph.Initializer($"{name}_bn_var", Enumerable.Repeat(1f, outChannels).ToArray(), outChannels);
        graph.Node("BatchNormalization",
            [$"{name}_conv", $"{name}_bn_scale", $"{name}_bn_bias", $"{name}_bn_mean", $"{name}_bn_var"], $"{name}_bn",
            ("epsilon", 1e-5f));
        return $"{name}_bn";
    }

    private static string Relu(OnnxGraphBuilder graph, string input)
    {
        graph.Node("Relu", [input], $"{input}_relu");
        return $"{input}_relu";
    }
}
