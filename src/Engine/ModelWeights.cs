namespace OrleansServe.Engine;

/// <summary>Whether an image model serves pretrained weights or the seeded stand-in (what <c>GET /v2/models/{name}</c> reports).</summary>
public static class ModelWeights
{
    public const string Pretrained = "pretrained";

    public const string Seeded = "seeded";

    /// <summary>
    /// <see cref="Seeded"/> for a manifest with <c>seeded</c> whose file is absent (the engine writes the seeded
    /// graph) or is a seeded graph; otherwise <see cref="Pretrained"/>. Null for models that are not image models.
    /// </summary>
    public static string? Of(ModelManifest manifest) => !manifest.IsImageModel ? null
        : manifest.Seeded is not null && (!File.Exists(manifest.File) || IsSeeded(manifest.File!)) ? Seeded
        : Pretrained;

    /// <summary>Whether <paramref name="file"/> is a graph the engine wrote with seeded weights (by its producer name).</summary>
    internal static bool IsSeeded(string file)
    {
        try
        {
            return OnnxFileReader.Producer(file) == SeededResNet18.Producer;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
