using YamlDotNet.Serialization;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>
/// The component schemas of an OpenAPI 3.0 document, and a validator for the subset of JSON Schema the Open Inference
/// Protocol uses: $ref, type, properties, required, items, anyOf, additionalProperties.
/// </summary>
public sealed class OpenApiSchema
{
    private readonly JsonObject _schemas;

    private OpenApiSchema(JsonObject document) => _schemas = document["components"]!["schemas"]!.AsObject();

    public static OpenApiSchema Load(string path)
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path));
        return new OpenApiSchema(ToJson(yaml)!.AsObject());
    }

    /// <summary>Every violation of schema <paramref name="name"/> in <paramref name="value"/>, as "path: problem".</summary>
    public IReadOnlyList<string> Validate(string name, JsonNode? value)
    {
        var errors = new List<string>();
        Check(_schemas[name] ?? throw new ArgumentException($"No schema {name}"), value, "$", errors, 0);
        return errors;
    }

    private void Check(JsonNode schema, JsonNode? value, string path, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            errors.Add($"{path}: too deep");
            return;
        }
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(_schemas[reference.Split('/')[^1]]!, value, path, errors, depth + 1);
            return;
        }
        if (schema["anyOf"] is JsonArray anyOf)
        {
            if (!anyOf.Any(option => { var e = new List<string>(); Check(option!, value, path, e, depth + 1); return e.Count == 0; }))
            {
                errors.Add($"{path}: matches none of anyOf");
            }
            return;
        }
        var type = schema["type"]?.GetValue<string>();
        if (type is not null && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {value?.GetValueKind().ToString() ?? "null"}");
            return;
        }
        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    errors.Add($"{path}: missing required '{required}'");
                }
            }
            var properties = schema["properties"]?.AsObject();
            foreach (var (key, child) in obj)
            {
                if (properties?[key] is { } propertySchema)
                {
                    Check(propertySchema, child, $"{path}.{key}", errors, depth + 1);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(additional, child, $"{path}.{key}", errors, depth + 1);
                }
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{path}[{i}]", errors, depth + 1);
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => (type, value?.GetValueKind()) switch
    {
        ("object", System.Text.Json.JsonValueKind.Object) => true,
        ("array", System.Text.Json.JsonValueKind.Array) => true,
        ("string", System.Text.Json.JsonValueKind.String) => true,
        ("boolean", System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) => true,
        ("number", System.Text.Json.JsonValueKind.Number) => true,
        ("integer", System.Text.Json.JsonValueKind.Number) => value!.AsValue().TryGetValue<long>(out _) || decimal.Truncate(value.GetValue<decimal>()) == value.GetValue<decimal>(),
        _ => false,
    };

    private static JsonNode? ToJson(object? yaml) => yaml switch
    {
        IDictionary<object, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, ToJson(kv.Value)))),
        IList<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        null => null,
        var scalar => JsonValue.Create(scalar.ToString()),
    };
}
