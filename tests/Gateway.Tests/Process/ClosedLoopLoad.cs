using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// Closed-loop load of one token model through the gateway: a fixed number of clients, each sending its next request
/// as soon as its last one is answered. Every server keeps a queue however slow the machine is, and no queue grows
/// past the number of clients. A client sends to the first gateway that accepts its connection: a refused connection
/// was never received, so it is what a load balancer retries on another backend. Every answer is kept.
/// </summary>
public sealed class ClosedLoopLoad
{
    private readonly IReadOnlyList<HttpClient> _gateways;
    private readonly string _model;
    private readonly int _tokens;
    private readonly ConcurrentQueue<LoadAnswer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;

    private ClosedLoopLoad(IReadOnlyList<HttpClient> gateways, string model, int tokens, int clients)
    {
        (_gateways, _model, _tokens) = (gateways, model, tokens);
        _clients = Enumerable.Range(0, clients).Select(_ => Task.Run(RunClientAsync)).ToArray();
    }

    /// <summary>Time since the load started: what <see cref="LoadAnswer.SentAt"/> and <see cref="LoadAnswer.DoneAt"/> count from.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>The answers so far (a live view).</summary>
    public IReadOnlyCollection<LoadAnswer> Answers => _answers;

    /// <summary>Starts <paramref name="clients"/> clients sending <paramref name="model"/> requests of <paramref name="tokens"/> tokens.</summary>
    public static ClosedLoopLoad Start(IReadOnlyList<HttpClient> gateways, string model, int tokens, int clients) => new(gateways, model, tokens, clients);

    /// <summary>Lets each client finish the request it has out, then returns every answer in the order sent.</summary>
    public async Task<IReadOnlyList<LoadAnswer>> StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_clients);
        return [.. _answers.OrderBy(a => a.SentAt)];
    }

    /// <summary>The answers so far in one line (see <see cref="Summarize"/>).</summary>
    public string Summary() => $"after {Clock.Elapsed.TotalSeconds:0.0} s: {Summarize([.. _answers])}";

    /// <summary>Answers in one line: how many, failed, retried, by server, slowest.</summary>
    public static string Summarize(IReadOnlyCollection<LoadAnswer> answers) =>
        $"{answers.Count} requests, {answers.Count(a => !a.Ok)} failed, {answers.Count(a => a.Retries > 0)} retried; " +
        $"by server: {string.Join(", ", answers.Where(a => a.Ok).GroupBy(a => a.Server).Select(g => $"{g.Key} {g.Count()}"))}; " +
        $"slowest {answers.Select(a => (a.DoneAt - a.SentAt).TotalMilliseconds).DefaultIfEmpty().Max():0} ms";

    /// <summary>Failures grouped by status and reason, each with when they were sent.</summary>
    public static string Describe(IEnumerable<LoadAnswer> failures) => string.Join("\n", failures
        .GroupBy(f => $"{(int)f.Status} {Detail(f.Body)}")
        .Select(g => $"{g.Count()} × {g.Key} (sent {g.Min(f => f.SentAt.TotalSeconds):0.00}–{g.Max(f => f.SentAt.TotalSeconds):0.00} s)"));

    private async Task RunClientAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            _answers.Enqueue(await SendAsync());
        }
    }

    private async Task<LoadAnswer> SendAsync()
    {
        var sentAt = Clock.Elapsed;
        for (var gateway = 0; ; gateway++)
        {
            try
            {
                using var response = await _gateways[gateway].PostAsJsonAsync($"/v2/models/{_model}/infer", new { tokens = _tokens });
                var body = await response.Content.ReadAsStringAsync();
                var json = response.IsSuccessStatusCode ? JsonNode.Parse(body) : null;
                return new LoadAnswer(sentAt, Clock.Elapsed, response.StatusCode, gateway, json?["server"]?.GetValue<string>(),
                    json?["timings"]?["retries"]?.GetValue<int>() ?? 0, body);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } && gateway + 1 < _gateways.Count)
            {
                // Refused: this gateway is gone or stopping and never saw the request; the next one gets it.
            }
            catch (Exception e)
            {
                return new LoadAnswer(sentAt, Clock.Elapsed, 0, gateway, null, 0, $"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
            }
        }
    }

    private static string Detail(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}

/// <summary>One request of a <see cref="ClosedLoopLoad"/>: when it was sent and answered, by which gateway (index) and server, after how many retries.</summary>
public sealed record LoadAnswer(TimeSpan SentAt, TimeSpan DoneAt, HttpStatusCode Status, int Gateway, string? Server, int Retries, string Body)
{
    public bool Ok => Status == HttpStatusCode.OK;

    /// <summary>Whether a model server of the named silo served it (server ids are <c>{silo}/{n}</c>).</summary>
    public bool ServedBy(string silo) => Server?.StartsWith(silo + "/", StringComparison.Ordinal) == true;
}
