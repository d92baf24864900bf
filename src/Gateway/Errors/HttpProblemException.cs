namespace OrleansServe.Gateway.Errors;

/// <summary>A request the gateway refuses before it reaches a grain (bad media type, malformed body…), with its HTTP status.</summary>
public sealed class HttpProblemException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public static HttpProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Invalid input", detail);

    public static HttpProblemException TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);

    public static HttpProblemException UnsupportedMediaType(string detail) => new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    public static HttpProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
}
