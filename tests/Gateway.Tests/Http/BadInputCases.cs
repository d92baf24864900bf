using System.Net.Http.Headers;
using System.Text;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

/// <summary>The bad inputs the gateway must refuse, each with the status it must answer.</summary>
public static class BadInputCases
{
    private const string Image = "/v2/models/resnet18/infer";
    private const string Tokens = "/v2/models/A/infer";

    public static readonly IReadOnlyDictionary<string, (Func<HttpRequestMessage> Request, HttpStatusCode Status)> All =
        new Dictionary<string, (Func<HttpRequestMessage>, HttpStatusCode)>
        {
            ["empty image body"] = (() => Post(Image, [], "image/jpeg"), HttpStatusCode.BadRequest),
            ["empty JSON body"] = (() => Post(Image, [], "application/json"), HttpStatusCode.BadRequest),
            ["truncated JPEG"] = (() => Post(Image, BadImages.Truncated(TestImages.Jpeg, 700), "image/jpeg"), HttpStatusCode.BadRequest),
            ["JPEG cut inside its scan"] = (() => Post(Image, BadImages.Truncated(TestImages.Jpeg, TestImages.Jpeg.Length * 2 / 3), "image/jpeg"), HttpStatusCode.BadRequest),
            ["PNG with a lying header"] = (() => Post(Image, BadImages.LyingPng(), "image/png"), HttpStatusCode.BadRequest),
            ["PNG declaring 40000x40000"] = (() => Post(Image, BadImages.HugePng(), "image/png"), HttpStatusCode.RequestEntityTooLarge),
            ["JPEG declaring 40000x40000"] = (() => Post(Image, BadImages.HugeJpeg(), "image/jpeg"), HttpStatusCode.RequestEntityTooLarge),
            ["random bytes as octet-stream"] = (() => Post(Image, BadImages.Random(4096), "application/octet-stream"), HttpStatusCode.BadRequest),
            ["random bytes as image/jpeg"] = (() => Post(Image, BadImages.Random(4096), "image/jpeg"), HttpStatusCode.BadRequest),
            ["random bytes without content type"] = (() => Post(Image, BadImages.Random(4096), null), HttpStatusCode.UnsupportedMediaType),
            ["image as a number"] = (() => Json(Image, """{"image": 123}"""), HttpStatusCode.BadRequest),
            ["image null"] = (() => Json(Image, """{"image": null}"""), HttpStatusCode.BadRequest),
            ["base64 garbage"] = (() => Json(Image, """{"image": "!!!not base64@@@"}"""), HttpStatusCode.BadRequest),
            ["base64 of random bytes"] = (() => Json(Image, $$"""{"image": "{{Convert.ToBase64String(BadImages.Random(600))}}"}"""), HttpStatusCode.BadRequest),
            ["JSON array body"] = (() => Json(Image, "[1, 2, 3]"), HttpStatusCode.BadRequest),
            ["malformed JSON"] = (() => Json(Image, """{"image": "abc"""), HttpStatusCode.BadRequest),
            ["JSON nested 200 deep"] = (() => Json(Image, new string('[', 200) + new string(']', 200)), HttpStatusCode.BadRequest),
            ["JSON without image"] = (() => Json(Image, """{"picture": "abc"}"""), HttpStatusCode.BadRequest),
            ["tokens as a string"] = (() => Json(Tokens, """{"tokens": "ten"}"""), HttpStatusCode.BadRequest),
            ["negative tokens"] = (() => Json(Tokens, """{"tokens": -5}"""), HttpStatusCode.BadRequest),
            ["a trillion tokens"] = (() => Json(Tokens, """{"tokens": 1000000000000}"""), HttpStatusCode.BadRequest),
            ["fractional tokens"] = (() => Json(Tokens, """{"tokens": 1.5}"""), HttpStatusCode.BadRequest),
            ["image body to a token model"] = (() => Post(Tokens, TestImages.Png, "image/png"), HttpStatusCode.UnsupportedMediaType),
            ["form-urlencoded body"] = (() => Post(Image, "image=abc"u8.ToArray(), "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType),
            ["text/plain that is not JSON"] = (() => Post(Image, "hello"u8.ToArray(), "text/plain"), HttpStatusCode.UnsupportedMediaType),
            ["XML body"] = (() => Post(Image, "<image/>"u8.ToArray(), "application/xml"), HttpStatusCode.UnsupportedMediaType),
            ["multipart without a file field"] = (() => Multipart("other"), HttpStatusCode.BadRequest),
            ["multipart without a boundary"] = (() => Post(Image, "--x\r\n\r\n"u8.ToArray(), "multipart/form-data"), HttpStatusCode.BadRequest),
            ["OIP inputs not an array"] = (() => Json(Image, """{"inputs": {"name": "image"}}"""), HttpStatusCode.BadRequest),
            ["OIP shape disagrees with data"] = (() => Json(Tokens, """{"inputs":[{"name":"tokens","datatype":"INT64","shape":[3],"data":[1,2]}]}"""), HttpStatusCode.BadRequest),
            ["OIP FP32 to an image model"] = (() => Json(Image, """{"inputs":[{"name":"image","datatype":"FP32","shape":[1],"data":[1.0]}]}"""), HttpStatusCode.BadRequest),
            ["OIP two inputs"] = (() => Json(Tokens,
                """{"inputs":[{"name":"a","datatype":"INT64","shape":[1],"data":[1]},{"name":"b","datatype":"INT64","shape":[1],"data":[1]}]}"""), HttpStatusCode.BadRequest),
            ["OIP negative dimension"] = (() => Json(Tokens, """{"inputs":[{"name":"tokens","datatype":"INT64","shape":[-1],"data":[1]}]}"""), HttpStatusCode.BadRequest),
            ["OIP batch over the limit"] = (() => Json(Tokens, """{"inputs":[{"name":"tokens","datatype":"INT64","shape":[100000],"data":[1]}]}"""), HttpStatusCode.RequestEntityTooLarge),
            ["OIP unknown output"] = (() => Json(Tokens, """{"inputs":[{"name":"tokens","datatype":"INT64","shape":[1],"data":[1]}],"outputs":[{"name":"nope"}]}"""), HttpStatusCode.BadRequest),
            ["OIP id as a number"] = (() => Json(Tokens, """{"id":7,"inputs":[{"name":"tokens","datatype":"INT64","shape":[1],"data":[1]}]}"""), HttpStatusCode.BadRequest),
            ["OIP image element not a string"] = (() => Json(Image, """{"inputs":[{"name":"image","datatype":"BYTES","shape":[1],"data":[42]}]}"""), HttpStatusCode.BadRequest),
            ["unknown model"] = (() => Json("/v2/models/nope/infer", """{"tokens": 1}"""), HttpStatusCode.NotFound),
            ["path traversal in model name"] = (() => Json("/v2/models/..%2F..%2Fetc%2Fpasswd/infer", """{"tokens": 1}"""), HttpStatusCode.NotFound),
            ["dot-dot model name"] = (() => Json("/v2/models/../infer", """{"tokens": 1}"""), HttpStatusCode.NotFound),
            ["unknown version"] = (() => Json("/v2/models/A/versions/7/infer", """{"tokens": 1}"""), HttpStatusCode.NotFound),
            ["top=0"] = (() => Json(Tokens + "?top=0", """{"tokens": 1}"""), HttpStatusCode.BadRequest),
            ["top not a number"] = (() => Json(Tokens + "?top=abc", """{"tokens": 1}"""), HttpStatusCode.BadRequest),
            ["timeout header not a number"] = (() => WithHeader(Json(Tokens, """{"tokens": 1}"""), "X-Timeout-Ms", "soon"), HttpStatusCode.BadRequest),
            ["50 MB body"] = (() => Post(Image, new byte[50 * 1024 * 1024], "image/jpeg"), HttpStatusCode.RequestEntityTooLarge),
            ["chunked body past the limit"] = (() => Chunked(Image, 11 * 1024 * 1024), HttpStatusCode.RequestEntityTooLarge),
            ["GET on infer"] = (() => new HttpRequestMessage(HttpMethod.Get, Image), HttpStatusCode.MethodNotAllowed),
            ["unknown route"] = (() => new HttpRequestMessage(HttpMethod.Get, "/v3/everything"), HttpStatusCode.NotFound),
            ["predict with unknown model"] = (() => Post("/predict?model=zzz", TestImages.Jpeg, "image/jpeg"), HttpStatusCode.NotFound),
            ["predict-load with negative counts"] = (() => Json("/api/predict-load", """{"modelCounts":{"A":-3}}"""), HttpStatusCode.BadRequest),
            ["predict-load with malformed JSON"] = (() => Json("/api/predict-load", """{"modelCounts":"""), HttpStatusCode.BadRequest),
            ["metadata of an unknown model"] = (() => new HttpRequestMessage(HttpMethod.Get, "/v2/models/nope"), HttpStatusCode.NotFound),
        };

    public static TheoryData<string> Names() => new(All.Keys);

    private static HttpRequestMessage Post(string path, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static HttpRequestMessage Json(string path, string json) => Post(path, Encoding.UTF8.GetBytes(json), "application/json");

    private static HttpRequestMessage Multipart(string field)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg), field, "x.jpg" } };
        return new HttpRequestMessage(HttpMethod.Post, Image) { Content = form };
    }

    private static HttpRequestMessage Chunked(string path, int length)
    {
        var content = new StreamContent(new UnknownLengthStream(length));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Add(name, value);
        return request;
    }
}
