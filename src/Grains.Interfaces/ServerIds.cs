namespace OrleansServe;

/// <summary>Model-server keys: "{siloName}/{index}", so the key names the silo the server is pinned to.</summary>
public static class ServerIds
{
    public static string For(string siloName, int index) => $"{siloName}/{index}";

    public static string SiloOf(string serverId)
    {
        var slash = serverId.IndexOf('/');
        return slash < 0 ? serverId : serverId[..slash];
    }
}
