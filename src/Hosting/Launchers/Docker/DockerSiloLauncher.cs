using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers;
using OrleansServe.Scaling.Launchers.Docker;

namespace OrleansServe.Hosting.Launchers.Docker;

/// <summary>
/// Adds a container to the compose project's silo service the way <c>docker compose up --scale</c> would: a copy of
/// a running replica's image, environment, labels and networks with the next container number and its own silo name;
/// removes one by stopping it (SIGTERM, so its servers drain) and deleting it.
/// </summary>
internal sealed partial class DockerSiloLauncher(IOptions<ScalingOptions> options, IDockerClient docker, ILogger<DockerSiloLauncher> logger) : ISiloLauncher
{
    private readonly StartupClock _startup = new();
    private readonly List<ScaledSilo> _silos = [];
    private DockerLauncherOptions Options => options.Value.Docker;

    public string Name => "docker";

    public double? MeasuredStartupSeconds => _startup.MeanSeconds;

    public IReadOnlyList<ScaledSilo> Silos
    {
        get
        {
            lock (_silos)
            {
                return _silos.ToList();
            }
        }
    }

    public async Task<ScaledSilo> LaunchAsync(CancellationToken cancellationToken)
    {
        var replicas = await ListReplicasAsync(cancellationToken);
        var template = replicas.FirstOrDefault() ?? throw new InvalidOperationException(
            $"No running container of compose service '{Options.Service}' in project '{Options.Project}' to copy.");
        var inspected = await docker.Containers.InspectContainerAsync(template.ID, cancellationToken);
        var number = replicas.Select(r => r.Labels.TryGetValue(ComposeLabels.Number, out var n) && int.TryParse(n, CultureInfo.InvariantCulture, out var i) ? i : 0).DefaultIfEmpty(0).Max() + 1;
        var name = $"{Options.Project}-{Options.Service}-{number}";

        var create = ContainerFor(inspected, name, number);
        var clock = Stopwatch.StartNew();
        var created = await docker.Containers.CreateContainerAsync(create, cancellationToken);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
        LogLaunching(name, created.ID);
        var starting = new ScaledSilo(name, Name, DateTime.UtcNow - clock.Elapsed, null);
        lock (_silos)
        {
            _silos.Add(starting);
        }

        await WaitHealthyAsync(created.ID, cancellationToken);
        _startup.Record(clock.Elapsed);
        var silo = starting with { StartupSeconds = clock.Elapsed.TotalSeconds };
        lock (_silos)
        {
            _silos[_silos.IndexOf(starting)] = silo;
        }

        return silo;
    }

    /// <summary>The create request for a copy of <paramref name="template"/> named <paramref name="name"/>.</summary>
    public CreateContainerParameters ContainerFor(ContainerInspectResponse template, string name, int number)
    {
        var labels = new Dictionary<string, string>(template.Config.Labels ?? new Dictionary<string, string>())
        {
            [ComposeLabels.Number] = number.ToString(CultureInfo.InvariantCulture),
            [ComposeLabels.OneOff] = "False",
        };
        var env = (template.Config.Env ?? []).Where(e => !e.StartsWith("Silo__Name=", StringComparison.Ordinal)).Append($"Silo__Name={name}").ToList();
        var networks = (template.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
            .ToDictionary(kv => kv.Key, _ => new EndpointSettings { Aliases = [Options.Service, name] });
        return new CreateContainerParameters
        {
            Name = name,
            Hostname = name,
            Image = template.Config.Image,
            Env = env,
            Labels = labels,
            Cmd = template.Config.Cmd,
            Entrypoint = template.Config.Entrypoint,
            Healthcheck = template.Config.Healthcheck,
            HostConfig = new HostConfig
            {
                NetworkMode = template.HostConfig?.NetworkMode,
                RestartPolicy = template.HostConfig?.RestartPolicy,
                NanoCPUs = template.HostConfig?.NanoCPUs ?? 0,
                Memory = template.HostConfig?.Memory ?? 0,
            },
            NetworkingConfig = new NetworkingConfig { EndpointsConfig = networks },
        };
    }

    private async Task WaitHealthyAsync(string id, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(Options.StartTimeoutSeconds))
        {
            var state = (await docker.Containers.InspectContainerAsync(id, cancellationToken)).State;
            if (state is { Running: true } && (state.Health is null || state.Health.Status == "healthy"))
            {
                return;
            }

            if (state is { Running: false, Status: "exited" or "dead" })
            {
                throw new InvalidOperationException($"Container {id} exited while starting.");
            }

            await Task.Delay(500, cancellationToken);
        }
        throw new TimeoutException($"Container {id} was not healthy within {Options.StartTimeoutSeconds} s.");
    }

    public async Task StopAsync(string siloName, CancellationToken cancellationToken)
    {
        var container = (await ListReplicasAsync(cancellationToken)).FirstOrDefault(c => c.Names.Any(n => n.TrimStart('/') == siloName));
        if (container is not null)
        {
            await docker.Containers.StopContainerAsync(container.ID, new ContainerStopParameters { WaitBeforeKillSeconds = Options.StopTimeoutSeconds }, cancellationToken);
            await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters(), cancellationToken);
            LogStopped(siloName);
        }
        lock (_silos)
        {
            _silos.RemoveAll(s => s.Name == siloName);
        }
    }

    private async Task<IList<ContainerListResponse>> ListReplicasAsync(CancellationToken cancellationToken) =>
        await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool>
                {
                    [$"{ComposeLabels.Project}={Options.Project}"] = true,
                    [$"{ComposeLabels.Service}={Options.Service}"] = true,
                },
            },
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started container {Silo} ({ContainerId})")]
    private partial void LogLaunching(string silo, string containerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped and removed container {Silo}")]
    private partial void LogStopped(string silo);
}
