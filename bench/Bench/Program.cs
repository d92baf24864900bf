using OrleansServe.Bench;

return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project bench/Bench -- engine [options]

        engine   raw ONNX Runtime ResNet18 on a ready batch tensor vs the engine on JPEG bytes (decode included),
                 for each worker × intra-op thread layout; prints images/s (median of the runs) and engine/raw.
          --images N      images per measurement (default 240)
          --runs N        measurements per figure; the median is reported (default 3)
          --batch N       batch size, raw and engine (default 8)
          --layouts L     workers×threads layouts, e.g. 2x1,1x2 (default 2x1,1x2)
          --models DIR    models directory (default: the repository's models/)
          --images-dir D  JPEGs to serve (default: ../shared/images/imagenet-samples)
        """);
    return 2;
}
