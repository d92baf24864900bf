using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OrleansServe.Network.Tests;

/// <summary>
/// A cluster of real network hosts (scripts/netns-cluster.sh net-up): redis, four silo hosts (silo1–silo3 serve model C;
/// silo4 stays empty until a scenario starts a silo there) and the gateway, each in a network namespace of its own on a
/// bridge with no uplink, addresses 198.19.0.0/24; the gateway also on the clients' bridge (198.19.1.0/24) where this
/// process, the load generator, has 198.19.1.1. Every process binds and advertises its host's address. Names start with
/// <c>ost{pid}</c>; beds of test runs whose process is gone are removed first. Everything is removed at the end, also
/// when start-up fails; the processes also stop with this one (<c>Silo:ParentProcessId</c>).
/// When namespaces cannot be made it starts nothing: <see cref="Require"/> skips each test (fails it with <c>CI=true</c>).
/// </summary>
public sealed partial class NetnsCluster : IAsyncLifetime
{
    public const string ClusterNet = "198.19.0";
    public const string ClientNet = "198.19.1";
    private readonly string _prefix = $"ost{Environment.ProcessId}";
    private readonly string _clusterId = $"netns-{Guid.NewGuid():N}";
    private readonly string _redisDir = Directory.CreateTempSubdirectory("netns-redis-").FullName;
    private string? _unavailable;

    public NetnsCluster()
    {
        Redis = new NetnsHost("redis", $"{_prefix}-redis", $"{ClusterNet}.2", $"{_prefix}-r");
        Gateway = new NetnsHost("gw", $"{_prefix}-gw", $"{ClusterNet}.10", $"{_prefix}-gc");
        Silos = [.. Enumerable.Range(1, 4).Select(i => new NetnsHost($"silo{i}", $"{_prefix}-silo{i}", $"{ClusterNet}.{10 + i}", $"{_prefix}-s{i}"))];
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://{ClientNet}.10:8080"),
            Timeout = TimeSpan.FromSeconds(90),
        };
    }

    public NetnsHost Redis { get; }

    public NetnsHost Gateway { get; }

    /// <summary>silo1–silo3 run from the start; silo4 is a spare host.</summary>
    public IReadOnlyList<NetnsHost> Silos { get; }

    /// <summary>HTTP to the gateway over the clients' bridge.</summary>
    public HttpClient Client { get; }

    public NetnsHost Silo(string name) => Silos.Single(s => s.Name == name);

    /// <summary>Skips the calling test (fails it with <c>CI=true</c>) when the test bed could not be made; call it first.</summary>
    public void Require()
    {
        if (_unavailable is not null)
        {
            Prerequisites.Unavailable(_unavailable);
        }
    }

    public async Task InitializeAsync()
    {
        if (Prerequisites.Find("ip") is null || Prerequisites.Find("redis-server") is null)
        {
            _unavailable = "the network test bed needs `ip` and redis-server: apt-get install -y iproute2 redis-server";
            return;
        }
        RemoveStaleBeds();
        var (code, output) = Script("net-up");
        if (code != 0)
        {
            Script("net-down");
            _unavailable = $"network namespaces could not be made here (root and CAP_NET_ADMIN are needed): {output.Trim()}";
            return;
        }
        try
        {
            StartRedis();
            await Eventually.ValueAsync(async () => await RedisAnswersAsync() ? "ok" : null, TimeSpan.FromSeconds(20), "redis to answer PING");
            foreach (var silo in Silos.Take(3))
            {
                StartSilo(silo);
            }
            StartGateway();
            await WaitServingAsync(TimeSpan.FromMinutes(3));
        }
        catch
        {
            var diagnostics = Diagnostics();
            await DisposeAsync();
            throw new InvalidOperationException("The network test bed did not start.\n" + diagnostics);
        }
    }

    /// <summary>Waits until the gateway is ready and silo1–silo3 each have a healthy server; says what it saw if not.</summary>
    public async Task WaitServingAsync(TimeSpan timeout)
    {
        var seen = "nothing";
        try
        {
            await Eventually.ValueAsync(async () =>
            {
                if (!Gateway.Running)
                {
                    throw new InvalidOperationException("the gateway exited");
                }
                var servers = await ServersAsync();
                seen = string.Join(", ", servers) + "; " + string.Join(", ", await MembersAsync());
                return Silos.Take(3).All(s => servers.Any(x => x.Silo == s.Name && x.Healthy)) ? "ok" : null;
            }, timeout, "silo1–silo3 serving through the gateway");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last seen: {seen}\n{Diagnostics()}", e);
        }
    }

    public void StartRedis() => Redis.Process = Start(Redis, "redis-server",
        ["--bind", Redis.Address, "--port", "6379", "--protected-mode", "no", "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--dir", _redisDir], []);

    /// <summary>Starts a fresh incarnation of the silo on its host, as a supervisor (compose, Kubernetes) would.</summary>
    public void StartSilo(NetnsHost silo) => silo.Process = Start(silo, "dotnet", [RepoPaths.BuiltDll("Silo")], new() { ["Silo__HttpPort"] = "8081" });

    /// <summary>Starts a fresh incarnation of the gateway, as a supervisor would.</summary>
    public void StartGateway() => Gateway.Process = Start(Gateway, "dotnet", [RepoPaths.BuiltDll("Gateway")], new()
    {
        ["Silo__Servers"] = "0",
        ["Urls"] = Client.BaseAddress!.ToString().TrimEnd('/'),
    });

    private ManagedProcess Start(NetnsHost host, string program, IEnumerable<string> arguments, Dictionary<string, string> extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = $"{Redis.Address}:6379",
            ["Cluster__ClusterId"] = _clusterId,
            ["Silo__Name"] = host.Name,
            ["Silo__Address"] = host.Address,
            ["Silo__SiloPort"] = "11111",
            ["Silo__GatewayPort"] = "30000",
            ["Silo__Dashboard"] = "false",
            ["Silo__ParentProcessId"] = Environment.ProcessId.ToString(),
            ["Models__Load"] = "C",
            ["Engine__Workers"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OrleansServe.Grains.Servers.ServerRegistryGrain"] = "Information", // RegistryHosts()
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }
        var dll = arguments.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal));
        return ManagedProcess.Start(host.Name, "ip", ["netns", "exec", host.Namespace, program, .. arguments], environment,
            dll is null ? _redisDir : Path.GetDirectoryName(dll));
    }

    /// <summary>Sets the host's cluster link down (a partition) or up again.</summary>
    public void SetLink(NetnsHost host, bool up) => Run("ip", ["link", "set", host.Link, up ? "up" : "down"]);

    /// <summary>Sends a signal (STOP, CONT, KILL, TERM) to the host's process.</summary>
    public void Signal(NetnsHost host, string signal) => Run("kill", [$"-{signal}", host.Process!.Id.ToString()]);

    private async Task<bool> RedisAnswersAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", Redis.Namespace, "redis-cli", "-h", Redis.Address, "ping"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Contains("PONG", StringComparison.Ordinal);
    }

    /// <summary>The gateway's view of the servers (<c>GET /api/servers</c>).</summary>
    public async Task<IReadOnlyList<ServerView>> ServersAsync(CancellationToken cancellationToken = default)
    {
        var servers = JsonNode.Parse(await Client.GetStringAsync("/api/servers", cancellationToken))!.AsArray();
        return [.. servers.Select(s => new ServerView(s!["silo"]!.GetValue<string>(), s["siloAddress"]!.GetValue<string>(),
            s["healthy"]!.GetValue<bool>(), s["circuit"]!.GetValue<string>()))];
    }

    /// <summary>The gateway's membership view (<c>GET /api/cluster</c>): name, address with generation, status.</summary>
    public async Task<IReadOnlyList<MemberView>> MembersAsync(CancellationToken cancellationToken = default)
    {
        var members = JsonNode.Parse(await Client.GetStringAsync("/api/cluster", cancellationToken))!.AsArray();
        return [.. members.Select(m => new MemberView(m!["name"]!.GetValue<string>(), m["address"]!.GetValue<string>(), m["status"]!.GetValue<string>()))];
    }

    /// <summary>
    /// The hosts whose process logged the server registry registering a server: where the registry grain ran. With no
    /// silo lost, one host; two or more at once means the registry ran as several activations, each with a part of the
    /// servers' reports (the eventually consistent grain directory did that while views converged).
    /// </summary>
    public IReadOnlyList<string> RegistryHosts() =>
        [.. new[] { Gateway }.Concat(Silos).Where(h => h.Process is { } p && Registered().IsMatch(p.Output())).Select(h => h.Name)];

    public string Diagnostics() =>
        string.Join("\n", new[] { Redis, Gateway }.Concat(Silos).Where(h => h.Process is not null).Select(h => h.Process!.Output()));

    public Task DisposeAsync()
    {
        Client.Dispose();
        foreach (var host in new[] { Gateway }.Concat(Silos).Append(Redis))
        {
            if (host.Process is { } process)
            {
                if (host.Running)
                {
                    Exec("kill", ["-CONT", process.Id.ToString()]); // a frozen process would not die before it runs again
                }
                process.Dispose();
            }
        }
        Script("net-down");
        Directory.Delete(_redisDir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Beds left by test runs that crashed: their namespaces are named after a process that no longer runs.</summary>
    private static void RemoveStaleBeds()
    {
        var (_, list) = Exec("ip", ["netns", "list"]);
        foreach (var pid in StaleBed().Matches(list).Select(m => int.Parse(m.Groups[1].Value)).Distinct())
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                Exec("bash", [Path.Combine(RepoPaths.Root, "scripts", "netns-cluster.sh"), "net-down"], new() { ["NETNS_PREFIX"] = $"ost{pid}" });
            }
        }
    }

    private (int Code, string Output) Script(string command) =>
        Exec("bash", [Path.Combine(RepoPaths.Root, "scripts", "netns-cluster.sh"), command], new()
        {
            ["NETNS_PREFIX"] = _prefix,
            ["SILOS"] = Silos.Count.ToString(),
            ["CLUSTER_NET"] = ClusterNet,
            ["CLIENT_NET"] = ClientNet,
        });

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var (code, output) = Exec(program, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    private static (int Code, string Output) Exec(string program, IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    [GeneratedRegex(@"^ost(\d+)-", RegexOptions.Multiline)]
    private static partial Regex StaleBed();

    // ServerRegistryGrain's log line "Server {id} on silo {silo} registered".
    [GeneratedRegex(@" on silo \S+ registered$", RegexOptions.Multiline)]
    private static partial Regex Registered();
}

/// <summary>A server as the gateway lists it.</summary>
public sealed record ServerView(string Silo, string SiloAddress, bool Healthy, string Circuit);

/// <summary>A silo of the membership as the gateway sees it.</summary>
public sealed record MemberView(string Name, string Address, string Status);
