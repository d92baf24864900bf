using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansServe.Engine;
using OrleansServe.Engine.Onnx;

namespace OrleansServe.Bench;

/// <summary>
/// The shipped MobileNetV2-int8 through the engine with its QDQ pairs fused and unfused: top-1 on the labelled
/// samples and images per second, so the cost of the accurate path on this CPU is a measured figure.
/// </summary>
internal static class Int8Benchmark
{
    private const string Model = "mobilenetv2";

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var root = RepoLocator.Root();
        var models = args.ModelsDirectory ?? Path.Combine(root, "models");
        var imagesDir = args.ImagesDirectory ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "images", "imagenet-samples"));
        if (!File.Exists(Path.Combine(imagesDir, "labels.csv")))
        {
            Console.Error.WriteLine($"No labels.csv in {imagesDir}: top-1 needs labelled images (--images-dir, by default the team's ../shared/images/imagenet-samples).");
            return 2;
        }
        var labelled = File.ReadLines(Path.Combine(imagesDir, "labels.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(parts => (Jpeg: File.ReadAllBytes(Path.Combine(imagesDir, parts[0])), Class: int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToArray();
        var cpu = CpuInt8Support.Detect();
        Console.WriteLine($"{Environment.ProcessorCount} cores, {cpu.Description}; {labelled.Length} labelled JPEGs from {imagesDir}; " +
                          $"{args.Images} images a measurement, median of {args.Runs}");

        var rows = new List<(Int8Kernels Kernels, int Correct, Measurement Speed)>();
        foreach (var kernels in new[] { Int8Kernels.Fused, Int8Kernels.Unfused })
        {
            await using var services = Engine(models, kernels);
            var engine = services.GetRequiredService<IInferenceEngine>();
            await engine.LoadAsync(Model, "bench");
            var answers = await Task.WhenAll(labelled.Select((s, i) => engine.RunAsync(Request(i, s.Jpeg))));
            var correct = labelled.Zip(answers).Count(p => p.Second.Predictions[0].Index == p.First.Class);
            var runs = new List<Measurement>();
            for (var run = 0; run < args.Runs; run++)
            {
                runs.Add(await Measurement.TimeAsync(args.Images, () =>
                    Task.WhenAll(Enumerable.Range(0, args.Images).Select(i => engine.RunAsync(Request(i, labelled[i % labelled.Length].Jpeg))))));
            }
            rows.Add((kernels, correct, runs.OrderBy(r => r.ImagesPerSecond).ElementAt(runs.Count / 2)));
        }

        Console.WriteLine();
        Console.WriteLine("QDQ pairs   top-1          img/s   img/CPU-s");
        foreach (var (kernels, correct, speed) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kernels,-9}   {correct,3}/{labelled.Length} {100.0 * correct / labelled.Length,5:F1} %   {speed.ImagesPerSecond,6:F1}   {speed.ImagesPerCpuSecond,9:F1}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unfused/fused speed: {rows[1].Speed.ImagesPerSecond / rows[0].Speed.ImagesPerSecond:F3}; top-1 {rows[1].Correct - rows[0].Correct:+0;-0;0} images; " +
            $"Engine:Int8Kernels=Auto picks {Int8KernelChoice.For(Int8Kernels.Auto, OnnxFileReader.Operators(Path.Combine(models, "mobilenetv2-int8.onnx")), cpu).Kernels} here"));
        return 0;
    }

    private static InferenceRequest Request(int i, byte[] jpeg) => new($"int8-{i}", Model, jpeg, 0, 1, DateTime.UtcNow.AddMinutes(10));

    private static ServiceProvider Engine(string models, Int8Kernels kernels)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Directory"] = models,
            ["Engine:Int8Kernels"] = kernels.ToString(),
        }).Build();
        return new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddInferenceEngine(configuration)
            .BuildServiceProvider();
    }
}
