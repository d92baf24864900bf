namespace OrleansServe.Gateway.Ui;

/// <summary>A silo of the membership table: what the snapshot builder needs of it.</summary>
public sealed record SiloMember(string Name, string Address, string Status);
