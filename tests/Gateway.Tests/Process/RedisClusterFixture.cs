using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Runtime;
using StackExchange.Redis;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// Real processes in Redis mode: redis-server on a free loopback port (no persistence), two silo processes and the
/// gateway process (<c>Silo:Servers=0</c>), all from the built outputs, with a cluster id unique to this run.
/// Ready once the gateway's /health is 200; everything is killed at the end, also when start-up fails.
/// Without redis-server it starts nothing and does not fail (a fixture's failure fails every test, also outside CI):
/// each test calls <see cref="Require"/> first, which skips it, or fails it with <c>CI=true</c>.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly List<ManagedProcess> _processes = [];
    private readonly string _clusterId = $"gw-e2e-{Guid.NewGuid():N}";
    private int _redisPort;
    private ConnectionMultiplexer? _redis;

    public HttpClient Client { get; private set; } = null!;

    public Uri GatewayUri { get; private set; } = null!;

    public IReadOnlyList<(string Name, ManagedProcess Process)> Silos { get; private set; } = [];

    /// <summary>Each silo's web host (its /metrics and /health), by silo name.</summary>
    public IReadOnlyDictionary<string, Uri> SiloHttp { get; private set; } = new Dictionary<string, Uri>();

    /// <summary>Settings in environment form (<c>Engine__MaxQueue</c>) the silo processes get on top of the defaults.</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Settings in environment form the gateway process gets on top of the defaults.</summary>
    public IReadOnlyDictionary<string, string> GatewaySettings { get; init; } = new Dictionary<string, string>();

    public ManagedProcess Gateway { get; private set; } = null!;

    /// <summary>Skips the calling test (fails it with <c>CI=true</c>) when redis-server is not installed; call it first.</summary>
    public void Require() => _ = Prerequisites.Tool("redis-server", "apt-get install -y redis-server");

    public async Task InitializeAsync()
    {
        HeavyFixtures.Enter(nameof(RedisClusterFixture));
        if (Prerequisites.Find("redis-server") is null)
        {
            return; // Nothing to start: each test's Require() reports it.
        }
        try
        {
            await StartAsync();
        }
        catch
        {
            var output = Diagnostics();
            await DisposeAsync();
            throw new InvalidOperationException("The Redis cluster did not start.\n" + output);
        }
    }

    private async Task StartAsync()
    {
        _redisPort = FreePorts.Next();
        _processes.Add(ManagedProcess.Start("redis", "redis-server",
            ["--port", _redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]));
        await Eventually.ValueAsync(async () => await PingRedisAsync() ? "ok" : null, TimeSpan.FromSeconds(20), "redis-server to answer PING");

        var silos = new List<(string, ManagedProcess)>();
        var siloHttp = new Dictionary<string, Uri>();
        for (var i = 0; i < 2; i++)
        {
            var (name, process, http) = StartSilo(SiloSettings);
            silos.Add((name, process));
            siloHttp[name] = http;
        }
        Silos = silos;
        SiloHttp = siloHttp;

        (_, GatewayUri, Gateway) = StartGateway("gateway", GatewaySettings);
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = GatewayUri, Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.ValueAsync(async () =>
        {
            if (_processes.FirstOrDefault(p => p.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited");
            }

            using var response = await Client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK ? "ok" : null;
        }, TimeSpan.FromMinutes(3), "the gateway's /health = 200");
    }

    /// <summary>
    /// Starts one more silo process in this cluster (settings override the defaults, e.g. <c>Models__Load</c>) and
    /// returns once the gateway sees its model server healthy with a model loaded.
    /// </summary>
    public async Task<(string Name, ManagedProcess Process)> AddSiloAsync(IReadOnlyDictionary<string, string> settings)
    {
        var (name, process, _) = StartSilo(settings);
        var silo = (Name: name, Process: process);
        await Eventually.ValueAsync(async () =>
        {
            if (silo.Process.HasExited)
            {
                throw new InvalidOperationException($"{silo.Name} exited:\n{silo.Process.Output()}");
            }

            var servers = await Client.GetFromJsonAsync<JsonArray>("/api/servers");
            return servers!.FirstOrDefault(s => s!["silo"]!.GetValue<string>() == silo.Name && s["healthy"]!.GetValue<bool>() && s["models"]!.AsArray().Count > 0);
        }, TimeSpan.FromSeconds(90), $"{silo.Name}'s model server healthy at the gateway");
        return silo;
    }

    /// <summary>Starts a second gateway process in this cluster and returns once its /health is 200.</summary>
    public async Task<(string Name, Uri Uri, ManagedProcess Process)> AddGatewayAsync()
    {
        var gateway = StartGateway("gateway-2");
        using var client = new HttpClient { BaseAddress = gateway.Uri, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.ValueAsync(async () =>
        {
            if (gateway.Process.HasExited)
            {
                throw new InvalidOperationException($"{gateway.Name} exited:\n{gateway.Process.Output()}");
            }

            using var response = await client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK ? "ok" : null;
        }, TimeSpan.FromSeconds(90), $"{gateway.Name}'s /health = 200");
        return gateway;
    }

    /// <summary>A silo process; its member name is <c>silo-{SiloPort}</c>, the default.</summary>
    private (string Name, ManagedProcess Process, Uri Http) StartSilo(IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePorts.Next();
        var name = $"silo-{siloPort}";
        var httpPort = FreePorts.Next();
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Silo__HttpPort"] = httpPort.ToString() };
        return (name, StartHost("Silo", name, siloPort, environment), new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>A gateway process that hosts no model server (<c>Silo:Servers=0</c>); its member name is <c>silo-{SiloPort}</c>.</summary>
    private (string Name, Uri Uri, ManagedProcess Process) StartGateway(string processName, IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePorts.Next();
        var uri = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var process = StartHost("Gateway", processName, siloPort, new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Silo__Servers"] = "0",
            ["Urls"] = uri.ToString().TrimEnd('/'),
            ["ASPNETCORE_URLS"] = uri.ToString().TrimEnd('/'),
            ["Gateway__GrpcPort"] = FreePorts.Next().ToString(),
        });
        return ($"silo-{siloPort}", uri, process);
    }

    private ManagedProcess StartHost(string project, string name, int siloPort, Dictionary<string, string> extra)
    {
        var dll = RepoPaths.BuiltDll(project);
        var environment = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = $"127.0.0.1:{_redisPort}",
            ["Cluster__ClusterId"] = _clusterId,
            ["Silo__SiloPort"] = siloPort.ToString(),
            ["Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Silo__Dashboard"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        var process = ManagedProcess.Start(name, "dotnet", [dll], environment, Path.GetDirectoryName(dll));
        _processes.Add(process);
        return process;
    }

    private async Task<bool> PingRedisAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _redisPort);
        var stream = tcp.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }

    /// <summary>
    /// The silo's row in the cluster's membership table, read from Redis (Orleans' JSON of a membership entry: its
    /// <c>Status</c> and who declared it dead, <c>SuspectTimes</c>); null before it joined.
    /// </summary>
    public async Task<MembershipRow?> MembershipRowAsync(string siloName)
    {
        _redis ??= await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redisPort}");
        var rows = await _redis.GetDatabase().HashGetAllAsync($"orleansserve/members/{_clusterId}");
        return rows.Where(r => r.Name != "Version").Select(r => JsonNode.Parse(r.Value.ToString())!)
            .Where(row => row["SiloName"]?.GetValue<string>() == siloName)
            .Select(row => new MembershipRow(
                (SiloStatus)row["Status"]!.GetValue<int>(),
                row["SiloAddress"]!["SiloAddress"]!.GetValue<string>(),
                row["SuspectTimes"]!.AsArray().Select(s => s!["Item1"]!["SiloAddress"]!.GetValue<string>()).ToList()))
            .FirstOrDefault();
    }

    /// <summary>The recent output of every process, for failure messages.</summary>
    public string Diagnostics() => string.Join("\n", _processes.Select(p => p.Output()));

    public Task DisposeAsync()
    {
        Client?.Dispose();
        _redis?.Dispose();
        // Gateway and silos first, Redis last, so nobody logs a lost membership table on the way down.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }
        HeavyFixtures.Leave(nameof(RedisClusterFixture));
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}

/// <summary>A silo's row in the membership table: its status, its address, and the silos that voted it dead (in order).</summary>
public sealed record MembershipRow(SiloStatus Status, string Address, IReadOnlyList<string> Suspectors)
{
    /// <summary>
    /// Whether the silo wrote its own death: Orleans adds the silo that declares a silo dead to its suspectors, so a silo
    /// that left gracefully is the last of its own; one found dead by the others has a voter there instead.
    /// </summary>
    public bool DeclaredItselfDead => Status == SiloStatus.Dead && Suspectors.Count > 0 && Suspectors[^1] == Address;

    public override string ToString() => $"{Status}, declared dead by [{string.Join(", ", Suspectors)}] (itself {Address})";
}
