using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests;

/// <summary>What every LowBit diagnostic must get right: id, severity, where it points and what it says.</summary>
internal static class DiagnosticAssert
{
    /// <summary>An error located in <paramref name="modelPath"/> whose message names the file and contains each of <paramref name="messageParts"/>.</summary>
    public static void IsError(Diagnostic diagnostic, string id, string modelPath, params string[] messageParts)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(modelPath, diagnostic.Location.GetLineSpan().Path);
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains(Path.GetFileName(modelPath), message);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, message);
        }
    }

    /// <summary>A manifest error: as <see cref="IsError"/>, with the JSON path, "expected …", and the 0-based line it underlines.</summary>
    public static void IsManifestError(Diagnostic diagnostic, string id, string modelPath, string jsonPath, string expected, int line)
    {
        IsError(diagnostic, id, modelPath, ": " + jsonPath + ": ", expected);
        Assert.StartsWith("expected", expected);
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
