namespace OrleansServe.LoadTester.Requests;

/// <summary>Builds the HTTP request for one scheduled send; must be cheap and thread-safe.</summary>
public interface IRequestFactory
{
    /// <summary>The request for send number <paramref name="index"/>; <paramref name="model"/> is what it asks for.</summary>
    HttpRequestMessage Create(long index, out string model);
}
