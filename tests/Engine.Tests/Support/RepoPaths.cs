namespace OrleansServe.Engine.Tests;

/// <summary>The repository root (the folder with OrleansServe.sln), what the tests read in it, and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Models => Path.Combine(Root, "models");

    /// <summary>The 200 labelled shared samples; only the accuracy test reads them (see <c>Prerequisites.SharedSamples</c>).</summary>
    public static string SharedImages => Path.Combine(Shared, "images", "imagenet-samples");

    /// <summary>The real photos committed for tests (tests/images).</summary>
    public static string TestImages => Path.Combine(Root, "tests", "images");

    /// <summary>MobileNetV2-int8, the real ImageNet classifier shipped in models/.</summary>
    public static string MobileNet => Path.Combine(Models, "mobilenetv2-int8.onnx");

    public static string ImageNetLabels => Path.Combine(Models, "imagenet_classes.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansServe.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No OrleansServe.sln above {AppContext.BaseDirectory}.");
    }
}
