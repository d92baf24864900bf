namespace OrleansServe.Engine.Onnx;

/// <summary>
/// Provides the ONNX file of a manifest with <see cref="ModelManifest.Seeded"/>: the real file when present,
/// otherwise a seeded graph written atomically (temp file + rename: several in-process silos may race) next to
/// the manifest, or into a temp cache folder when that one is not writable.
/// </summary>
internal static class SeededModelFile
{
    public static string Ensure(ModelManifest manifest, ILogger logger)
    {
        var path = manifest.File!;
        if (File.Exists(path))
        {
            if (ModelWeights.IsSeeded(path))
            {
                LogSynthetic(logger, manifest, path);
            }
            return path;
        }
        var cache = Path.Combine(Path.GetTempPath(), "orleansserve-models", $"{manifest.Seeded}-seeded-{SeededResNet18.DefaultSeed}.onnx");
        foreach (var candidate in new[] { path, cache })
        {
            if (File.Exists(candidate))
            {
                LogSynthetic(logger, manifest, candidate);
                return candidate;
            }
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(candidate)!);
                var temp = $"{candidate}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
                long parameters;
                try
                {
                    using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                    {
                        parameters = SeededResNet18.Write(stream);
                    }
                    File.Move(temp, candidate, overwrite: true);
                }
                finally
                {
                    File.Delete(temp);
                }
                EngineLog.SeededModelWritten(logger, manifest.Name, candidate, parameters);
                LogSynthetic(logger, manifest, candidate);
                return candidate;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                EngineLog.SeededModelNotWritable(logger, candidate, ex.Message);
            }
        }
        throw new InferenceException(InferenceErrorKind.Internal, $"Could not write the seeded graph for model '{manifest.Name}' to {path} or {cache}.");
    }

    private static void LogSynthetic(ILogger logger, ModelManifest manifest, string file) =>
        EngineLog.SyntheticWeights(logger, manifest.Name, file, Path.Combine(Path.GetDirectoryName(manifest.Source)!, "fetch-resnet18.sh"));
}
