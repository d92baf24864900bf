using System.Text.Json;
using OrleansServe.Gateway.Errors;

namespace OrleansServe.Gateway.Inference;

/// <summary>Small JSON helpers that produce the 400 messages clients read.</summary>
public static class JsonKinds
{
    public static string Name(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>A whole number of tokens in [0, max], or 400.</summary>
    public static int TokenCount(JsonElement element, string what, int max)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw HttpProblemException.BadRequest($"{what} must be a whole number, not {Name(element.ValueKind)}.");
        }
        if (!element.TryGetInt64(out var value))
        {
            throw HttpProblemException.BadRequest($"{what} must be a whole number.");
        }
        return OipRules.TokenCount(value, what, max);
    }

    /// <summary>A whole number in [min, max], or 400.</summary>
    public static int Int(JsonElement element, string what, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < min || value > max)
        {
            throw HttpProblemException.BadRequest($"{what} must be a whole number between {min} and {max}.");
        }
        return value;
    }

    /// <summary>The string value of an optional property, or 400 when it has another type.</summary>
    public static string? OptionalString(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw HttpProblemException.BadRequest($"{where}\"{name}\" must be a string, not {Name(value.ValueKind)}.");
    }
}
