using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansServe.Engine;

/// <summary>Reads and validates one JSON model manifest; relative paths resolve against the manifest's folder.</summary>
internal static partial class ManifestReader
{
    public static ModelManifest Read(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(System.IO.File.ReadAllBytes(file),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ModelManifestException(file, "(document)", $"is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ModelManifestException(file, "(document)", "must be a JSON object");
            }
            var name = RequiredString(file, root, "name");
            if (!NamePattern().IsMatch(name))
            {
                throw new ModelManifestException(file, "name", $"'{name}' may hold only letters, digits, '.', '_' and '-'");
            }
            var kind = RequiredString(file, root, "kind");
            return kind switch
            {
                ModelManifest.OnnxImage => ReadOnnxImage(file, root, name),
                ModelManifest.SimulatedTokens => ReadSimulated(file, root, name),
                _ => throw new ModelManifestException(file, "kind",
                    $"'{kind}' is unknown (expected '{ModelManifest.OnnxImage}' or '{ModelManifest.SimulatedTokens}')"),
            };
        }
    }

    private static ModelManifest ReadOnnxImage(string file, JsonElement root, string name)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var model = Path.GetFullPath(RequiredString(file, root, "file"), folder);
        var seeded = OptionalString(file, root, "seeded");
        if (seeded is not null && seeded != SeededResNet18.Architecture)
        {
            throw new ModelManifestException(file, "seeded", $"'{seeded}' is unknown (only '{SeededResNet18.Architecture}')");
        }
        if (seeded is null && !System.IO.File.Exists(model))
        {
            throw new ModelManifestException(file, "file", $"names {model}, which does not exist");
        }
        var labels = Path.GetFullPath(RequiredString(file, root, "labels"), folder);
        if (!System.IO.File.Exists(labels))
        {
            throw new ModelManifestException(file, "labels", $"names {labels}, which does not exist");
        }
        return new ModelManifest
        {
            Name = name,
            Kind = ModelManifest.OnnxImage,
            Source = file,
            File = model,
            Labels = labels,
            Seeded = seeded,
            Pretrained = ReadPretrained(file, root),
            Input = ReadInput(file, root),
        };
    }

    private static PretrainedSource? ReadPretrained(string file, JsonElement root)
    {
        if (!root.TryGetProperty("pretrained", out var pretrained))
        {
            return null;
        }
        if (pretrained.ValueKind != JsonValueKind.Object)
        {
            throw new ModelManifestException(file, "pretrained", "must be an object with 'url' and 'sha256'");
        }
        var url = OptionalString(file, pretrained, "url", "pretrained.url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new ModelManifestException(file, "pretrained.url", $"'{url}' is not an absolute http(s) address");
        }
        var sha256 = OptionalString(file, pretrained, "sha256", "pretrained.sha256") ?? "";
        if (!Sha256Pattern().IsMatch(sha256))
        {
            throw new ModelManifestException(file, "pretrained.sha256", $"'{sha256}' is not 64 hexadecimal digits");
        }
        return new PretrainedSource(uri, sha256.ToLowerInvariant());
    }

    private static ImageInputSpec ReadInput(string file, JsonElement root)
    {
        var spec = new ImageInputSpec();
        if (!root.TryGetProperty("input", out var input))
        {
            return spec;
        }
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw new ModelManifestException(file, "input", "must be an object");
        }
        var size = OptionalNumber(file, input, "input.size", "size") ?? spec.Size;
        var resize = OptionalNumber(file, input, "input.resize", "resize") ?? spec.Resize;
        if (size is < 8 or > 4096 || size != Math.Floor(size))
        {
            throw new ModelManifestException(file, "input.size", "must be a whole number between 8 and 4096");
        }
        if (resize < size || resize > 8192 || resize != Math.Floor(resize))
        {
            throw new ModelManifestException(file, "input.resize", "must be a whole number at least input.size and at most 8192");
        }
        var std = Triple(file, input, "std") ?? spec.Std;
        if (std.Any(s => s <= 0))
        {
            throw new ModelManifestException(file, "input.std", "must hold positive numbers");
        }
        return spec with
        {
            Name = OptionalString(file, input, "name", "input.name"),
            Size = (int)size,
            Resize = (int)resize,
            Mean = Triple(file, input, "mean") ?? spec.Mean,
            Std = std,
        };
    }

    private static ModelManifest ReadSimulated(string file, JsonElement root, string name)
    {
        var baseCpuMs = OptionalNumber(file, root, "baseCpuMs", "baseCpuMs") ?? 0;
        var perToken = OptionalNumber(file, root, "cpuMsPerToken", "cpuMsPerToken") ?? 0;
        var memoryMb = OptionalNumber(file, root, "memoryMb", "memoryMb") ?? 0;
        if (baseCpuMs is < 0 or > 600_000)
        {
            throw new ModelManifestException(file, "baseCpuMs", "must be between 0 and 600000");
        }
        if (perToken is < 0 or > 60_000)
        {
            throw new ModelManifestException(file, "cpuMsPerToken", "must be between 0 and 60000");
        }
        if (memoryMb is < 0 or > 65_536 || memoryMb != Math.Floor(memoryMb))
        {
            throw new ModelManifestException(file, "memoryMb", "must be a whole number between 0 and 65536");
        }
        return new ModelManifest
        {
            Name = name,
            Kind = ModelManifest.SimulatedTokens,
            Source = file,
            BaseCpuMs = baseCpuMs,
            CpuMsPerToken = perToken,
            MemoryMb = (int)memoryMb,
        };
    }

    private static string RequiredString(string file, JsonElement parent, string field) =>
        OptionalString(file, parent, field, field) ?? throw new ModelManifestException(file, field, "is required");

    private static string? OptionalString(string file, JsonElement parent, string field, string? path = null)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new ModelManifestException(file, path ?? field, "must be a non-empty string");
        }
        return value.GetString();
    }

    private static double? OptionalNumber(string file, JsonElement parent, string path, string field)
    {
        if (!parent.TryGetProperty(field, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new ModelManifestException(file, path, "must be a number");
    }

    private static float[]? Triple(string file, JsonElement input, string field)
    {
        if (!input.TryGetProperty(field, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw new ModelManifestException(file, $"input.{field}", "must be an array of 3 numbers (R, G, B)");
        }
        return [.. value.EnumerateArray().Select(v => v.GetSingle())];
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
