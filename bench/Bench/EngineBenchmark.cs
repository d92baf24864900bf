using System.Globalization;

namespace OrleansServe.Bench;

/// <summary>
/// Raw ONNX Runtime vs the engine on ResNet18, per layout, interleaving the two so machine noise hits both alike.
/// The engine's figure includes JPEG decode, resize, crop and normalise; the raw figure is inference alone.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var root = RepoLocator.Root();
        var models = args.ModelsDirectory ?? Path.Combine(root, "models");
        var imagesDir = args.ImagesDirectory ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "images", "imagenet-samples"));
        var jpegs = Directory.GetFiles(imagesDir, "*.JPEG").Concat(Directory.GetFiles(imagesDir, "*.jpg")).Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes).ToArray();
        Console.WriteLine($"{Environment.ProcessorCount} cores, {jpegs.Length} JPEGs from {imagesDir}, batch {args.Batch}, " +
                          $"{args.Images} images a measurement, median of {args.Runs}; models in {models}");

        using var meters = new EngineMeters();
        var results = new List<(Layout Layout, Measurement Raw, Measurement Engine)>();
        foreach (var layout in args.Layouts)
        {
            await using var engine = await EngineRunner.StartAsync(models, layout, args.Batch, Math.Max(1024, args.Images), jpegs);
            // The engine wrote the seeded graph if the pretrained one is absent; raw ORT runs the same file.
            using var raw = new RawOrtRunner(ModelFile(models), layout, args.Batch);
            await raw.MeasureAsync(args.Batch * layout.Workers);
            await engine.MeasureAsync(args.Batch * layout.Workers * 2);
            meters.TakeMeans();

            var rawRuns = new List<Measurement>();
            var engineRuns = new List<Measurement>();
            for (var run = 0; run < args.Runs; run++)
            {
                rawRuns.Add(await raw.MeasureAsync(args.Images));
                engineRuns.Add(await engine.MeasureAsync(args.Images));
                var (decodeMs, batchSize) = meters.TakeMeans();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {layout}: run {run + 1}: raw {rawRuns[^1].ImagesPerSecond:F1} img/s ({rawRuns[^1].ImagesPerCpuSecond:F1}/CPU-s), " +
                    $"engine {engineRuns[^1].ImagesPerSecond:F1} img/s ({engineRuns[^1].ImagesPerCpuSecond:F1}/CPU-s; decode {decodeMs:F2} ms/img, batches of {batchSize:F1})"));
            }
            results.Add((layout, Median(rawRuns), Median(engineRuns)));
        }

        Console.WriteLine();
        Console.WriteLine("layout                  raw ORT img/s   engine img/s   engine/raw   | per CPU-second: raw   engine   engine/raw");
        foreach (var (layout, raw, engine) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{layout,-22}  {raw.ImagesPerSecond,13:F1}  {engine.ImagesPerSecond,13:F1}  {engine.ImagesPerSecond / raw.ImagesPerSecond,11:F3}   |  " +
                $"{raw.ImagesPerCpuSecond,19:F1}  {engine.ImagesPerCpuSecond,7:F1}  {engine.ImagesPerCpuSecond / raw.ImagesPerCpuSecond,10:F3}"));
        }
        var bestRaw = results.Max(r => r.Raw.ImagesPerSecond);
        var bestEngine = results.MaxBy(r => r.Engine.ImagesPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best engine ({bestEngine.Layout}) {bestEngine.Engine.ImagesPerSecond:F1} img/s vs best raw {bestRaw:F1} img/s: ratio {bestEngine.Engine.ImagesPerSecond / bestRaw:F3}"));
        return 0;
    }

    private static string ModelFile(string models)
    {
        var local = Path.Combine(models, "resnet18.onnx");
        return File.Exists(local)
            ? local
            : Directory.GetFiles(Path.Combine(Path.GetTempPath(), "orleansserve-models"), "resnet18-seeded-*.onnx").First();
    }

    /// <summary>The median of each figure on its own.</summary>
    private static Measurement Median(List<Measurement> runs) =>
        new(Median(runs.Select(r => r.ImagesPerSecond)), Median(runs.Select(r => r.ImagesPerCpuSecond)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
