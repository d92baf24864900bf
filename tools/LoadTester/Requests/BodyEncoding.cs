using System.Text;

namespace OrleansServe.LoadTester.Requests;

/// <summary>Encodes image bodies for the multipart and base64-JSON endpoint styles.</summary>
public static class BodyEncoding
{
    /// <summary>The multipart boundary; fixed so bodies can be encoded once.</summary>
    public const string Boundary = "----OrleansServeLoadTester7f3a9c";

    /// <summary>A <c>multipart/form-data</c> body with the image in field <c>file</c>.</summary>
    public static PreparedBody Multipart(byte[] image, string fileName)
    {
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Sanitize(fileName)}\"\r\n" +
            "Content-Type: image/jpeg\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        return new PreparedBody([.. head, .. image, .. tail], $"multipart/form-data; boundary={Boundary}");
    }

    /// <summary>A JSON body <c>{"image":"&lt;base64&gt;"}</c>.</summary>
    public static PreparedBody Base64Json(byte[] image) =>
        new(Encoding.ASCII.GetBytes($"{{\"image\":\"{Convert.ToBase64String(image)}\"}}"), "application/json");

    private static string Sanitize(string name) =>
        new(name.Select(c => c is '"' or '\\' || c < 32 || c > 126 ? '_' : c).ToArray());
}
