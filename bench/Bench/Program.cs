using OrleansServe.Bench;

return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "int8" => await Int8Benchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project bench/Bench -- engine|int8 [options]

        engine   raw ONNX Runtime ResNet18 on a ready batch tensor vs the engine on JPEG bytes (decode included),
                 for each worker × intra-op thread layout; prints images/s (median of the runs) and engine/raw.
          --images N      images per measurement (default 240)
          --runs N        measurements per figure; the median is reported (default 3)
          --batch N       batch size, raw and engine (default 8)
          --layouts L     workers×threads layouts, e.g. 2x1,1x2 (default 2x1,1x2)
          --models DIR    models directory (default: the repository's models/)
          --images-dir D  JPEGs to serve (default: ../shared/images/imagenet-samples)

        int8     the shipped MobileNetV2-int8 through the engine with its QDQ pairs fused and unfused (Engine:Int8Kernels):
                 top-1 on the labelled samples (labels.csv in --images-dir) and images/s (median of --runs, --images each),
                 the unfused/fused ratio, and what Engine:Int8Kernels=Auto picks on this CPU.
        """);
    return 2;
}
