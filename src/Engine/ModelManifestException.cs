namespace OrleansServe.Engine;

/// <summary>A model manifest that cannot be used; the message names the manifest file and the field.</summary>
internal sealed class ModelManifestException(string file, string field, string problem)
    : Exception($"Model manifest {file}: field '{field}' {problem}")
{
    /// <summary>The manifest file.</summary>
    public string File { get; } = file;

    /// <summary>The offending field (dotted path, e.g. <c>input.mean</c>).</summary>
    public string Field { get; } = field;
}
