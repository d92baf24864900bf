using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>
/// The configuration sections the code binds, found by reflection: every class in the built OrleansServe assemblies
/// with a <c>public const string Section</c> (ClusterSettings, SiloSettings, RouterOptions, ...). Environment keys
/// (<c>Section__Key</c>) are bound to them with <see cref="BinderOptions.ErrorOnUnknownConfiguration"/>, so a key
/// whose property was renamed or removed fails, and so does a value that does not convert.
/// </summary>
public static class OptionSections
{
    /// <summary>Variables read by the framework, Orleans' Kubernetes hosting or our images, not by options classes (and OpenTelemetry's <c>OTEL_*</c>).</summary>
    private static readonly HashSet<string> FrameworkKeys = new(StringComparer.Ordinal)
    {
        "Urls", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
        "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID",
        "HEALTH_HOST", "HEALTH_PORT", "HEALTH_PATH",
    };

    private static readonly string[] FrameworkSections = ["Logging", "Kestrel", "AllowedHosts"];

    public static IReadOnlyDictionary<string, Type> Bound { get; } = Discover();

    /// <summary>What is wrong with <paramref name="environment"/> (variable name → value), each message naming the key.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, string?> environment, string where)
    {
        var errors = new List<string>();
        var sections = new Dictionary<string, Dictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (FrameworkKeys.Contains(name) || name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || name.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                continue;
            }
            var separator = name.IndexOf("__", StringComparison.Ordinal);
            if (separator <= 0)
            {
                errors.Add($"{where}: {name} is neither Section__Key nor a variable the framework reads.");
                continue;
            }
            var section = name[..separator];
            if (FrameworkSections.Contains(section, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!Bound.ContainsKey(section))
            {
                errors.Add($"{where}: {name}: no options class binds section '{section}' (bound: {string.Join(", ", Bound.Keys)}).");
                continue;
            }
            if (!sections.TryGetValue(section, out var keys))
            {
                sections[section] = keys = new(StringComparer.OrdinalIgnoreCase);
            }
            keys[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        foreach (var (section, keys) in sections)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
            try
            {
                configuration.GetSection(section).Get(Bound[section], o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add($"{where}: section {section} ({Bound[section].Name}): {ex.Message}");
            }
        }
        return errors;
    }

    private static Dictionary<string, Type> Discover()
    {
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in ProductAssemblies())
        {
            foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract))
            {
                if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                    && field.FieldType == typeof(string)
                    && field.GetRawConstantValue() is string name)
                {
                    Assert.False(sections.TryGetValue(name, out var other), $"Section '{name}' is bound by both {other} and {type}.");
                    sections[name] = type;
                }
            }
        }
        return sections;
    }

    /// <summary>The OrleansServe assemblies next to the tests (the gateway, the silo and what they reference).</summary>
    public static IReadOnlyList<Assembly> ProductAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "OrleansServe.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(name => Assembly.Load(new AssemblyName(name!)))
            .ToList();
}
