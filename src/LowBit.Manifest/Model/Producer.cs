namespace LowBit.Manifest;

/// <summary>The tool that wrote a manifest, so a bad file can be traced to the exporter that made it.</summary>
public sealed record Producer(string Name, string Version);
