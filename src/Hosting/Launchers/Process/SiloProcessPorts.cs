namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>The three ports of a launched silo process.</summary>
internal sealed record SiloProcessPorts(int SiloPort, int GatewayPort, int HttpPort);
