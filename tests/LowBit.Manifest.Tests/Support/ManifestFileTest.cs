using System;
using System.IO;
using System.Text;
using LowBit.TestModels;

namespace LowBit.Manifest.Tests.Support;

/// <summary>
/// Base of the tests that read real files: each test gets its own temp directory, and failures are
/// checked for the three things every error must say: which file, which JSON member, what was expected.
/// </summary>
public abstract class ManifestFileTest : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected string WriteFile(string text, string name = "model.lbq")
    {
        var path = _directory.File(name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    protected string WriteFile(byte[] bytes, string name = "model.lbq")
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    protected string PathOf(string name) => _directory.File(name);

    /// <summary>Reads the file, expecting failure; returns the first error after checking file, path and expectation.</summary>
    protected static ManifestError ReadFails(string filePath, string jsonPath, string expectation)
    {
        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(filePath));
        return ErrorAssert.First(exception, filePath, jsonPath, expectation);
    }

    /// <summary>Writes <paramref name="text"/> to a file and reads it, expecting failure.</summary>
    protected ManifestError FileFails(string text, string jsonPath, string expectation) =>
        ReadFails(WriteFile(text), jsonPath, expectation);

    public void Dispose()
    {
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public static class ErrorAssert
{
    /// <summary>
    /// The first error names <paramref name="filePath"/> and exactly <paramref name="jsonPath"/>, says what was
    /// expected (contains "expected" and <paramref name="expectation"/>), and the exception message shows all three.
    /// </summary>
    public static ManifestError First(ManifestException exception, string filePath, string jsonPath, string expectation)
    {
        var error = exception.First;
        Assert.Equal(filePath, error.FilePath);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectation, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{filePath}: {jsonPath}: ", exception.Message, StringComparison.Ordinal);
        return error;
    }
}
