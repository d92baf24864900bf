using System.Text.Json;

namespace OrleansServe.LoadTester.Running;

/// <summary>
/// Picks <c>server</c> and <c>timings.queueMs</c>/<c>timings.inferenceMs</c> out of a gateway response
/// without building a DOM; anything else (or a body that is not JSON) is ignored.
/// </summary>
public static class ResponseBodyParser
{
    /// <summary>Reads what the body offers; missing values stay null/NaN.</summary>
    public static void Parse(ReadOnlySpan<byte> body, out string? server, out double queueMs, out double inferenceMs)
    {
        server = null;
        queueMs = double.NaN;
        inferenceMs = double.NaN;
        if (body.IsEmpty || body[0] != (byte)'{')
        {
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1 && reader.ValueTextEquals("server"u8) && reader.Read()
                    && reader.TokenType == JsonTokenType.String)
                {
                    server = reader.GetString();
                }
                else if (reader.CurrentDepth == 2 && reader.ValueTextEquals("queueMs"u8) && reader.Read())
                {
                    queueMs = NumberOrNaN(ref reader);
                }
                else if (reader.CurrentDepth == 2 && reader.ValueTextEquals("inferenceMs"u8) && reader.Read())
                {
                    inferenceMs = NumberOrNaN(ref reader);
                }
            }
        }
        catch (JsonException)
        {
            // A truncated or odd body still counts as a response; we just learn nothing from it.
        }
    }

    /// <summary>
    /// The <c>error</c> or <c>title</c> of an error body (ProblemDetails, or the Open Inference
    /// Protocol's <c>{"error": …}</c>), cut to 120 characters; null when there is none.
    /// </summary>
    public static string? ProblemText(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[0] != (byte)'{')
        {
            return null;
        }

        string? title = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isError = reader.ValueTextEquals("error"u8);
                    var isTitle = reader.ValueTextEquals("title"u8);
                    if (reader.Read() && reader.TokenType == JsonTokenType.String && (isError || isTitle))
                    {
                        var text = reader.GetString();
                        if (isError)
                        {
                            return Cut(text);
                        }

                        title = text;
                    }
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Keep whatever was read before the body went wrong.
        }

        return Cut(title);
    }

    private static string? Cut(string? text) => text is { Length: > 120 } ? text[..120] : text;

    private static double NumberOrNaN(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) ? v : double.NaN;
}
