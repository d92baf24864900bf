using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Grpc;

/// <summary>
/// The gRPC service through a client we did not write: Debian's python3-grpcio, stubs generated at test time by
/// python3-grpc-tools from the proto the gateway serves (oip_client.py says what it checks).
/// </summary>
[Collection(GrpcCollection.Name)]
public class GrpcPythonClientTests(GrpcGatewayFactory factory)
{
    private const string Install = "apt-get install -y python3-grpcio python3-grpc-tools";

    [SkippableFact]
    public async Task PythonGrpcio_ExercisesEveryRpc()
    {
        var python = PythonWithGrpc();
        var script = Path.Combine(RepoPaths.Root, "tests", "Gateway.Tests", "Grpc", "oip_client.py");
        var proto = Path.Combine(RepoPaths.Root, "src", "Gateway", "Grpc", "Protos", "open_inference_grpc.proto");
        var (exit, output) = await RunAsync(python, [script, "--grpc", $"127.0.0.1:{factory.GrpcPort}", "--rest", $"http://127.0.0.1:{factory.HttpPort}",
            "--proto", proto, "--images", RepoPaths.TestImages], TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, output);
        foreach (var check in new[] { "ServerLive", "ServerReady", "ServerMetadata", "ModelReady", "ModelMetadata", "ModelInfer batch of images",
            "parity with REST", "raw_input_contents in, raw_output_contents out", "NOT_FOUND", "INVALID_ARGUMENT", "UNAVAILABLE with retry-after",
            "DEADLINE_EXCEEDED", "cancel", "serves after a cancel" })
        {
            Assert.Contains($"ok {check}\n", output);
        }
    }

    /// <summary>Debian's python3 (a pyenv or venv python on PATH may lack the Debian packages), when it imports grpc and grpc_tools.</summary>
    private static string PythonWithGrpc()
    {
        var python = Prerequisites.Find("/usr/bin/python3") ?? Prerequisites.Tool("python3", Install);
        using var probe = OsProcess.Start(new ProcessStartInfo(python, ["-c", "import grpc, grpc_tools.protoc"]) { RedirectStandardError = true })!;
        probe.WaitForExit(30_000);
        return probe.HasExited && probe.ExitCode == 0 ? python : Prerequisites.Unavailable($"{python} cannot import grpc and grpc_tools; {Install} to run this test");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        using var process = OsProcess.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
