using System;

namespace LowBit.Quantization.Export;

/// <summary>The module graph cannot be expressed as a manifest; the message names the module and says
/// what would be accepted instead.</summary>
public sealed class ExportException : Exception
{
    public ExportException(string modulePath, string message)
        : base($"{modulePath}: {message}")
    {
        ModulePath = modulePath;
    }

    public string ModulePath { get; }
}
