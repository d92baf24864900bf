using System.Globalization;

namespace OrleansServe.Bench;

/// <summary>Options of the <c>engine</c> benchmark.</summary>
internal sealed record BenchArguments
{
    public int Images { get; init; } = 240;

    public int Runs { get; init; } = 3;

    public int Batch { get; init; } = 8;

    public IReadOnlyList<Layout> Layouts { get; init; } = [new(2, 1), new(1, 2)];

    public string? ModelsDirectory { get; init; }

    public string? ImagesDirectory { get; init; }

    public static BenchArguments Parse(IEnumerable<string> args)
    {
        var parsed = new BenchArguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            var value = e.MoveNext() ? e.Current : throw new ArgumentException($"{name} needs a value");
            parsed = name switch
            {
                "--images" => parsed with { Images = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => parsed with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--batch" => parsed with { Batch = int.Parse(value, CultureInfo.InvariantCulture) },
                "--layouts" => parsed with { Layouts = [.. value.Split(',').Select(Layout.Parse)] },
                "--models" => parsed with { ModelsDirectory = value },
                "--images-dir" => parsed with { ImagesDirectory = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return parsed;
    }
}
