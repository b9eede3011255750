namespace LowBit.Generators;

internal static class GeneratorInfo
{
    public const string Name = "LowBit.Generators";

    public static readonly string Version = typeof(GeneratorInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
