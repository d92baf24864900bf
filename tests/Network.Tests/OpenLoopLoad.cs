using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace OrleansServe.Network.Tests;

/// <summary>
/// The load generator, in the root namespace: model C requests of 160 tokens (20 + 160 × 0.5 ≈ 100 ms of CPU each) sent
/// open loop at a fixed rate, each with its own id and deadline, every answer kept.
/// </summary>
public sealed class OpenLoopLoad : IAsyncDisposable
{
    private const string Body = """{"id":"ID","inputs":[{"name":"tokens","datatype":"INT64","shape":[1],"data":[160]}]}""";
    private readonly HttpClient _client;
    private readonly string _scenario;
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly List<Task> _inFlight = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _sent;

    public OpenLoopLoad(HttpClient client, string scenario, int perSecond, TimeSpan deadline)
    {
        _client = client;
        _scenario = scenario;
        Deadline = deadline;
        _loop = RunAsync(perSecond);
    }

    public TimeSpan Deadline { get; }

    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    /// <summary>Sends <paramref name="count"/> requests at once, beside the steady ones.</summary>
    public void Burst(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Track(SendAsync($"{_scenario}-{Interlocked.Increment(ref _sent)}"));
        }
    }

    /// <summary>Waits until a request sent after <paramref name="sentAfter"/> was answered by a server of <paramref name="silo"/>.</summary>
    public Task ServedByAsync(string silo, DateTime sentAfter, TimeSpan timeout) =>
        Eventually.ValueAsync(() => Task.FromResult(_outcomes.FirstOrDefault(o => o.SentUtc > sentAfter && o.Silo == silo)), timeout,
            $"a request answered by {silo}");

    /// <summary>Stops sending and waits for every answer (each bounded by the client's timeout).</summary>
    public async Task<IReadOnlyList<Outcome>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Task[] pending;
        lock (_inFlight)
        {
            pending = [.. _inFlight];
        }
        await Task.WhenAll(pending);
        return [.. _outcomes];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(int perSecond)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Track(SendAsync($"{_scenario}-{Interlocked.Increment(ref _sent)}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Track(Task request)
    {
        lock (_inFlight)
        {
            _inFlight.Add(request);
        }
    }

    private async Task SendAsync(string id)
    {
        var sent = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/C/infer")
            {
                Content = new StringContent(Body.Replace("ID", id, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Timeout-Ms", ((int)Deadline.TotalMilliseconds).ToString());
            using var response = await _client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var json = response.IsSuccessStatusCode ? JsonNode.Parse(body) : null;
            var server = json?["parameters"]?["server"]?.GetValue<string>();
            _outcomes.Enqueue(new Outcome(id, sent, clock.Elapsed, (int)response.StatusCode, json?["id"]?.GetValue<string>(),
                server?.Split('/')[0], json?["parameters"]?["retries"]?.GetValue<int>() ?? 0, response.Headers.RetryAfter is not null,
                json is null ? JsonNode.Parse(body)?["detail"]?.GetValue<string>() : null));
        }
        catch (Exception e)
        {
            // "Connection refused" (no gateway to accept it) tells a request never accepted from one lost on the way.
            var reason = e.InnerException is System.Net.Sockets.SocketException socket ? $"{e.GetType().Name} {socket.SocketErrorCode}" : e.GetType().Name;
            _outcomes.Enqueue(new Outcome(id, sent, clock.Elapsed, 0, null, null, 0, false, reason));
        }
    }
}

/// <summary>
/// One request's answer: HTTP status (0: no answer), the id it echoed, the silo that served it; for a failure, the
/// problem's detail or the exception.
/// </summary>
public sealed record Outcome(string Id, DateTime SentUtc, TimeSpan Latency, int Status, string? EchoedId, string? Silo, int Retries,
    bool RetryAfter, string? Error);
