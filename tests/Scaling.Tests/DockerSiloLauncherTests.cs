using System.Reflection;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansServe.Hosting.Launchers.Docker;
using OrleansServe.Scaling;

namespace OrleansServe.Scaling.Tests;

public class DockerSiloLauncherTests
{
    /// <summary>Records every call on the client's container operations and answers with canned responses.</summary>
    public class FakeDocker : DispatchProxy
    {
        public List<(string Method, object?[] Args)> Calls { get; } = [];

        public object? Containers { get; set; }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == "get_Containers")
            {
                return Containers;
            }

            Calls.Add((method.Name, args ?? []));
            return method.Name switch
            {
                "ListContainersAsync" => Task.FromResult<IList<ContainerListResponse>>(
                [
                    new ContainerListResponse
                    {
                        ID = "c1",
                        Names = ["/orleansserve-silo-1"],
                        Labels = new Dictionary<string, string> { [ComposeLabels.Number] = "1" },
                    },
                ]),
                "InspectContainerAsync" => Task.FromResult(new ContainerInspectResponse
                {
                    ID = "c1",
                    Config = new Config
                    {
                        Image = "orleansserve-silo:latest",
                        Env = ["Cluster__Mode=Redis", "Silo__Name=orleansserve-silo-1"],
                        Labels = new Dictionary<string, string> { [ComposeLabels.Project] = "orleansserve", [ComposeLabels.Service] = "silo", [ComposeLabels.Number] = "1" },
                    },
                    HostConfig = new HostConfig { NetworkMode = "orleansserve_default" },
                    NetworkSettings = new NetworkSettings { Networks = new Dictionary<string, EndpointSettings> { ["orleansserve_default"] = new() } },
                    State = new ContainerState { Running = true, Status = "running" },
                }),
                "CreateContainerAsync" => Task.FromResult(new CreateContainerResponse { ID = "c2" }),
                "StartContainerAsync" or "StopContainerAsync" => Task.FromResult(true),
                "RemoveContainerAsync" => Task.CompletedTask,
                _ => throw new NotSupportedException(method.Name),
            };
        }
    }

    private static (DockerSiloLauncher, FakeDocker) Launcher()
    {
        var containers = DispatchProxy.Create<IContainerOperations, FakeDocker>();
        var recorder = (FakeDocker)(object)containers;
        var client = DispatchProxy.Create<IDockerClient, FakeDocker>();
        ((FakeDocker)(object)client).Containers = containers;
        return (new DockerSiloLauncher(Options.Create(new ScalingOptions()), client, NullLogger<DockerSiloLauncher>.Instance), recorder);
    }

    [Fact]
    public async Task LaunchCreatesTheNextReplicaOfTheComposeService()
    {
        var (launcher, docker) = Launcher();
        var silo = await launcher.LaunchAsync(CancellationToken.None);

        var list = (ContainersListParameters)docker.Calls.First(c => c.Method == "ListContainersAsync").Args[0]!;
        Assert.Equal(["com.docker.compose.project=orleansserve", "com.docker.compose.service=silo"], list.Filters["label"].Keys.Order());

        var create = (CreateContainerParameters)docker.Calls.Single(c => c.Method == "CreateContainerAsync").Args[0]!;
        Assert.Equal("orleansserve-silo-2", create.Name);
        Assert.Equal("orleansserve-silo:latest", create.Image);
        Assert.Equal(["Cluster__Mode=Redis", "Silo__Name=orleansserve-silo-2"], create.Env);
        Assert.Equal("2", create.Labels[ComposeLabels.Number]);
        Assert.Equal("silo", create.Labels[ComposeLabels.Service]);
        Assert.Equal(["silo", "orleansserve-silo-2"], create.NetworkingConfig.EndpointsConfig["orleansserve_default"].Aliases);
        Assert.Equal("c2", docker.Calls.Single(c => c.Method == "StartContainerAsync").Args[0]);
        Assert.Equal("orleansserve-silo-2", silo.Name);
    }

    [Fact]
    public async Task StopStopsGracefullyThenRemoves()
    {
        var (launcher, docker) = Launcher();
        await launcher.StopAsync("orleansserve-silo-1", CancellationToken.None);

        var stop = docker.Calls.Single(c => c.Method == "StopContainerAsync");
        Assert.Equal("c1", stop.Args[0]);
        Assert.Equal(30u, ((ContainerStopParameters)stop.Args[1]!).WaitBeforeKillSeconds);
        Assert.Equal("c1", docker.Calls.Single(c => c.Method == "RemoveContainerAsync").Args[0]);
    }
}
