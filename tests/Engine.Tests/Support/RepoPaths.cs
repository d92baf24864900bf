namespace OrleansServe.Engine.Tests;

/// <summary>The repository root (the folder with OrleansServe.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Models => Path.Combine(Root, "models");

    public static string SharedImages => Path.Combine(Shared, "images", "imagenet-samples");

    public static string MobileNet => Path.Combine(Shared, "models", "mobilenetv2-int8.onnx");

    public static string ImageNetLabels => Path.Combine(Shared, "models", "imagenet_classes.txt");

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
